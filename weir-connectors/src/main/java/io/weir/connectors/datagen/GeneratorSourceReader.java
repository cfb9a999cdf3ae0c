package io.weir.connectors.datagen;

import io.weir.connectors.util.AvailabilityNotifier;
import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Generates the records of its index ranges on the worker thread. When the rate limiter has no
 * permit it returns NOTHING_AVAILABLE and a shared timer completes {@link #isAvailable()} when
 * the next permit is due, so a throttled source never occupies a worker thread.
 */
final class GeneratorSourceReader<T> implements SourceReader<T, GeneratorSplit> {
  static final int BATCH = 1024;
  private static final ScheduledThreadPoolExecutor TIMER = createTimer();

  private final GeneratorFunction<Long, T> generator;
  private final RateLimiterStrategy.RateLimiter limiter;
  private final SourceReaderContext context;
  private final ArrayDeque<GeneratorSplit> splits = new ArrayDeque<>();
  private final AvailabilityNotifier available = new AvailabilityNotifier();
  private GeneratorSplit current;
  private long next;
  private boolean noMoreSplits;
  private boolean splitRequested;
  private static final long NO_TIMER = Long.MIN_VALUE;
  private volatile long timerDue = NO_TIMER;

  GeneratorSourceReader(
      GeneratorFunction<Long, T> generator, RateLimiterStrategy rate, SourceReaderContext context) {
    this.generator = generator;
    this.context = context;
    this.limiter = rate.createRateLimiter(context.currentParallelism());
  }

  private static ScheduledThreadPoolExecutor createTimer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "weir-datagen-timer");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  @Override
  public void start() throws Exception {
    generator.open(context);
    requestSplitIfIdle();
  }

  private synchronized void requestSplitIfIdle() {
    if (current == null && splits.isEmpty() && !noMoreSplits && !splitRequested) {
      splitRequested = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    synchronized (this) {
      if (current == null) {
        current = splits.poll();
        if (current == null) {
          return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        next = current.next();
      }
    }
    long remaining = current.end() - next;
    long now = System.nanoTime();
    int n = remaining <= 0 ? 0 : limiter.acquire(now, (int) Math.min(BATCH, remaining));
    if (n == 0 && remaining > 0) {
      scheduleWakeUp(limiter.nanosUntilNextPermit(now));
      return InputStatus.NOTHING_AVAILABLE;
    }
    for (int i = 0; i < n; i++) {
      T record = generator.map(next);
      next++;
      output.collect(record);
    }
    synchronized (this) {
      if (next >= current.end()) {
        current = null;
        if (splits.isEmpty() && !noMoreSplits) {
          splitRequested = false;
        }
      }
    }
    requestSplitIfIdle();
    return InputStatus.MORE_AVAILABLE;
  }

  private void scheduleWakeUp(long delayNanos) {
    long due = System.nanoTime() + Math.max(delayNanos, 1);
    // The timer clears timerDue before it signals, so "pending" never hides a fired timer (a
    // ScheduledFuture is marked done only after its task returned, too late to rely on).
    if (timerDue != NO_TIMER && timerDue - due <= 0) {
      return;
    }
    timerDue = due;
    TIMER.schedule(() -> {
      timerDue = NO_TIMER;
      available.signal();
    }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    CompletableFuture<Void> f = available.future();
    synchronized (this) {
      boolean waitingForSplit = current == null && splits.isEmpty() && !noMoreSplits;
      boolean throttled = timerDue != NO_TIMER;
      if (!waitingForSplit && !throttled) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return f;
  }

  @Override
  public void addSplits(List<GeneratorSplit> newSplits) {
    synchronized (this) {
      splits.addAll(newSplits);
      splitRequested = false;
    }
    available.signal();
  }

  @Override
  public void notifyNoMoreSplits() {
    synchronized (this) {
      noMoreSplits = true;
    }
    available.signal();
  }

  @Override
  public synchronized List<GeneratorSplit> snapshotState(long checkpointId) {
    List<GeneratorSplit> state = new ArrayList<>(splits.size() + 1);
    if (current != null) {
      state.add(current.withNext(next));
    }
    state.addAll(splits);
    return state;
  }

  @Override
  public void close() throws Exception {
    // A pending timer only completes a future nobody waits for any more.
    generator.close();
  }
}
