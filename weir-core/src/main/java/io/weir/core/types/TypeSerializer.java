package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * Writes and reads values of one type in a compact binary form. Used for spilling (batch sort,
 * blocking exchanges), checkpoints and, later, the network. Within one process records are passed
 * by reference and never serialized.
 *
 * <p>Contract: equal values serialize to equal bytes (batch mode groups keys by their bytes);
 * {@code deserialize(serialize(v))} equals {@code v}; null handling is the caller's business
 * unless the serializer says otherwise ({@link #acceptsNull()}).
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
}
