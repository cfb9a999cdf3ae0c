package io.weir.datastream;

/** keyed1.intervalJoin(keyed2).between(lower, upper).process(ProcessJoinFunction). PLACEHOLDER. */
public class IntervalJoin<T1, T2, K> {
  public IntervalJoin(KeyedStream<T1, K> left, KeyedStream<T2, K> right) {}
}
