package io.weir.sql.runtime.aggregate;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.sql.runtime.functions.AggregateSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Aggregate calls driven through {@link AggFunction} objects, one accumulator object per call: the
 * straightforward reference the generated handle is checked against (AggFunctionsPropertyTest) and
 * compared with in the benchmarks. Not used by the planner.
 */
public final class InterpretedAggsHandle implements AggsHandle, Serializable {
  private final AggFunction[] functions;
  private final int[] argIndex;
  private final int[] filterIndex;
  private final boolean[] ignoreNulls;
  /** User aggregates read several fields: they get the whole input row. */
  private final boolean[] wholeRow;

  public InterpretedAggsHandle(List<AggregateSpec> specs, RowTypeInfo inputType) {
    int n = specs.size();
    functions = new AggFunction[n];
    argIndex = new int[n];
    filterIndex = new int[n];
    ignoreNulls = new boolean[n];
    wholeRow = new boolean[n];
    for (int i = 0; i < n; i++) {
      AggregateSpec s = specs.get(i);
      functions[i] = AggFunctions.createFunction(s, inputType);
      argIndex[i] = s.kind() == AggregateSpec.Kind.COUNT_STAR ? -1 : s.argIndex();
      filterIndex[i] = s.filterIndex();
      ignoreNulls[i] = functions[i].ignoresNulls();
      wholeRow[i] = s.kind() == AggregateSpec.Kind.USER_DEFINED;
    }
  }

  @Override
  public Object[] createAccumulators() {
    Object[] accs = new Object[functions.length];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = functions[i].createAccumulator();
    }
    return accs;
  }

  private Object argument(int i, Row row) {
    if (filterIndex[i] >= 0 && row.getField(filterIndex[i]) != Boolean.TRUE) {
      return this;
    }
    Object v = wholeRow[i] ? row : argIndex[i] < 0 ? null : row.getField(argIndex[i]);
    return v == null && ignoreNulls[i] && argIndex[i] >= 0 ? this : v;
  }

  @Override
  public void accumulate(Object[] accs, Row row) {
    for (int i = 0; i < functions.length; i++) {
      Object v = argument(i, row);
      if (v != this) {
        functions[i].accumulate(accs[i], v);
      }
    }
  }

  @Override
  public void retract(Object[] accs, Row row) {
    for (int i = 0; i < functions.length; i++) {
      Object v = argument(i, row);
      if (v != this) {
        functions[i].retract(accs[i], v);
      }
    }
  }

  @Override
  public void merge(Object[] target, Object[] other) {
    for (int i = 0; i < functions.length; i++) {
      functions[i].merge(target[i], other[i]);
    }
  }

  @Override
  public void getValues(Object[] accs, Row out, int offset) {
    for (int i = 0; i < functions.length; i++) {
      out.setField(offset + i, functions[i].getValue(accs[i]));
    }
  }

  @Override
  public Object[] copy(Object[] accs) {
    Object[] c = new Object[accs.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = functions[i].copy(accs[i]);
    }
    return c;
  }

  @Override
  public void serialize(Object[] value, DataOutput out) throws IOException {
    for (int i = 0; i < functions.length; i++) {
      functions[i].serialize(value[i], out);
    }
  }

  @Override
  public Object[] deserialize(DataInput in) throws IOException {
    Object[] accs = new Object[functions.length];
    for (int i = 0; i < accs.length; i++) {
      accs[i] = functions[i].deserialize(in);
    }
    return accs;
  }
}
