package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;

/**
 * Round-robin within the channels this producer is connected to (pointwise). The runtime gives
 * each producer only its local group of consumers as channels.
 */
public final class RescalePartitioner<T> extends StreamPartitioner<T> {
  private int next = -1;

  @Override
  public int selectChannel(StreamRecord<T> record) {
    next = next + 1 >= numberOfChannels ? 0 : next + 1;
    return next;
  }

  @Override
  public boolean isPointwise() {
    return true;
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new RescalePartitioner<>();
  }

  @Override
  public String toString() {
    return "RESCALE";
  }
}
