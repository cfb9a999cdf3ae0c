package io.weir.runtime.state;

import java.io.Serializable;

/** The key groups [start, end] (inclusive) that one subtask owns. */
public record KeyGroupRange(int start, int end) implements Serializable {
  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  public int size() {
    return end - start + 1;
  }
}
