package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Writes and reads values of one type in a compact binary form. Used for spilling (batch sort,
 * blocking exchanges), checkpoints and, later, the network. Within one process records are passed
 * by reference and never serialized.
 *
 * <p>Contract: equal values serialize to equal bytes (batch mode groups keys by their bytes);
 * {@code deserialize(serialize(v))} equals {@code v}; null handling is the caller's business
 * unless the serializer says otherwise ({@link #acceptsNull()}). Fields inside composite types
 * (tuples, rows, POJOs, records, collections) may always be null.
 *
 * <p>Serializers are stateless apart from caches and may be shared between threads.
 * Exceptions: the equal-bytes guarantee does not hold for values that fall back to Java
 * serialization (a {@code Serializable} class that is neither a record nor a POJO), and values of
 * an imprecise type ({@link TypeInfo#isPrecise()} false) carry their runtime class name, so equal
 * values of different classes (an {@code ArrayList} and a {@code LinkedList}) differ in bytes.
 */
public interface TypeSerializer<T> extends Serializable {
  void serialize(T value, DataOutput out) throws IOException;

  T deserialize(DataInput in) throws IOException;

  /** A copy that shares no mutable parts with {@code value}; immutable types return it. */
  T copy(T value);

  /** Whether {@link #serialize} accepts null values. */
  default boolean acceptsNull() {
    return false;
  }

  /** True when values are immutable, so {@link #copy} returns its argument. */
  default boolean isImmutableType() {
    return false;
  }

  /** Convenience: the bytes of one value (allocates; hot paths reuse a {@link ByteArrayDataOutput}). */
  default byte[] serializeToBytes(T value) {
    ByteArrayDataOutput out = new ByteArrayDataOutput(32);
    try {
      serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Convenience: reads one value from the whole array. */
  default T deserializeFromBytes(byte[] bytes) {
    try {
      return deserialize(new ByteArrayDataInput(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
