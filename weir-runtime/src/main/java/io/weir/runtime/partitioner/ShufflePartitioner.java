package io.weir.runtime.partitioner;

import io.weir.runtime.streamrecord.StreamRecord;
import java.util.SplittableRandom;

/** A uniformly random channel per record. */
public final class ShufflePartitioner<T> extends StreamPartitioner<T> {
  private transient SplittableRandom random;

  @Override
  public int selectChannel(StreamRecord<T> record) {
    if (random == null) {
      random = new SplittableRandom();
    }
    return random.nextInt(numberOfChannels);
  }

  @Override
  public StreamPartitioner<T> copy() {
    return new ShufflePartitioner<>();
  }

  @Override
  public String toString() {
    return "SHUFFLE";
  }
}
