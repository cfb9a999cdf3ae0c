package io.weir.datastream;

import io.weir.core.util.InstantiationUtil;
import java.io.IOException;
import java.io.NotSerializableException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Build-time checks of user functions, so mistakes surface where the job is written. */
final class Functions {
  private static final Logger LOG = LoggerFactory.getLogger(Functions.class);

  private Functions() {}

  /**
   * Functions are copied to every parallel instance by Java serialization; one that cannot be
   * serialized (e.g. a lambda capturing a non-serializable object) fails here with the culprit.
   *
   * <p>Anonymous and inner classes (Java 17 javac) always hold a reference to the enclosing
   * instance, even when they never use it, so a function written inside a non-serializable class
   * could never be shipped. Like Flink's closure cleaner, when serialization fails such references
   * are cleared and serialization is retried; if it still fails they are put back and the error is
   * reported. A function that does use its enclosing instance would fail anyway.
   */
  static <F> F checkSerializable(F function, String operation) {
    Objects.requireNonNull(function, operation + ": the function must not be null");
    IOException failure = trySerialize(function);
    if (failure instanceof NotSerializableException) {
      List<Object[]> cleared = clearOuterReferences(function);
      if (!cleared.isEmpty()) {
        IOException retry = trySerialize(function);
        if (retry == null) {
          LOG.debug("{}: cleared the unused enclosing-instance reference of {}", operation, function.getClass().getName());
          return function;
        }
        restore(function, cleared);
        failure = retry;
      }
    }
    if (failure instanceof NotSerializableException) {
      throw new IllegalArgumentException(operation + ": the function " + describe(function)
          + " is not serializable: it holds a " + failure.getMessage()
          + " (make that field transient or Serializable, or create it in open())", failure);
    } else if (failure != null) {
      throw new IllegalArgumentException(operation + ": the function " + describe(function)
          + " cannot be serialized: " + failure, failure);
    }
    return function;
  }

  private static IOException trySerialize(Object o) {
    try {
      InstantiationUtil.serialize(o);
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** Nulls the synthetic this$N fields of inner/anonymous classes; returns {field, old value} pairs. */
  private static List<Object[]> clearOuterReferences(Object function) {
    List<Object[]> cleared = new ArrayList<>();
    for (Class<?> c = function.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      if (c.getEnclosingClass() == null || Modifier.isStatic(c.getModifiers())) {
        continue;
      }
      for (Field f : c.getDeclaredFields()) {
        if (f.isSynthetic() && f.getName().startsWith("this$") && !Modifier.isStatic(f.getModifiers())) {
          try {
            f.setAccessible(true);
            Object outer = f.get(function);
            if (outer != null && !(outer instanceof java.io.Serializable)) {
              f.set(function, null);
              cleared.add(new Object[] {f, outer});
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot clear {} of {}", f.getName(), c.getName(), e);
          }
        }
      }
    }
    return cleared;
  }

  private static void restore(Object function, List<Object[]> cleared) {
    for (Object[] fv : cleared) {
      try {
        ((Field) fv[0]).set(function, fv[1]);
      } catch (ReflectiveOperationException e) {
        LOG.debug("cannot restore {}", fv[0], e);
      }
    }
  }

  private static String describe(Object function) {
    String n = function.getClass().getName();
    return n.contains("$$Lambda") ? "(a lambda in " + n.substring(0, n.indexOf("$$Lambda")) + ")" : n;
  }
}
