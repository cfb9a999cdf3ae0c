package io.weir.runtime.testing;

import io.weir.runtime.timers.ProcessingTimeService;
import java.util.PriorityQueue;

/**
 * A manual processing-time clock for tests: time moves only through {@link #setCurrentTime}, which
 * runs every callback registered for a time <= the new time, in (time, registration) order, on
 * the caller's thread. Callbacks registered for a time already reached run in the same call.
 */
public final class TestProcessingTimeService implements ProcessingTimeService {
  private long currentTime;
  private long seq;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();

  private final class Scheduled implements Comparable<Scheduled>, Cancellable {
    long time;
    long order = seq++;
    final ProcessingTimeCallback callback;
    final long period;
    boolean cancelled;

    Scheduled(long time, ProcessingTimeCallback callback, long period) {
      this.time = time;
      this.callback = callback;
      this.period = period;
    }

    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public void cancel() {
      cancelled = true;
      queue.remove(this);
    }
  }

  public TestProcessingTimeService() {
    this(0);
  }

  public TestProcessingTimeService(long startTime) {
    this.currentTime = startTime;
  }

  @Override
  public long getCurrentProcessingTime() {
    return currentTime;
  }

  @Override
  public Cancellable registerTimer(long timestamp, ProcessingTimeCallback callback) {
    Scheduled s = new Scheduled(timestamp, callback, 0);
    queue.add(s);
    return s;
  }

  @Override
  public Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMs, long periodMs) {
    if (periodMs <= 0) {
      throw new IllegalArgumentException("period must be > 0, was " + periodMs);
    }
    Scheduled s = new Scheduled(currentTime + initialDelayMs, callback, periodMs);
    queue.add(s);
    return s;
  }

  /** Advances the clock (it never goes back) and runs the callbacks that became due. */
  public void setCurrentTime(long time) throws Exception {
    if (time < currentTime) {
      throw new IllegalArgumentException("processing time cannot go back from " + currentTime + " to " + time);
    }
    currentTime = time;
    Scheduled next;
    while ((next = queue.peek()) != null && next.time <= currentTime) {
      queue.poll();
      if (next.cancelled) {
        continue;
      }
      long firedAt = next.time;
      if (next.period > 0) {
        next.time += next.period;
        next.order = seq++;
        queue.add(next);
      }
      next.callback.onProcessingTime(firedAt);
    }
  }

  /** Callbacks waiting to run (cancelled ones excluded). */
  public int numPendingCallbacks() {
    int n = 0;
    for (Scheduled s : queue) {
      if (!s.cancelled) {
        n++;
      }
    }
    return n;
  }
}
