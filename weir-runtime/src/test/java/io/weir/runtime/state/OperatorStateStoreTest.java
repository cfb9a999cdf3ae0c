package io.weir.runtime.state;

import static io.weir.runtime.testutil.TestTypes.LONG;
import static io.weir.runtime.testutil.TestTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.state.BroadcastState;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OperatorStateStoreTest {
  static final ListStateDescriptor<Long> SPLITS = new ListStateDescriptor<>("splits", LONG);
  static final ListStateDescriptor<String> UNION = new ListStateDescriptor<>("union", STRING);
  static final MapStateDescriptor<String, Long> RULES = new MapStateDescriptor<>("rules", STRING, LONG);

  @ParameterizedTest(name = "{0} -> {1}, seed {2}")
  @CsvSource({"2,3,1", "3,1,2", "3,3,3", "1,4,4", "4,2,5"})
  void listUnionAndBroadcastStateAreRedistributed(int from, int to, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    List<List<Long>> perSubtask = new ArrayList<>();
    List<String> allUnion = new ArrayList<>();
    Map<String, Long> rules = Map.of("x", 1L, "y", 2L);
    for (int s = 0; s < from; s++) {
      OperatorStateStore store = StateBackends.createOperatorStateStore();
      List<Long> mine = new ArrayList<>();
      for (int i = rnd.nextInt(10); i > 0; i--) {
        mine.add(rnd.nextLong());
      }
      perSubtask.add(mine);
      store.getListState(SPLITS).addAll(mine);
      store.getUnionListState(UNION).add("u" + s);
      allUnion.add("u" + s);
      BroadcastState<String, Long> b = store.getBroadcastState(RULES);
      rules.forEach(b::put);
      OperatorSnapshot snap = new OperatorSnapshot();
      store.snapshot(snap);
      snapshots.add(snap);
    }
    List<Long> all = perSubtask.stream().flatMap(List::stream).toList();
    List<Long> restoredAll = new ArrayList<>();
    for (int s = 0; s < to; s++) {
      OperatorStateStore store = StateBackends.createOperatorStateStore();
      store.restore(snapshots, s, to);
      List<Long> got = new ArrayList<>();
      store.getListState(SPLITS).get().forEach(got::add);
      if (from == to) {
        assertThat(got).containsExactlyElementsOf(perSubtask.get(s));
      } else {
        // Round-robin: sizes differ by at most one.
        assertThat(got.size()).isBetween(all.size() / to, all.size() / to + 1);
      }
      restoredAll.addAll(got);
      assertThat(store.getUnionListState(UNION).get()).containsExactlyElementsOf(allUnion);
      Map<String, Long> b = new HashMap<>();
      store.getBroadcastState(RULES).immutableEntries().forEach(e -> b.put(e.getKey(), e.getValue()));
      assertThat(b).isEqualTo(rules);
    }
    assertThat(restoredAll).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void restoredStateNotRegisteredAgainIsCarriedOver() throws Exception {
    OperatorStateStore store = StateBackends.createOperatorStateStore();
    store.getListState(SPLITS).add(7L);
    store.getBroadcastState(RULES).put("k", 1L);
    OperatorSnapshot snap = new OperatorSnapshot();
    store.snapshot(snap);

    OperatorStateStore restored = StateBackends.createOperatorStateStore();
    restored.restore(List.of(snap), 0, 1);
    OperatorSnapshot again = new OperatorSnapshot();
    restored.snapshot(again);

    OperatorStateStore last = StateBackends.createOperatorStateStore();
    last.restore(List.of(again), 0, 1);
    assertThat(last.getListState(SPLITS).get()).containsExactly(7L);
    assertThat(last.getBroadcastState(RULES).get("k")).isEqualTo(1L);
  }

  @Test
  void listStateSemanticsAndNameClashes() {
    OperatorStateStore store = StateBackends.createOperatorStateStore();
    ListState<Long> l = store.getListState(SPLITS);
    l.add(1L);
    l.update(List.of(2L, 3L));
    assertThat(l.get()).containsExactly(2L, 3L);
    assertThat(store.getListState(SPLITS)).isSameAs(l);
    assertThatThrownBy(() -> l.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.getUnionListState(new ListStateDescriptor<>("splits", LONG)))
        .hasMessageContaining("'splits'");
    BroadcastState<String, Long> b = store.getBroadcastState(RULES);
    b.put("a", 1L);
    b.remove("a");
    assertThat(b.contains("a")).isFalse();
  }
}
