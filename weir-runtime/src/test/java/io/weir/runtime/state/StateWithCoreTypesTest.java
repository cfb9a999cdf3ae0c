package io.weir.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keyed state snapshots with the real serializers of weir-core (tuples, records, collections). */
class StateWithCoreTypesTest {
  public record Reading(String sensor, double value, List<Long> times) {}

  @Test
  void tupleKeysAndRecordValuesSurviveRescaling() throws Exception {
    TypeInfo<Tuple2<String, Integer>> keyType = Types.TUPLE(Types.STRING, Types.INT);
    ValueStateDescriptor<Reading> last = new ValueStateDescriptor<>("last", TypeInfo.of(Reading.class));
    ListStateDescriptor<Map<String, Long>> history =
        new ListStateDescriptor<>("history", Types.MAP(Types.STRING, Types.LONG));
    MapStateDescriptor<Integer, String> names = new MapStateDescriptor<>("names", Types.INT, Types.STRING);

    List<Map<Integer, byte[]>> snapshots = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      KeyedStateBackend<Tuple2<String, Integer>> b = StateBackends.createKeyedStateBackend(
          RuntimeExecutionMode.STREAMING, keyType.createSerializer(), 32,
          KeyGroupRangeAssignment.rangeForOperator(32, 2, subtask), new Configuration());
      for (int i = 0; i < 40; i++) {
        Tuple2<String, Integer> key = Tuple2.of("s" + (i % 7), i);
        if (!b.getKeyGroupRange().contains(KeyGroupRangeAssignment.assignToKeyGroup(key, 32))) {
          continue;
        }
        b.setCurrentKey(key);
        b.getState(last).update(new Reading("s" + i, i * 1.5, List.of((long) i, i + 1L)));
        b.getState(history).add(Map.of("k" + i, (long) i));
        b.getState(names).put(i, "n" + i);
      }
      snapshots.add(b.snapshot(1));
    }
    KeyedStateBackend<Tuple2<String, Integer>> all = StateBackends.createKeyedStateBackend(
        RuntimeExecutionMode.STREAMING, keyType.createSerializer(), 32, new KeyGroupRange(0, 31), new Configuration());
    all.restore(snapshots);
    for (int i = 0; i < 40; i++) {
      all.setCurrentKey(Tuple2.of("s" + (i % 7), i));
      assertThat(all.getState(last).value()).isEqualTo(new Reading("s" + i, i * 1.5, List.of((long) i, i + 1L)));
      assertThat(all.getState(history).get()).containsExactly(Map.of("k" + i, (long) i));
      assertThat(all.getState(names).get(i)).isEqualTo("n" + i);
    }
  }
}
