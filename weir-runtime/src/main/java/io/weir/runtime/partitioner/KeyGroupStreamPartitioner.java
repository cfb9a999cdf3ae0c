package io.weir.runtime.partitioner;

import io.weir.core.functions.KeySelector;
import io.weir.runtime.state.KeyGroupRangeAssignment;
import io.weir.runtime.streamrecord.StreamRecord;

/** keyBy: key -> key group -> the subtask owning that key group. */
public final class KeyGroupStreamPartitioner<T, K> extends StreamPartitioner<T> {
  private final KeySelector<T, K> keySelector;
  private final int maxParallelism;

  public KeyGroupStreamPartitioner(KeySelector<T, K> keySelector, int maxParallelism) {
    this.keySelector = keySelector;
    this.maxParallelism = maxParallelism;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public int getMaxParallelism() {
    return maxParallelism;
  }

  /** The max parallelism is known only when the graph is built; this returns a configured copy. */
  public KeyGroupStreamPartitioner<T, K> withMaxParallelism(int maxParallelism) {
    return new KeyGroupStreamPartitioner<>(keySelector, maxParallelism);
  }

  @Override
  public int selectChannel(StreamRecord<T> record) throws Exception {
    K key = keySelector.getKey(record.getValue());
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, numberOfChannels);
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new KeyGroupStreamPartitioner<>(keySelector, maxParallelism);
  }

  @Override
  public String toString() {
    return "HASH";
  }
}
