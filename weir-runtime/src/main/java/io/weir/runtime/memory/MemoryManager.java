package io.weir.runtime.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by the memory consumers of a job (batch sorters, blocking exchanges). It
 * hands out no memory itself: consumers allocate their own arrays after a successful
 * {@link #tryReserve} and must {@link #release} exactly what they reserved. A refused reservation
 * is the signal to spill to disk, never an error. Thread-safe.
 */
public final class MemoryManager {
  private final long budgetBytes;
  private final AtomicLong available;

  public MemoryManager(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("memory budget must be >= 0, was " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
    this.available = new AtomicLong(budgetBytes);
  }

  /** Reserves {@code bytes} if that many are still available; false (and nothing reserved) otherwise. */
  public boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("cannot reserve a negative amount: " + bytes);
    }
    while (true) {
      long cur = available.get();
      if (cur < bytes) {
        return false;
      }
      if (available.compareAndSet(cur, cur - bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("cannot release a negative amount: " + bytes);
    }
    long after = available.addAndGet(bytes);
    if (after > budgetBytes) {
      // Undo so that one buggy consumer cannot inflate the budget for the others.
      available.addAndGet(-bytes);
      throw new IllegalStateException(
          "released " + bytes + " bytes more than reserved (budget " + budgetBytes + ")");
    }
  }

  public long available() {
    return available.get();
  }

  public long budget() {
    return budgetBytes;
  }

  public long reserved() {
    return budgetBytes - available.get();
  }

  @Override
  public String toString() {
    return "MemoryManager(" + reserved() + "/" + budgetBytes + " bytes reserved)";
  }
}
