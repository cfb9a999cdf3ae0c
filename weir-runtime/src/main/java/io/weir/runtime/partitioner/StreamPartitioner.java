package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;
import java.io.Serializable;

/**
 * Chooses the downstream channel (subtask) of each record on an exchange. One copy per producing
 * subtask ({@link #setup} tells it which).
 */
public abstract class StreamPartitioner<T> implements Serializable {
  protected int numberOfChannels;
  protected int producerIndex;

  public void setup(int numberOfChannels, int producerIndex) {
    this.numberOfChannels = numberOfChannels;
    this.producerIndex = producerIndex;
  }

  /** The channel for this record; unused when {@link #isBroadcast()}. */
  public abstract int selectChannel(StreamRecord<T> record) throws Exception;

  public boolean isBroadcast() {
    return false;
  }

  /** Forward (1:1) and rescale (local groups) connect only some producer/consumer pairs. */
  public boolean isPointwise() {
    return false;
  }

  public abstract StreamPartitioner<T> copy();

  @Override
  public abstract String toString();
}
