package io.weir.runtime.exchange;

import io.weir.runtime.streamrecord.StreamElement;

/** The last element a producer subtask sends on a channel: nothing follows. */
public final class EndOfPartition extends StreamElement {
  public static final EndOfPartition INSTANCE = new EndOfPartition();

  private EndOfPartition() {}

  @Override
  public String toString() {
    return "EndOfPartition";
  }
}
