package io.weir.sql.runtime.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * One SQL aggregate function over mutable accumulators. Stateless and serializable (it is part of
 * an operator prototype); the accumulator objects it creates hold all per-group data.
 *
 * <p>{@link #accumulate} adds a value, {@link #retract} takes one away again (consuming -U/-D
 * rows), {@link #merge} adds another accumulator's content (partial aggregates, spilled hash
 * aggregation, window slices). NULL arguments never reach a function whose {@link
 * #ignoresNulls()} is true. The accumulator serializer is used for state snapshots and spilling.
 */
public abstract class AggFunction implements Serializable {
  public abstract Object createAccumulator();

  public abstract void accumulate(Object acc, Object value);

  public abstract void retract(Object acc, Object value);

  public abstract void merge(Object acc, Object other);

  public abstract Object getValue(Object acc);

  public abstract void serialize(Object acc, DataOutput out) throws IOException;

  public abstract Object deserialize(DataInput in) throws IOException;

  /** A deep copy (default: through the serializer). */
  public Object copy(Object acc) {
    io.weir.core.types.ByteArrayDataOutput out = new io.weir.core.types.ByteArrayDataOutput(64);
    try {
      serialize(acc, out);
      return deserialize(new io.weir.core.types.ByteArrayDataInput(out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The object generated code calls directly instead of this function (user aggregates), else null. */
  public Object target() {
    return null;
  }

  /** Whether NULL arguments are skipped (true for every SQL aggregate except SINGLE_VALUE). */
  public boolean ignoresNulls() {
    return true;
  }
}
