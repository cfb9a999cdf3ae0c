package io.weir.runtime.partitioner;

import io.weir.core.functions.KeySelector;
import io.weir.core.functions.Partitioner;
import io.weir.runtime.streamrecord.StreamRecord;

/** partitionCustom: the user's partitioner chooses the channel from the key. */
public final class CustomPartitionerWrapper<T, K> extends StreamPartitioner<T> {
  private final Partitioner<K> partitioner;
  private final KeySelector<T, K> keySelector;

  public CustomPartitionerWrapper(Partitioner<K> partitioner, KeySelector<T, K> keySelector) {
    this.partitioner = partitioner;
    this.keySelector = keySelector;
  }

  @Override
  public int selectChannel(StreamRecord<T> record) throws Exception {
    int c = partitioner.partition(keySelector.getKey(record.getValue()), numberOfChannels);
    if (c < 0 || c >= numberOfChannels) {
      throw new IllegalStateException(
          "custom partitioner returned channel " + c + " but there are " + numberOfChannels);
    }
    return c;
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new CustomPartitionerWrapper<>(partitioner, keySelector);
  }

  @Override
  public String toString() {
    return "CUSTOM";
  }
}
