package io.weir.connectors.testutil;

import io.weir.core.source.SourceReaderContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A reader context that records split requests and skipped records. */
public final class TestReaderContext implements SourceReaderContext {
  private final int subtask;
  private final int parallelism;
  public final AtomicInteger splitRequests = new AtomicInteger();
  public final List<String> skipped = new CopyOnWriteArrayList<>();

  public TestReaderContext() {
    this(0, 1);
  }

  public TestReaderContext(int subtask, int parallelism) {
    this.subtask = subtask;
    this.parallelism = parallelism;
  }

  @Override
  public int getIndexOfSubtask() {
    return subtask;
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public void sendSplitRequest() {
    splitRequests.incrementAndGet();
  }

  @Override
  public void reportSkippedRecord(String reason) {
    skipped.add(reason);
  }
}
