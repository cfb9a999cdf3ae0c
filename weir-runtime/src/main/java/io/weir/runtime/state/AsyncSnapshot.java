package io.weir.runtime.state;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A snapshot taken in two parts: the synchronous part (on the task's thread, at the barrier)
 * froze the state; {@link #write} turns the frozen state into bytes and may run on any thread,
 * while the task goes on changing its state. Exactly one of {@link #write} or {@link #discard}
 * must eventually be called: both release what the freeze holds (copy-on-write stops once no
 * snapshot needs the old entries).
 */
public interface AsyncSnapshot<T> {
  /** Writes the snapshot; at most once. Throws {@link CancellationException} after {@link #discard}. */
  T write() throws Exception;

  /** Abandons the snapshot (a running {@link #write} stops soon). Idempotent, any thread. */
  void discard();

  /** True when {@link #write} has nothing left to do (no asynchronous part). */
  boolean isDone();

  /** An already written snapshot. */
  static <T> AsyncSnapshot<T> done(T value) {
    return new AsyncSnapshot<>() {
      @Override
      public T write() {
        return value;
      }

      @Override
      public void discard() {}

      @Override
      public boolean isDone() {
        return true;
      }
    };
  }

  /** This snapshot, its result passed through {@code f} (on the writing thread). */
  default <R> AsyncSnapshot<R> map(ResultFunction<T, R> f) {
    AsyncSnapshot<T> self = this;
    return new AsyncSnapshot<>() {
      @Override
      public R write() throws Exception {
        return f.apply(self.write());
      }

      @Override
      public void discard() {
        self.discard();
      }

      @Override
      public boolean isDone() {
        return self.isDone();
      }
    };
  }

  @FunctionalInterface
  interface ResultFunction<T, R> {
    R apply(T t) throws Exception;
  }

  /** Base for frozen snapshots: written or discarded once, released exactly once. */
  abstract class Frozen<T> implements AsyncSnapshot<T> {
    private static final int IDLE = 0;
    private static final int WRITING = 1;
    private static final int OVER = 2;
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private volatile boolean discarded;

    /** Produces the result; calls {@link #checkNotDiscarded} now and then. */
    protected abstract T writeFrozen() throws Exception;

    /** Lets go of the frozen state. */
    protected abstract void release();

    @Override
    public final T write() throws Exception {
      if (!phase.compareAndSet(IDLE, WRITING)) {
        throw new CancellationException("snapshot discarded or already written");
      }
      try {
        checkNotDiscarded();
        return writeFrozen();
      } finally {
        phase.set(OVER);
        release();
      }
    }

    @Override
    public final void discard() {
      discarded = true;
      if (phase.compareAndSet(IDLE, OVER)) {
        release();
      }
      // else a write is running: it stops at its next check and releases
    }

    @Override
    public final boolean isDone() {
      return false;
    }

    protected final void checkNotDiscarded() {
      if (discarded) {
        throw new CancellationException("snapshot discarded");
      }
    }
  }
}
