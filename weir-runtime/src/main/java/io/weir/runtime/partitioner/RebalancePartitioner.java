package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;

/** Round-robin over all channels, starting at a different channel per producer. */
public final class RebalancePartitioner<T> extends StreamPartitioner<T> {
  private int next = -1;

  @Override
  public int selectChannel(StreamRecord<T> record) {
    if (next < 0) {
      next = producerIndex % numberOfChannels;
    }
    int c = next;
    next = next + 1 == numberOfChannels ? 0 : next + 1;
    return c;
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new RebalancePartitioner<>();
  }

  @Override
  public String toString() {
    return "REBALANCE";
  }
}
