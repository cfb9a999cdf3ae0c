package io.weir.core.types;

import java.io.Serializable;

/**
 * Describes the type of the records of a stream (or of a piece of state) and creates its
 * serializer. Obtain one with {@link #of(Class)}, {@link #of(TypeHint)} or the {@link Types}
 * factory.
 */
public abstract class TypeInfo<T> implements Serializable {
  public abstract Class<T> getTypeClass();

  public abstract TypeSerializer<T> createSerializer();

  /**
   * False when the type could not be determined precisely at job build time (Java erasure); the
   * serializer then writes a class tag with each value. {@code returns(...)} on a stream fixes it.
   */
  public boolean isPrecise() {
    return true;
  }

  /** Human-readable type, used in error messages. */
  @Override
  public abstract String toString();

  public static <T> TypeInfo<T> of(Class<T> type) {
    return TypeExtractor.forClass(type);
  }

  public static <T> TypeInfo<T> of(TypeHint<T> hint) {
    return hint.getTypeInfo();
  }
}
