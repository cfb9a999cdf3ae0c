package io.weir.datastream.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.sink.SinkWriter;
import io.weir.datastream.sinks.CollectSink;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import io.weir.runtime.execution.JobExecutionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CollectResultIteratorTest {
  static final class FakeJob implements JobClient {
    final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    volatile boolean cancelled;

    @Override
    public String getJobId() {
      return "job";
    }

    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
      return result;
    }

    @Override
    public void cancel() {
      cancelled = true;
      result.completeExceptionally(new JobExecutionException("cancelled"));
    }

    @Override
    public CompletableFuture<Long> triggerCheckpoint() {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    void finish() {
      result.complete(new JobExecutionResult("job", "j", RuntimeExecutionMode.STREAMING, Duration.ZERO, Map.of()));
    }
  }

  private static Thread writer(String channelId, int from, int count, AtomicInteger written) {
    Thread t = new Thread(() -> {
      try {
        SinkWriter<Integer> w = new CollectSink<Integer>(channelId).createWriter(null);
        for (int i = from; i < from + count; i++) {
          w.write(i, null);
          written.incrementAndGet();
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    t.start();
    return t;
  }

  @Test
  void deliversEverythingFromParallelWritersThenEndsWithTheJob() throws Exception {
    CollectChannel<Integer> channel = CollectRegistry.open(16);
    FakeJob job = new FakeJob();
    AtomicInteger written = new AtomicInteger();
    Thread w1 = writer(channel.getId(), 0, 500, written);
    Thread w2 = writer(channel.getId(), 500, 500, written);

    // the bounded queue holds the writers back until the iterator reads: backpressure, not buffering
    Thread.sleep(100);
    assertThat(written.get()).isLessThanOrEqualTo(16 + 2);

    List<Integer> got = new ArrayList<>();
    try (CollectResultIterator<Integer> it = new CollectResultIterator<>(channel, job)) {
      while (got.size() < 1000) {
        assertThat(it.hasNext()).isTrue();
        got.add(it.next());
      }
      w1.join();
      w2.join();
      job.finish();
      assertThat(it.hasNext()).isFalse();
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 1000).boxed().toList());
    assertThat(job.cancelled).isFalse();
  }

  @Test
  void rethrowsTheJobFailureAfterTheRecordsThatArrived() throws Exception {
    CollectChannel<Integer> channel = CollectRegistry.open();
    FakeJob job = new FakeJob();
    writer(channel.getId(), 0, 3, new AtomicInteger()).join();
    job.result.completeExceptionally(new JobExecutionException(
        "Operator 'Map' (subtask 1/1) failed on record 3: ArithmeticException: / by zero"));
    CollectResultIterator<Integer> it = new CollectResultIterator<>(channel, job);
    assertThat(it.next()).isZero();
    assertThat(it.next()).isEqualTo(1);
    assertThat(it.next()).isEqualTo(2);
    assertThatThrownBy(it::hasNext).isInstanceOf(JobFailedException.class)
        .hasMessage("Operator 'Map' (subtask 1/1) failed on record 3: ArithmeticException: / by zero")
        .cause().isInstanceOf(JobExecutionException.class);
  }

  @Test
  void closeCancelsTheJobAndReleasesBlockedWriters() throws Exception {
    CollectChannel<Integer> channel = CollectRegistry.open(4);
    FakeJob job = new FakeJob();
    AtomicInteger written = new AtomicInteger();
    Thread w = writer(channel.getId(), 0, 100, written);
    CollectResultIterator<Integer> it = new CollectResultIterator<>(channel, job);
    assertThat(it.next()).isNotNull();
    it.close();
    assertThat(job.cancelled).isTrue();
    w.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(w.isAlive()).isFalse();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(() -> CollectRegistry.lookup(channel.getId())).hasMessageContaining("no reader");
  }
}
