package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;

/** Every record to every channel. */
public final class BroadcastPartitioner<T> extends StreamPartitioner<T> {
  @Override
  public int selectChannel(StreamRecord<T> record) {
    throw new UnsupportedOperationException("broadcast selects all channels");
  }

  @Override
  public boolean isBroadcast() {
    return true;
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new BroadcastPartitioner<>();
  }

  @Override
  public String toString() {
    return "BROADCAST";
  }
}
