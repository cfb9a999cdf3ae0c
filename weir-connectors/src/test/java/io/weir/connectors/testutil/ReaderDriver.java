package io.weir.connectors.testutil;

import io.weir.core.source.InputStatus;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceSplit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Drives a reader the way a worker thread does: poll, and wait on isAvailable() when idle. */
public final class ReaderDriver {
  private ReaderDriver() {}

  /** Polls until END_OF_INPUT; fails after {@code timeout}. */
  public static <T, S extends SourceSplit> void runToEnd(
      SourceReader<T, S> reader, TestReaderOutput<T> out, Duration timeout) throws Exception {
    runUntil(reader, out, () -> false, timeout);
  }

  /**
   * Polls until {@code stop} holds (checked after every poll) or END_OF_INPUT; returns whether
   * the reader ended.
   */
  public static <T, S extends SourceSplit> boolean runUntil(
      SourceReader<T, S> reader, TestReaderOutput<T> out, BooleanSupplier stop, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      InputStatus st = reader.pollNext(out);
      if (st == InputStatus.END_OF_INPUT) {
        return true;
      }
      if (stop.getAsBoolean()) {
        return false;
      }
      if (st == InputStatus.NOTHING_AVAILABLE) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("reader made no progress within " + timeout + " (" + out.records.size() + " records)");
        }
        try {
          reader.isAvailable().get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("reader not available within " + timeout + " (" + out.records.size() + " records)");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reader did not finish within " + timeout);
      }
    }
  }
}
