package io.weir.runtime.exchange;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipelined in-JVM channel: a queue of batches passed by reference (no serialization) with a
 * soft capacity in batches. One producer thread, one consumer thread.
 */
public final class LocalChannel implements Channel {
  private final ConcurrentLinkedQueue<ElementBatch> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private final ExchangeMetrics metrics;

  public LocalChannel(int capacity, ExchangeMetrics metrics) {
    if (capacity < 1) {
      throw new IllegalArgumentException("execution.exchange.capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
    this.metrics = metrics;
  }

  @Override
  public void send(ElementBatch batch) {
    queue.add(batch);
    int n = size.incrementAndGet();
    if (metrics != null) {
      metrics.observeQueued(n);
    }
  }

  @Override
  public boolean hasCapacity() {
    return size.get() < capacity;
  }

  @Override
  public int bufferedBatches() {
    return size.get();
  }

  @Override
  public ElementBatch poll() {
    ElementBatch b = queue.poll();
    if (b != null) {
      size.decrementAndGet();
    }
    return b;
  }

  @Override
  public void release() {
    queue.clear();
    size.set(0);
  }
}
