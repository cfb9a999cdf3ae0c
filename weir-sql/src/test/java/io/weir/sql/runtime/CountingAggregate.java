package io.weir.sql.runtime;

import io.weir.sql.functions.AggregateFunction;
import java.util.concurrent.atomic.AtomicLong;

/** SUM(BIGINT) that counts its accumulate calls, to observe how often an operator updates state per row. */
public class CountingAggregate extends AggregateFunction<Long, long[]> {
  public static final AtomicLong ACCUMULATE_CALLS = new AtomicLong();

  @Override
  public long[] createAccumulator() {
    return new long[1];
  }

  public void accumulate(long[] acc, Long v) {
    ACCUMULATE_CALLS.incrementAndGet();
    acc[0] += v;
  }

  public void retract(long[] acc, Long v) {
    acc[0] -= v;
  }

  public void merge(long[] acc, Iterable<long[]> others) {
    for (long[] o : others) {
      acc[0] += o[0];
    }
  }

  @Override
  public Long getValue(long[] acc) {
    return acc[0];
  }
}
