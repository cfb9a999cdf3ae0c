package io.weir.core.util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/** Java-serialization copies: one copy of each user function per subtask. */
public final class InstantiationUtil {
  private InstantiationUtil() {}

  public static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
      out.writeObject(o);
    }
    return bos.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (T) in.readObject();
    }
  }

  /**
   * A deep copy through Java serialization. Fails with a message naming {@code what} (e.g. the
   * operator) and the class that is not serializable.
   */
  public static <T extends Serializable> T clone(T o, String what) {
    if (o == null) {
      return null;
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = o.getClass().getClassLoader();
      }
      return deserialize(serialize(o), loader);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          what + " is not serializable: it holds a " + e.getMessage()
              + " (make that field transient or Serializable, or create it in open())", e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException(what + " could not be copied: " + e, e);
    }
  }

  private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    ClassLoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
