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
 * All aggregate calls of one aggregation over input rows: applies each call's FILTER field and
 * argument field, skips NULL arguments, and drives the {@link AggFunction}s. Accumulators of one
 * group are an {@code Object[]} (one per call); {@link #serializer()} writes them for state and
 * spilling.
 */
public final class RowAggregator implements Serializable {
  private final AggFunction[] functions;
  private final int[] argIndex;
  private final int[] filterIndex;
  private final boolean[] ignoreNulls;
  /** User aggregates read several fields: they get the whole input row. */
  private final boolean[] wholeRow;

  public RowAggregator(List<AggregateSpec> specs, RowTypeInfo inputType) {
    int n = specs.size();
    functions = new AggFunction[n];
    argIndex = new int[n];
    filterIndex = new int[n];
    ignoreNulls = new boolean[n];
    wholeRow = new boolean[n];
    for (int i = 0; i < n; i++) {
      AggregateSpec s = specs.get(i);
      if (s.argIndex() >= inputType.getArity()) {
        throw new IllegalArgumentException("aggregate " + s.name() + " reads field " + s.argIndex()
            + " of an input with " + inputType.getArity() + " fields");
      }
      functions[i] = s.kind() == AggregateSpec.Kind.USER_DEFINED ? new UserAggFunction(s.userFunction(), inputType)
          : AggFunctions.create(s, s.argIndex() < 0 ? null : inputType.getFieldType(s.argIndex()));
      argIndex[i] = s.kind() == AggregateSpec.Kind.COUNT_STAR ? -1 : s.argIndex();
      filterIndex[i] = s.filterIndex();
      ignoreNulls[i] = functions[i].ignoresNulls();
      wholeRow[i] = s.kind() == AggregateSpec.Kind.USER_DEFINED;
    }
  }

  public int size() {
    return functions.length;
  }

  public Object[] createAccumulators() {
    Object[] accs = new Object[functions.length];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = functions[i].createAccumulator();
    }
    return accs;
  }

  public void accumulate(Object[] accs, Row row) {
    for (int i = 0; i < functions.length; i++) {
      if (filterIndex[i] >= 0 && row.getField(filterIndex[i]) != Boolean.TRUE) {
        continue;
      }
      Object v = wholeRow[i] ? row : argIndex[i] < 0 ? null : row.getField(argIndex[i]);
      if (v == null && ignoreNulls[i] && argIndex[i] >= 0) {
        continue;
      }
      functions[i].accumulate(accs[i], v);
    }
  }

  public void retract(Object[] accs, Row row) {
    for (int i = 0; i < functions.length; i++) {
      if (filterIndex[i] >= 0 && row.getField(filterIndex[i]) != Boolean.TRUE) {
        continue;
      }
      Object v = wholeRow[i] ? row : argIndex[i] < 0 ? null : row.getField(argIndex[i]);
      if (v == null && ignoreNulls[i] && argIndex[i] >= 0) {
        continue;
      }
      functions[i].retract(accs[i], v);
    }
  }

  /** +I/+U accumulate, -U/-D retract. */
  public void apply(Object[] accs, Row row) {
    if (io.weir.sql.runtime.util.RowUtil.isAccumulate(row.getKind())) {
      accumulate(accs, row);
    } else {
      retract(accs, row);
    }
  }

  public void merge(Object[] target, Object[] other) {
    for (int i = 0; i < functions.length; i++) {
      functions[i].merge(target[i], other[i]);
    }
  }

  /** Writes the results into {@code out} starting at field {@code offset}. */
  public void getValues(Object[] accs, Row out, int offset) {
    for (int i = 0; i < functions.length; i++) {
      out.setField(offset + i, functions[i].getValue(accs[i]));
    }
  }

  public Object[] copy(Object[] accs) {
    Object[] c = new Object[accs.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = functions[i].copy(accs[i]);
    }
    return c;
  }

  public TypeSerializer<Object[]> serializer() {
    return new AccumulatorsSerializer(this);
  }

  /** Serializes one group's accumulators (one after another, in call order). */
  static final class AccumulatorsSerializer implements TypeSerializer<Object[]> {
    private final RowAggregator aggregator;

    AccumulatorsSerializer(RowAggregator aggregator) {
      this.aggregator = aggregator;
    }

    @Override
    public void serialize(Object[] value, DataOutput out) throws IOException {
      for (int i = 0; i < aggregator.functions.length; i++) {
        aggregator.functions[i].serialize(value[i], out);
      }
    }

    @Override
    public Object[] deserialize(DataInput in) throws IOException {
      Object[] accs = new Object[aggregator.functions.length];
      for (int i = 0; i < accs.length; i++) {
        accs[i] = aggregator.functions[i].deserialize(in);
      }
      return accs;
    }

    @Override
    public Object[] copy(Object[] value) {
      return aggregator.copy(value);
    }
  }
}
