package io.weir.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.TwoPhaseCommittingSink;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.runtime.execution.JobExecutionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A two-phase-commit sink behind a function that fails once: the output is exactly the input.
 *
 * <p>Parallelism 1 on purpose: a sink subtask commits what is left when its input ends, and the
 * engine does not yet take a final checkpoint after that; if another subtask then failed, the job
 * would restore an earlier checkpoint and replay records the finished subtask had committed.
 */
class ExactlyOnceSinkJobTest {
  /** committable id -> values, per sink instance; commits are idempotent by id. */
  static final Map<String, Map<String, List<Long>>> PUBLISHED = new ConcurrentHashMap<>();

  static final class MemorySink implements TwoPhaseCommittingSink<Long, String> {
    final String id = UUID.randomUUID().toString();

    MemorySink() {
      PUBLISHED.put(id, new ConcurrentHashMap<>());
    }

    @Override
    public PrecommittingSinkWriter<Long, String> createWriter(SinkContext context) {
      return new PrecommittingSinkWriter<>() {
        final List<Long> buffer = new ArrayList<>();

        @Override
        public void write(Long element, Context ctx) {
          buffer.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<String> prepareCommit() {
          if (buffer.isEmpty()) {
            return List.of();
          }
          StringBuilder sb = new StringBuilder(UUID.randomUUID().toString());
          for (Long v : buffer) {
            sb.append(',').append(v);
          }
          buffer.clear();
          return List.of(sb.toString());
        }
      };
    }

    @Override
    public Committer<String> createCommitter() {
      String sinkId = id;
      return committables -> {
        for (String c : committables) {
          String[] parts = c.split(",");
          List<Long> values = new ArrayList<>();
          for (int i = 1; i < parts.length; i++) {
            values.add(Long.parseLong(parts[i]));
          }
          PUBLISHED.get(sinkId).putIfAbsent(parts[0], values);
        }
      };
    }

    @Override
    public TypeSerializer<String> getCommittableSerializer() {
      return Types.STRING.createSerializer();
    }

    List<Long> published() {
      List<Long> all = new ArrayList<>();
      PUBLISHED.get(id).values().forEach(all::addAll);
      return all;
    }
  }

  /** Fails on one record in the first attempt only; slow enough for a few checkpoints to complete before. */
  static final class FailOnce extends RichMapFunction<Long, Long> {
    @Override
    public Long map(Long value) throws Exception {
      if (value % 50 == 0) {
        Thread.sleep(1);
      }
      if (value == 15_000 && getRuntimeContext().getAttemptNumber() == 0) {
        throw new IllegalStateException("injected failure");
      }
      return value;
    }
  }

  @ParameterizedTest
  @CsvSource({"STREAMING, 1", "STREAMING, 2", "BATCH, 1", "BATCH, 2"})
  void publishedOutputIsExactlyTheInputDespiteAFailure(RuntimeExecutionMode mode, int parallelism) throws Exception {
    // at parallelism 2 one subtask finishes (and pre-commits) before the other fails: its output
    // must become final only when the whole job has finished
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(mode).setParallelism(parallelism).enableCheckpointing(20).setRestartStrategy(3, Duration.ofMillis(10));
    MemorySink sink = new MemorySink();
    env.fromSequence(1, 20_000).map(new FailOnce()).sinkTo(sink);
    JobExecutionResult result = env.execute("exactly once");
    assertThat(result.counter("restarts")).isEqualTo(1);
    assertThat(sink.published()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20_000).boxed().toList());
  }
}
