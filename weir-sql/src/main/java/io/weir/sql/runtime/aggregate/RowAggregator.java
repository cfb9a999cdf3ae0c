package io.weir.sql.runtime.aggregate;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.sql.runtime.functions.AggregateSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * All aggregate calls of one aggregation over input rows, as the operators use them: a generated
 * {@link AggsHandle} (FILTER, DISTINCT, NULL skipping, accumulate/retract/merge inlined per call;
 * see {@link AggsHandleGenerator}). Accumulators of one group are an {@code Object[]};
 * {@link #serializer()} writes them for state snapshots and spilling.
 */
public final class RowAggregator implements Serializable {
  private final int size;
  private final AggsHandle handle;

  /** Generated, for input that may retract (streaming). */
  public RowAggregator(List<AggregateSpec> specs, RowTypeInfo inputType) {
    this(specs, inputType, true);
  }

  /** Generated; {@code retractable} false for insert-only input (BATCH): MIN/MAX keep a single value. */
  public RowAggregator(List<AggregateSpec> specs, RowTypeInfo inputType, boolean retractable) {
    this(specs.size(), AggsHandleGenerator.generate(specs, inputType, retractable));
  }

  private RowAggregator(int size, AggsHandle handle) {
    if (!(handle instanceof Serializable)) {
      throw new IllegalArgumentException("aggregate handle " + handle.getClass().getName() + " is not serializable");
    }
    this.size = size;
    this.handle = handle;
  }

  /** The interpreted reference implementation (tests and benchmarks compare against it). */
  public static RowAggregator interpreted(List<AggregateSpec> specs, RowTypeInfo inputType) {
    return new RowAggregator(specs.size(), new InterpretedAggsHandle(specs, inputType));
  }

  /** What computes the aggregates: a {@link GeneratedAggsHandle} unless built by {@link #interpreted}. */
  public AggsHandle handle() {
    return handle;
  }

  public int size() {
    return size;
  }

  public Object[] createAccumulators() {
    return handle.createAccumulators();
  }

  public void accumulate(Object[] accs, Row row) {
    handle.accumulate(accs, row);
  }

  public void retract(Object[] accs, Row row) {
    handle.retract(accs, row);
  }

  /** +I/+U accumulate, -U/-D retract. */
  public void apply(Object[] accs, Row row) {
    if (io.weir.sql.runtime.util.RowUtil.isAccumulate(row.getKind())) {
      handle.accumulate(accs, row);
    } else {
      handle.retract(accs, row);
    }
  }

  public void merge(Object[] target, Object[] other) {
    handle.merge(target, other);
  }

  /** Writes the results into {@code out} starting at field {@code offset}. */
  public void getValues(Object[] accs, Row out, int offset) {
    handle.getValues(accs, out, offset);
  }

  public Object[] copy(Object[] accs) {
    return handle.copy(accs);
  }

  public TypeSerializer<Object[]> serializer() {
    return new AccumulatorsSerializer(handle);
  }

  /** Serializes one group's accumulators through the handle. */
  static final class AccumulatorsSerializer implements TypeSerializer<Object[]> {
    private final AggsHandle handle;

    AccumulatorsSerializer(AggsHandle handle) {
      this.handle = handle;
    }

    @Override
    public void serialize(Object[] value, DataOutput out) throws IOException {
      handle.serialize(value, out);
    }

    @Override
    public Object[] deserialize(DataInput in) throws IOException {
      return handle.deserialize(in);
    }

    @Override
    public Object[] copy(Object[] value) {
      return handle.copy(value);
    }
  }
}
