package io.weir.runtime.timers;

/**
 * Processing-time clock of a task. Callbacks run on the task's own thread, between record
 * batches, never concurrently with the operators.
 */
public interface ProcessingTimeService {
  long getCurrentProcessingTime();

  Cancellable registerTimer(long timestamp, ProcessingTimeCallback callback);

  Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMs, long periodMs);

  @FunctionalInterface
  interface ProcessingTimeCallback {
    void onProcessingTime(long time) throws Exception;
  }

  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
