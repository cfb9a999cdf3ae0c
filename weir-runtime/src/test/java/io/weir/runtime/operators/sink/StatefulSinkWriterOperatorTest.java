package io.weir.runtime.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.sink.StatefulSink;
import io.weir.core.sink.StatefulSinkWriter;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.checkpoint.OperatorSnapshotSerializer;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A {@link StatefulSink}'s writer state goes into the checkpoint and comes back through restoreWriter. */
class StatefulSinkWriterOperatorTest {
  /** What each restoreWriter call received, by test. */
  static final Map<String, List<String>> RESTORED = new ConcurrentHashMap<>();

  /** Remembers every element written; its state is that list. */
  record RememberingSink(String id) implements StatefulSink<String, String> {
    @Override
    public SinkWriter<String> createWriter(SinkContext context) {
      return new Writer(new ArrayList<>());
    }

    @Override
    public SinkWriter<String> restoreWriter(SinkContext context, Collection<String> recoveredState) {
      RESTORED.put(id, new ArrayList<>(recoveredState));
      return new Writer(new ArrayList<>(recoveredState));
    }

    @Override
    public TypeInfo<String> getWriterStateType() {
      return Types.STRING;
    }
  }

  record Writer(List<String> seen) implements StatefulSinkWriter<String, String> {
    @Override
    public void write(String element, Context context) {
      seen.add(element);
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public List<String> snapshotState(long checkpointId) {
      return List.copyOf(seen);
    }
  }

  @Test
  void theWriterStateSurvivesARestore() throws Exception {
    RememberingSink sink = new RememberingSink("restore");
    var h = new OneInputOperatorTestHarness<String, Void>(new SinkWriterOperator<>(sink));
    h.open();
    h.processElement("a");
    h.processElement("b");
    OperatorSnapshot s = OperatorSnapshotSerializer.deserialize(OperatorSnapshotSerializer.serialize(h.snapshot(1)));
    h.processElement("lost");
    h.close();
    assertThat(RESTORED).doesNotContainKey("restore");

    var restored = new OneInputOperatorTestHarness<String, Void>(new SinkWriterOperator<>(sink));
    restored.initializeState(List.of(s));
    restored.open();
    assertThat(RESTORED.get("restore")).containsExactly("a", "b");
    restored.processElement("c");
    OperatorSnapshot s2 = restored.snapshot(2);
    restored.close();

    var again = new OneInputOperatorTestHarness<String, Void>(new SinkWriterOperator<>(sink));
    again.initializeState(List.of(s2));
    again.open();
    assertThat(RESTORED.get("restore")).containsExactly("a", "b", "c");
    again.close();
  }
}
