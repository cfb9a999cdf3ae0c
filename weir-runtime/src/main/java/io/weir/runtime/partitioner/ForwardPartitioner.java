package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;

/** Subtask i feeds subtask i; requires equal parallelism and allows chaining. */
public final class ForwardPartitioner<T> extends StreamPartitioner<T> {
  @Override
  public int selectChannel(StreamRecord<T> record) {
    return 0;
  }

  @Override
  public boolean isPointwise() {
    return true;
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new ForwardPartitioner<>();
  }

  @Override
  public String toString() {
    return "FORWARD";
  }
}
