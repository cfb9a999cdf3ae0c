package io.weir.runtime.state;

import static io.weir.runtime.testutil.TestTypes.INT;
import static io.weir.runtime.testutil.TestTypes.LONG;
import static io.weir.runtime.testutil.TestTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.state.AggregatingState;
import io.weir.core.state.AggregatingStateDescriptor;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReducingState;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.testutil.TestTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  static final int MAX_PARALLELISM = 128;

  static final ValueStateDescriptor<Long> VALUE = new ValueStateDescriptor<>("value", LONG);
  static final ListStateDescriptor<String> LIST = new ListStateDescriptor<>("list", STRING);
  static final MapStateDescriptor<String, Long> MAP = new MapStateDescriptor<>("map", STRING, LONG);
  static final ReducingStateDescriptor<Long> SUM = new ReducingStateDescriptor<>("sum", Long::sum, LONG);
  static final AggregatingStateDescriptor<Long, Long, String> AGG =
      new AggregatingStateDescriptor<>("agg", new CountAndSum(), LONG);

  /** Accumulator packs count (high 32 bits) and sum (low 32 bits) to keep the test types minimal. */
  static final class CountAndSum implements AggregateFunction<Long, Long, String> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Long value, Long acc) {
      return acc + (1L << 32) + value;
    }

    @Override
    public String getResult(Long acc) {
      return (acc >>> 32) + "/" + (acc & 0xFFFFFFFFL);
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  static KeyedStateBackend<String> streaming() {
    return StateBackends.createKeyedStateBackend(
        RuntimeExecutionMode.STREAMING, STRING.createSerializer(), MAX_PARALLELISM,
        new KeyGroupRange(0, MAX_PARALLELISM - 1), new Configuration());
  }

  @Test
  void valueStateIsScopedToKeyAndNamespace() {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("a");
    ValueState<Long> v = b.getState(VALUE);
    assertThat(v.value()).isNull();
    v.update(1L);
    b.setCurrentKey("b");
    assertThat(v.value()).isNull();
    v.update(2L);
    b.setCurrentKey("a");
    assertThat(v.value()).isEqualTo(1L);

    ValueState<Long> w1 = b.getPartitionedState(1, INT.createSerializer(), new ValueStateDescriptor<>("win", LONG));
    w1.update(10L);
    ValueState<Long> w2 = b.getPartitionedState(2, INT.createSerializer(), new ValueStateDescriptor<>("win", LONG));
    assertThat(w2.value()).isNull();
    w2.update(20L);
    assertThat(b.getPartitionedState(1, INT.createSerializer(), new ValueStateDescriptor<>("win", LONG)).value())
        .isEqualTo(10L);

    v = b.getState(VALUE);
    v.update(null);
    assertThat(v.value()).isNull();
    b.setCurrentKey("b");
    assertThat(v.value()).isEqualTo(2L);
    v.clear();
    assertThat(v.value()).isNull();
  }

  @Test
  void listState() {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    ListState<String> l = b.getState(LIST);
    assertThat(l.get()).isEmpty();
    l.add("x");
    l.add("y");
    l.addAll(List.of("z", "w"));
    assertThat(l.get()).containsExactly("x", "y", "z", "w");
    l.update(List.of("q"));
    assertThat(l.get()).containsExactly("q");
    assertThatThrownBy(() -> l.add(null)).hasMessageContaining("list state 'list'");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> l.update(withNull)).isInstanceOf(NullPointerException.class);
    assertThat(l.get()).containsExactly("q");
    l.update(List.of());
    assertThat(l.get()).isEmpty();
    l.add("again");
    l.clear();
    assertThat(l.get()).isEmpty();
    b.setCurrentKey("other");
    assertThat(l.get()).isEmpty();
  }

  @Test
  void mapState() {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    MapState<String, Long> m = b.getState(MAP);
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.get("a")).isNull();
    m.put("a", 1L);
    m.put("b", 2L);
    m.putAll(Map.of("c", 3L));
    m.put("n", null);
    assertThat(m.contains("n")).isTrue();
    assertThat(m.get("b")).isEqualTo(2L);
    assertThat(m.keys()).containsExactlyInAnyOrder("a", "b", "c", "n");
    assertThat(m.values()).containsExactlyInAnyOrder(1L, 2L, 3L, null);
    m.remove("n");
    Map<String, Long> copy = new HashMap<>();
    for (Map.Entry<String, Long> e : m.entries()) {
      copy.put(e.getKey(), e.getValue());
    }
    assertThat(copy).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    Iterator<String> it = m.keys().iterator();
    while (it.hasNext()) {
      if (it.next().equals("a")) {
        it.remove();
      }
    }
    assertThat(m.contains("a")).isFalse();
    assertThatThrownBy(() -> m.put(null, 1L)).hasMessageContaining("null keys");
    b.setCurrentKey("k2");
    assertThat(m.isEmpty()).isTrue();
    b.setCurrentKey("k");
    m.remove("b");
    m.remove("c");
    assertThat(m.isEmpty()).isTrue();
  }

  @Test
  void reducingAndAggregatingState() {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    ReducingState<Long> r = b.getState(SUM);
    assertThat(r.get()).isNull();
    r.add(3L);
    r.add(4L);
    assertThat(r.get()).isEqualTo(7L);
    AggregatingState<Long, String> a = b.getState(AGG);
    assertThat(a.get()).isNull();
    a.add(5L);
    a.add(7L);
    assertThat(a.get()).isEqualTo("2/12");
    b.setCurrentKey("j");
    assertThat(r.get()).isNull();
    assertThat(a.get()).isNull();
    r.add(1L);
    b.setCurrentKey("k");
    assertThat(r.get()).isEqualTo(7L);
    r.clear();
    assertThat(r.get()).isNull();
  }

  @Test
  void reduceFunctionExceptionsPropagateUnchanged() throws Exception {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    ReducingState<Long> r = b.getState(new ReducingStateDescriptor<Long>("bad", (x, y) -> {
      throw new java.io.IOException("boom");
    }, LONG));
    r.add(1L);
    assertThatThrownBy(() -> r.add(2L)).isInstanceOf(java.io.IOException.class).hasMessage("boom");
  }

  @Test
  @SuppressWarnings("unchecked")
  void mergeNamespaces() throws Exception {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    var ns = INT.createSerializer();
    ListStateDescriptor<String> ld = new ListStateDescriptor<>("l", STRING);
    ReducingStateDescriptor<Long> rd = new ReducingStateDescriptor<>("r", Long::sum, LONG);
    for (int w = 1; w <= 3; w++) {
      b.getPartitionedState(w, ns, ld).add("e" + w);
      b.getPartitionedState(w, ns, rd).add((long) w);
      b.getPartitionedState(w, ns, AGG).add((long) w);
    }
    ((InternalMergingState<String, Integer, ?, ?, ?>) b.getPartitionedState(1, ns, ld)).mergeNamespaces(9, List.of(1, 2, 3));
    ((InternalMergingState<String, Integer, ?, ?, ?>) b.getPartitionedState(1, ns, rd)).mergeNamespaces(3, List.of(1, 2, 3));
    ((InternalMergingState<String, Integer, ?, ?, ?>) b.getPartitionedState(1, ns, AGG)).mergeNamespaces(1, List.of(2, 3));
    assertThat(b.getPartitionedState(9, ns, ld).get()).containsExactlyInAnyOrder("e1", "e2", "e3");
    assertThat(b.getPartitionedState(1, ns, ld).get()).isEmpty();
    assertThat(b.getPartitionedState(3, ns, rd).get()).isEqualTo(6L);
    assertThat(b.getPartitionedState(1, ns, rd).get()).isNull();
    assertThat(b.getPartitionedState(1, ns, AGG).get()).isEqualTo("3/6");
    assertThat(b.getPartitionedState(2, ns, AGG).get()).isNull();
  }

  @Test
  void readingStateWithoutCurrentKeyFailsClearly() {
    KeyedStateBackend<String> b = streaming();
    ValueState<Long> v = b.getState(VALUE);
    assertThatThrownBy(v::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No current key")
        .hasMessageContaining("'value'");
  }

  @Test
  void keyOutsideTheSubtasksKeyGroupsIsRejected() {
    KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperator(MAX_PARALLELISM, 2, 0);
    KeyedStateBackend<String> b = new HeapKeyedStateBackend<>(STRING.createSerializer(), MAX_PARALLELISM, range);
    String foreign = null;
    for (int i = 0; foreign == null; i++) {
      if (!range.contains(KeyGroupRangeAssignment.assignToKeyGroup("k" + i, MAX_PARALLELISM))) {
        foreign = "k" + i;
      }
    }
    String key = foreign;
    assertThatThrownBy(() -> b.setCurrentKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + key + "'")
        .hasMessageContaining("keyBy");
  }

  @Test
  void sameNameWithOtherKindFails() {
    KeyedStateBackend<String> b = streaming();
    b.getState(new ValueStateDescriptor<>("s", LONG));
    assertThatThrownBy(() -> b.getState(new ListStateDescriptor<>("s", LONG)))
        .hasMessageContaining("'s'").hasMessageContaining("VALUE").hasMessageContaining("LIST");
  }

  @Test
  void sameNameWithAndWithoutNamespaceFails() {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    b.getState(VALUE).update(1L);
    assertThatThrownBy(() -> b.getPartitionedState(3, INT.createSerializer(), VALUE))
        .hasMessageContaining("'value'").hasMessageContaining("namespace");
  }

  @Test
  void applyToAllKeysVisitsEveryKeyWithStateAndMayClear() throws Exception {
    KeyedStateBackend<String> b = streaming();
    for (int i = 0; i < 50; i++) {
      b.setCurrentKey("k" + i);
      b.getState(VALUE).update((long) i);
    }
    b.setCurrentKey("k7");
    Map<String, Long> seen = new HashMap<>();
    b.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, VALUE, (key, state) -> {
      seen.put(key, state.value());
      if (state.value() % 2 == 0) {
        state.clear();
      }
    });
    assertThat(seen).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(seen.get("k" + i)).isEqualTo((long) i);
    }
    assertThat(b.getCurrentKey()).isEqualTo("k7");
    List<String> left = new ArrayList<>();
    b.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, VALUE, (key, state) -> left.add(key));
    assertThat(left).hasSize(25).allMatch(k -> Integer.parseInt(k.substring(1)) % 2 == 1);
  }

  @Test
  void snapshotRestoresEveryKindLazilyAndCarriesUnregisteredStateOver() throws Exception {
    KeyedStateBackend<String> b = streaming();
    var ns = INT.createSerializer();
    for (int i = 0; i < 20; i++) {
      b.setCurrentKey("k" + i);
      b.getState(VALUE).update((long) i);
      b.getState(LIST).addAll(List.of("a" + i, "b" + i));
      b.getState(MAP).put("m" + i, (long) i * 2);
      b.getState(SUM).add((long) i);
      b.getState(AGG).add((long) i);
      b.getPartitionedState(i % 3, ns, new ListStateDescriptor<>("win", LONG)).add((long) i);
    }
    Map<Integer, byte[]> snap = b.snapshot(1);
    assertThat(snap).isNotEmpty();

    KeyedStateBackend<String> r = streaming();
    r.restore(List.of(snap));
    // Only VALUE is registered before the next snapshot: the others must survive as bytes.
    r.setCurrentKey("k3");
    assertThat(r.getState(VALUE).value()).isEqualTo(3L);
    Map<Integer, byte[]> snap2 = r.snapshot(2);

    KeyedStateBackend<String> r2 = streaming();
    r2.restore(List.of(snap2));
    for (int i = 0; i < 20; i++) {
      r2.setCurrentKey("k" + i);
      assertThat(r2.getState(VALUE).value()).isEqualTo((long) i);
      assertThat(r2.getState(LIST).get()).containsExactly("a" + i, "b" + i);
      assertThat(r2.getState(MAP).get("m" + i)).isEqualTo(i * 2L);
      assertThat(r2.getState(SUM).get()).isEqualTo((long) i);
      assertThat(r2.getState(AGG).get()).isEqualTo("1/" + i);
      assertThat(r2.getPartitionedState(i % 3, ns, new ListStateDescriptor<>("win", LONG)).get()).containsExactly((long) i);
      assertThat(r2.getPartitionedState((i + 1) % 3, ns, new ListStateDescriptor<>("win", LONG)).get()).isEmpty();
    }
  }

  @Test
  void restoringWithAnotherKindFails() throws Exception {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    b.getState(VALUE).update(1L);
    KeyedStateBackend<String> r = streaming();
    r.restore(List.of(b.snapshot(1)));
    r.setCurrentKey("k");
    assertThatThrownBy(() -> r.getState(new ListStateDescriptor<>("value", LONG)))
        .hasMessageContaining("checkpointed as VALUE");
  }

  @Test
  void emptiedStateIsNotSnapshotted() throws Exception {
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    b.getState(LIST).add("x");
    b.getState(MAP).put("a", 1L);
    b.getState(LIST).clear();
    for (Iterator<Map.Entry<String, Long>> it = b.getState(MAP).entries().iterator(); it.hasNext(); ) {
      it.next();
      it.remove();
    }
    assertThat(b.snapshot(1)).isEmpty();
  }

  @Test
  void unusedTypeInfoIsOnlyAskedForASerializerWhenSnapshotting() throws Exception {
    TypeInfoCountingSerializers counting = new TypeInfoCountingSerializers();
    KeyedStateBackend<String> b = streaming();
    b.setCurrentKey("k");
    b.getState(new ValueStateDescriptor<>("v", counting)).update(1L);
    assertThat(counting.created).isZero();
    b.snapshot(1);
    assertThat(counting.created).isEqualTo(1);
  }

  static final class TypeInfoCountingSerializers extends io.weir.core.types.TypeInfo<Long> {
    int created;

    @Override
    public Class<Long> getTypeClass() {
      return Long.class;
    }

    @Override
    public io.weir.core.types.TypeSerializer<Long> createSerializer() {
      created++;
      return new TestTypes.LongSerializer();
    }

    @Override
    public String toString() {
      return "Long";
    }
  }
}
