package io.weir.sql.runtime.aggregate;

import io.weir.core.types.Row;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-row work of one aggregate call list over a group's accumulators ({@code Object[]}, layout
 * private to the implementation). The planner's aggregations use the generated implementation
 * ({@link AggsHandleGenerator}); {@link InterpretedAggsHandle} is the reference it is tested and
 * benchmarked against.
 */
public interface AggsHandle {
  Object[] createAccumulators();

  /** Adds an input row (FILTER and NULL skipping included). */
  void accumulate(Object[] accs, Row in);

  /** Takes an input row away again (-U/-D input, sliding OVER frames). */
  void retract(Object[] accs, Row in);

  /** Adds {@code other}'s content to {@code accs} (partial aggregates, spilled groups, sessions). */
  void merge(Object[] accs, Object[] other);

  /** Writes the results into {@code out} starting at field {@code offset}. */
  void getValues(Object[] accs, Row out, int offset);

  void serialize(Object[] accs, DataOutput out) throws IOException;

  Object[] deserialize(DataInput in) throws IOException;

  /** A deep copy. */
  Object[] copy(Object[] accs);
}
