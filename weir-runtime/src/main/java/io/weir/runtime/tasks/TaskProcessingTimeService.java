package io.weir.runtime.tasks;

import io.weir.runtime.timers.ProcessingTimeService;
import java.util.PriorityQueue;

/**
 * The processing-time clock of one task. Callbacks are kept in a queue and run by the task itself
 * inside its {@code call()} when due ({@link #fireDue}), so they never run concurrently with the
 * operators; no timer thread is involved (an idle worker re-checks at least every millisecond).
 * In BATCH mode callbacks are accepted but never fire: processing time plays no role there.
 */
final class TaskProcessingTimeService {
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private final boolean fireCallbacks;
  private final int subtaskIndex;
  private final int parallelism;
  private long sequence;
  private volatile boolean shutdown;

  TaskProcessingTimeService(boolean fireCallbacks, int subtaskIndex, int parallelism) {
    this.fireCallbacks = fireCallbacks;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
  }

  static long now() {
    return System.currentTimeMillis();
  }

  /** A view whose callbacks' failures are attributed to {@code operatorName}. */
  ProcessingTimeService forOperator(String operatorName) {
    return new ProcessingTimeService() {
      @Override
      public long getCurrentProcessingTime() {
        return now();
      }

      @Override
      public Cancellable registerTimer(long timestamp, ProcessingTimeCallback callback) {
        return schedule(operatorName, timestamp, 0, callback);
      }

      @Override
      public Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMs, long periodMs) {
        if (periodMs <= 0) {
          throw new IllegalArgumentException("period must be > 0, was " + periodMs);
        }
        return schedule(operatorName, now() + Math.max(0, initialDelayMs), periodMs, callback);
      }
    };
  }

  private synchronized Scheduled schedule(String operator, long time, long period,
      ProcessingTimeService.ProcessingTimeCallback callback) {
    Scheduled s = new Scheduled(operator, time, period, sequence++, callback);
    if (!shutdown) {
      queue.add(s);
    }
    return s;
  }

  /** A periodic callback re-enters the queue as the same object, so its handle cancels all repeats. */
  private synchronized void reschedule(Scheduled s, long time) {
    s.time = time;
    s.seq = sequence++;
    if (!shutdown) {
      queue.add(s);
    }
  }

  private synchronized Scheduled pollDue(long now) {
    Scheduled s = queue.peek();
    if (s != null && s.time <= now) {
      return queue.poll();
    }
    return null;
  }

  /** Runs every callback that is due; returns whether any ran. Task thread only. */
  boolean fireDue() {
    if (!fireCallbacks || shutdown) {
      return false;
    }
    long now = now();
    boolean fired = false;
    Scheduled s;
    while ((s = pollDue(now)) != null) {
      if (s.cancelled) {
        continue;
      }
      fired = true;
      try {
        s.callback.onProcessingTime(s.time);
      } catch (Exception e) {
        throw OperatorFailure.onTimer(s.operator, subtaskIndex, parallelism, s.time, e);
      }
      if (s.period > 0 && !s.cancelled) {
        long next = s.time + s.period;
        if (next <= now) {
          next = now + s.period; // skip missed periods instead of firing a burst
        }
        reschedule(s, next);
      }
    }
    return fired;
  }

  /** Milliseconds until the next callback is due, or -1 if none. */
  synchronized long delayToNext() {
    Scheduled s = queue.peek();
    return s == null ? -1 : Math.max(0, s.time - now());
  }

  synchronized void shutdown() {
    shutdown = true;
    queue.clear();
  }

  private static final class Scheduled implements Comparable<Scheduled>, ProcessingTimeService.Cancellable {
    final String operator;
    long time;
    final long period;
    long seq;
    final ProcessingTimeService.ProcessingTimeCallback callback;
    volatile boolean cancelled;

    Scheduled(String operator, long time, long period, long seq, ProcessingTimeService.ProcessingTimeCallback callback) {
      this.operator = operator;
      this.time = time;
      this.period = period;
      this.seq = seq;
      this.callback = callback;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
