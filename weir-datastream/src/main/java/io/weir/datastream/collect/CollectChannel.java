package io.weir.datastream.collect;

import io.weir.runtime.execution.JobClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands records from the collect sink's writers (worker threads) to the result iterator (the
 * caller's thread) through a bounded queue. A full queue holds the writers back, which is
 * backpressure on the job; once the iterator is closed writers drop records instead of waiting.
 */
public final class CollectChannel<T> {
  static final int DEFAULT_CAPACITY = 4096;
  private static final long OFFER_WAIT_MS = 50;

  private final String id;
  private final BlockingQueue<T> queue;
  private volatile boolean closed;
  private volatile JobClient jobClient;

  CollectChannel(String id, int capacity) {
    this.id = id;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  public String getId() {
    return id;
  }

  /** Called by sink writers: waits while the queue is full, in short steps so a close is noticed. */
  public void put(T record) throws InterruptedException {
    while (!closed) {
      if (queue.offer(record, OFFER_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  T poll(long timeoutMs) throws InterruptedException {
    return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  T pollNow() {
    return queue.poll();
  }

  void setJobClient(JobClient client) {
    this.jobClient = client;
  }

  JobClient getJobClient() {
    return jobClient;
  }

  boolean isClosed() {
    return closed;
  }

  void close() {
    closed = true;
    queue.clear();
  }
}
