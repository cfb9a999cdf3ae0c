package io.weir.nexmark.source;

import io.weir.connectors.util.AvailabilityNotifier;
import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Generates the events of its splits on the worker thread, a batch per poll. With {@code
 * rate.limited} an event is emitted only once its wall-clock time is due (the schedule starts
 * when the reader emits its first event); when nothing is due the reader returns
 * NOTHING_AVAILABLE and a JDK delayed executor completes {@link #isAvailable()} at the next due
 * time, so a throttled source never holds a worker thread.
 */
final class NexmarkSourceReader<T> implements SourceReader<T, NexmarkSplit> {
  static final int BATCH = 1024;
  private static final long NO_TIMER = Long.MIN_VALUE;

  private final AbstractNexmarkSource.Emitter<T> emitter;
  private final NexmarkConfig config;
  private final SourceReaderContext context;
  private final NexmarkGenerator generator;
  private final boolean rateLimited;
  private final AvailabilityNotifier available = new AvailabilityNotifier();
  /** Unfinished splits; guarded by this, positions written only by the worker thread. */
  private final List<NexmarkSplit> splits = new ArrayList<>();
  private boolean noMoreSplits;
  private boolean splitRequested;
  /** Wall-clock nanos at which the event at timestamp {@link #firstTimestamp} is due. */
  private long scheduleStartNanos;
  private boolean scheduleStarted;
  private final long firstTimestamp;
  private volatile long timerDue = NO_TIMER;

  NexmarkSourceReader(AbstractNexmarkSource<T> source, SourceReaderContext context) {
    this.emitter = source.createEmitter();
    this.config = source.config();
    this.context = context;
    this.generator = new NexmarkGenerator(source.config());
    this.rateLimited = source.config().rateLimited();
    this.firstTimestamp = generator.timestampAt(0);
  }

  @Override
  public void start() {
    requestSplitIfIdle();
  }

  private synchronized void requestSplitIfIdle() {
    if (splits.isEmpty() && !noMoreSplits && !splitRequested) {
      splitRequested = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    int pick;
    NexmarkSplit split;
    long mergeBound = Long.MAX_VALUE;
    synchronized (this) {
      if (splits.isEmpty()) {
        return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      // the split furthest behind, so several splits of one reader advance together in event time
      pick = 0;
      for (int i = 1; i < splits.size(); i++) {
        if (splits.get(i).next() < splits.get(pick).next()) {
          pick = i;
        }
      }
      split = splits.get(pick);
      // several splits (after a restore at another parallelism): merge them in id order, so the
      // reader's timestamps never decrease (the SQL planner relies on it, SupportsAscendingRowtime)
      for (int i = 0; i < splits.size(); i++) {
        if (i != pick) {
          mergeBound = Math.min(mergeBound, splits.get(i).next());
        }
      }
    }
    long next = split.next();
    long end = Math.min(split.end(), mergeBound);
    int stride = split.stride();
    long limit = BATCH;
    if (rateLimited) {
      long now = System.nanoTime();
      if (!scheduleStarted) {
        scheduleStarted = true;
        scheduleStartNanos = now - (generator.timestampAt(next) - firstTimestamp) * 1_000_000L;
        RateSchedules.started(config, scheduleStartNanos);
      }
      long dueTimestamp = firstTimestamp + (now - scheduleStartNanos) / 1_000_000L;
      if (generator.timestampAt(next) > dueTimestamp) {
        scheduleWakeUp(scheduleStartNanos + (generator.timestampAt(next) - firstTimestamp) * 1_000_000L - now);
        return InputStatus.NOTHING_AVAILABLE;
      }
      long n = 0;
      for (long i = next; i < end && n < BATCH && generator.timestampAt(i) <= dueTimestamp; i += stride) {
        n++;
      }
      limit = n;
    }
    for (long n = 0; n < limit && next < end; n++) {
      emitter.emit(generator, next, output);
      next += stride;
    }
    synchronized (this) {
      NexmarkSplit advanced = split.withNext(next);
      if (advanced.isFinished()) {
        splits.remove(pick);
        if (splits.isEmpty() && !noMoreSplits) {
          splitRequested = false;
        }
      } else {
        splits.set(pick, advanced);
      }
    }
    requestSplitIfIdle();
    return InputStatus.MORE_AVAILABLE;
  }

  private void scheduleWakeUp(long delayNanos) {
    long due = System.nanoTime() + Math.max(delayNanos, 1);
    // the timer clears timerDue before it signals, so "pending" never hides a fired timer
    if (timerDue != NO_TIMER && timerDue - due <= 0) {
      return;
    }
    timerDue = due;
    Executor delayed = CompletableFuture.delayedExecutor(Math.max(delayNanos, 1), TimeUnit.NANOSECONDS, Runnable::run);
    delayed.execute(() -> {
      timerDue = NO_TIMER;
      available.signal();
    });
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    CompletableFuture<Void> f = available.future();
    synchronized (this) {
      boolean waitingForSplit = splits.isEmpty() && !noMoreSplits;
      boolean throttled = timerDue != NO_TIMER;
      if (!waitingForSplit && !throttled) {
        return CompletableFuture.completedFuture(null);
      }
    }
    return f;
  }

  @Override
  public void addSplits(List<NexmarkSplit> newSplits) {
    synchronized (this) {
      for (NexmarkSplit s : newSplits) {
        if (!s.isFinished()) {
          splits.add(s);
        }
      }
      splitRequested = false;
    }
    available.signal();
    requestSplitIfIdle();
  }

  @Override
  public void notifyNoMoreSplits() {
    synchronized (this) {
      noMoreSplits = true;
    }
    available.signal();
  }

  @Override
  public synchronized List<NexmarkSplit> snapshotState(long checkpointId) {
    return List.copyOf(splits);
  }
}
