package io.weir.runtime.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The state versions of one {@link HeapKeyedStateBackend}, for copy-on-write snapshots (as in
 * Flink's CopyOnWriteStateMap). Every entry is tagged with the version current when it was
 * written; a freeze bumps the version, so the entries a frozen snapshot sees all have a lower
 * version than the snapshot's. While any snapshot of version v or higher is still being written
 * ({@link #required()} >= v), an entry below v may be referenced by it and is copied before the
 * task hands it out or changes it.
 *
 * <p>{@link #freeze} and the entry accesses run on the task's thread; {@link #release} may run on
 * a snapshot thread. A task that reads a stale (higher) required version only copies once too
 * often; it never reads a lower one than its own last freeze set.
 */
final class SnapshotVersions {
  /** Written by the task thread only. */
  private int current;
  private volatile int required;
  private final List<Integer> running = new ArrayList<>();

  int current() {
    return current;
  }

  /** Entries written below this version must be copied before they are handed out or changed; 0 = none. */
  int required() {
    return required;
  }

  /** Task thread: a new snapshot sees every entry written so far; returns its version. */
  synchronized int freeze() {
    int v = ++current;
    running.add(v);
    required = v;
    return v;
  }

  /** Any thread: the snapshot of version {@code v} no longer reads its frozen entries. */
  synchronized void release(int v) {
    running.remove(Integer.valueOf(v));
    int max = 0;
    for (int r : running) {
      max = Math.max(max, r);
    }
    required = max;
  }
}
