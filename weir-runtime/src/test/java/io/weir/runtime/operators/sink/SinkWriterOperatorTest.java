package io.weir.runtime.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.sink.TwoPhaseCommittingSink;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.runtime.checkpoint.OperatorSnapshotSerializer;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SinkWriterOperatorTest {
  /** Published data per sink instance: committable id -> records. Committing twice is harmless. */
  static final Map<String, Map<String, List<String>>> PUBLISHED = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> COMMIT_CALLS = new ConcurrentHashMap<>();
  static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

  /** Writer buffers records; a committable is "id|r1,r2,..."; the committer publishes by id. */
  static final class MemoryTwoPhaseSink implements TwoPhaseCommittingSink<String, String> {
    final String id = UUID.randomUUID().toString();

    MemoryTwoPhaseSink() {
      PUBLISHED.put(id, new ConcurrentHashMap<>());
      COMMIT_CALLS.put(id, new AtomicInteger());
    }

    @Override
    public PrecommittingSinkWriter<String, String> createWriter(SinkContext context) {
      return new PrecommittingSinkWriter<>() {
        final List<String> buffer = new ArrayList<>();

        @Override
        public void write(String element, Context ctx) {
          buffer.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<String> prepareCommit() {
          if (buffer.isEmpty()) {
            return List.of();
          }
          String c = UUID.randomUUID() + "|" + String.join(",", buffer);
          buffer.clear();
          return List.of(c);
        }
      };
    }

    @Override
    public Committer<String> createCommitter() {
      return committables -> {
        COMMIT_CALLS.get(id).incrementAndGet();
        for (String c : committables) {
          String[] parts = c.split("\\|", 2);
          PUBLISHED.get(id).putIfAbsent(parts[0], Arrays.asList(parts[1].split(",")));
        }
      };
    }

    @Override
    public TypeSerializer<String> getCommittableSerializer() {
      return Types.STRING.createSerializer();
    }

    List<String> published() {
      List<String> all = new ArrayList<>();
      PUBLISHED.get(id).values().forEach(all::addAll);
      all.sort(null);
      return all;
    }
  }

  private static OneInputOperatorTestHarness<String, Void> harness(Sink<String> sink, List<OperatorSnapshot> restored) {
    OneInputOperatorTestHarness<String, Void> h = new OneInputOperatorTestHarness<>(new SinkWriterOperator<>(sink));
    if (restored != null) {
      h.initializeState(restored);
    }
    return h;
  }

  /** Snapshots go through the checkpoint file format, as after a real failure. */
  private static OperatorSnapshot roundTrip(OperatorSnapshot s) throws Exception {
    return OperatorSnapshotSerializer.deserialize(OperatorSnapshotSerializer.serialize(s));
  }

  @Test
  void commitsWhenTheCheckpointCompletesAndRecommitsAfterRestore() throws Exception {
    MemoryTwoPhaseSink sink = new MemoryTwoPhaseSink();
    OneInputOperatorTestHarness<String, Void> h = harness(sink, null);
    h.open();
    h.processElement("a");
    h.processElement("b");
    h.snapshot(1);
    assertThat(sink.published()).isEmpty(); // pre-committed only
    h.notifyCheckpointComplete(1);
    assertThat(sink.published()).containsExactly("a", "b");

    h.processElement("c");
    OperatorSnapshot s2 = roundTrip(h.snapshot(2));
    h.processElement("d"); // after the checkpoint: lost in the failure, replayed by the source
    h.close(); // failure before checkpoint 2's completion was notified
    assertThat(sink.published()).containsExactly("a", "b");

    OneInputOperatorTestHarness<String, Void> restored = harness(sink, List.of(s2));
    restored.open();
    assertThat(sink.published()).containsExactly("a", "b", "c");
    restored.processElement("d");
    restored.endInput();
    restored.close();
    assertThat(sink.published()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void restoringAnAlreadyCommittedCheckpointCommitsAgainIdempotently() throws Exception {
    MemoryTwoPhaseSink sink = new MemoryTwoPhaseSink();
    OneInputOperatorTestHarness<String, Void> h = harness(sink, null);
    h.open();
    h.processElement("x");
    OperatorSnapshot s1 = roundTrip(h.snapshot(1));
    h.notifyCheckpointComplete(1);
    h.close();
    int calls = COMMIT_CALLS.get(sink.id).get();

    OneInputOperatorTestHarness<String, Void> restored = harness(sink, List.of(s1));
    restored.open();
    assertThat(COMMIT_CALLS.get(sink.id).get()).isEqualTo(calls + 1);
    assertThat(sink.published()).containsExactly("x");
    // the restored committables are done: the next checkpoint does not carry them again
    OperatorSnapshot s2 = roundTrip(restored.snapshot(2));
    restored.close();
    OneInputOperatorTestHarness<String, Void> again = harness(sink, List.of(s2));
    again.open();
    assertThat(COMMIT_CALLS.get(sink.id).get()).isEqualTo(calls + 1);
    again.close();
  }

  @Test
  void laterCheckpointCompletionCommitsEarlierPendingOnesAndRescaleKeepsAll() throws Exception {
    MemoryTwoPhaseSink sink = new MemoryTwoPhaseSink();
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      OneInputOperatorTestHarness<String, Void> h = harness(sink, null);
      h.withParallelism(2, subtask, 128).open();
      h.processElement("s" + subtask + "-1");
      h.snapshot(1);
      h.processElement("s" + subtask + "-2");
      snapshots.add(roundTrip(h.snapshot(2)));
      h.close();
    }
    assertThat(sink.published()).isEmpty();
    // restore both subtasks' state into one: every pending committable is committed exactly once
    OneInputOperatorTestHarness<String, Void> merged = harness(sink, snapshots);
    merged.open();
    assertThat(sink.published()).containsExactly("s0-1", "s0-2", "s1-1", "s1-2");
    merged.close();

    MemoryTwoPhaseSink sink2 = new MemoryTwoPhaseSink();
    OneInputOperatorTestHarness<String, Void> h = harness(sink2, null);
    h.open();
    h.processElement("p");
    h.snapshot(5);
    h.processElement("q");
    h.snapshot(6);
    h.notifyCheckpointComplete(6);
    assertThat(sink2.published()).containsExactly("p", "q");
    h.close();
  }

  @Test
  void batchModeCommitsEverythingAtTheEnd() throws Exception {
    MemoryTwoPhaseSink sink = new MemoryTwoPhaseSink();
    OneInputOperatorTestHarness<String, Void> h = harness(sink, null);
    h.withMode(RuntimeExecutionMode.BATCH).open();
    for (int i = 0; i < 5; i++) {
      h.processElement("r" + i);
    }
    assertThat(sink.published()).isEmpty();
    h.endInput();
    assertThat(sink.published()).containsExactly("r0", "r1", "r2", "r3", "r4");
    h.close();
  }

  static final class RecordingSink implements Sink<String> {
    final String id = UUID.randomUUID().toString();

    RecordingSink() {
      EVENTS.put(id, new ArrayList<>());
    }

    @Override
    public SinkWriter<String> createWriter(SinkContext context) {
      List<String> events = EVENTS.get(id);
      events.add("open " + context.getIndexOfSubtask() + "/" + context.getNumberOfParallelSubtasks());
      return new SinkWriter<>() {
        @Override
        public void write(String element, Context ctx) {
          events.add("write " + element + " @" + ctx.timestamp() + " wm=" + ctx.currentWatermark());
        }

        @Override
        public void flush(boolean endOfInput) {
          events.add("flush " + endOfInput);
        }

        @Override
        public void close() {
          events.add("close");
        }
      };
    }
  }

  @Test
  void plainSinkIsFlushedAtBarriersAndAtTheEnd() throws Exception {
    RecordingSink sink = new RecordingSink();
    OneInputOperatorTestHarness<String, Void> h = harness(sink, null);
    h.withParallelism(3, 1, 128).open();
    h.processElement("a", 5);
    h.processWatermark(7);
    h.snapshot(1);
    h.processElement("b");
    h.endInput();
    h.close();
    assertThat(EVENTS.get(sink.id)).containsExactly(
        "open 1/3", "write a @5 wm=" + Long.MIN_VALUE, "flush false", "write b @null wm=7", "flush true", "close");
    assertThat(h.getOutput()).isEmpty();
  }
}
