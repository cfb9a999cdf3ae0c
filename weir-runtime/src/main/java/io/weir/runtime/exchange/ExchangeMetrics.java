package io.weir.runtime.exchange;

import java.util.concurrent.atomic.AtomicLong;

/** Job-wide exchange figures: the most batches ever queued on one pipelined channel. */
public final class ExchangeMetrics {
  private final AtomicLong maxQueuedBatches = new AtomicLong();

  void observeQueued(int queued) {
    long cur = maxQueuedBatches.get();
    while (queued > cur && !maxQueuedBatches.compareAndSet(cur, queued)) {
      cur = maxQueuedBatches.get();
    }
  }

  public long maxQueuedBatches() {
    return maxQueuedBatches.get();
  }
}
