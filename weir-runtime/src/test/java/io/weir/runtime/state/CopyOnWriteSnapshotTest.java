package io.weir.runtime.state;

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
import io.weir.core.types.BasicSerializers;
import io.weir.core.types.PrimitiveArrayTypeInfo;
import io.weir.core.types.Row;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Asynchronous (copy-on-write) snapshots of the heap backend: state changed in every way after a
 * freeze (in-place mutation of lists, maps, rows, accumulators; window namespaces; removes; new
 * keys that grow the tables) must not leak into the frozen snapshot, whose bytes must equal a
 * synchronous snapshot taken at the freeze point, with several snapshots in flight at once.
 */
class CopyOnWriteSnapshotTest {
  private static final int MAX_PARALLELISM = 16;
  private static final TypeSerializer<Long> NS = BasicSerializers.LONG;

  private static final ValueStateDescriptor<Row> ROW =
      new ValueStateDescriptor<>("row", Types.ROW(Types.LONG, Types.STRING));
  private static final ValueStateDescriptor<List<Long>> VLIST =
      new ValueStateDescriptor<>("vlist", Types.LIST(Types.LONG));
  private static final ValueStateDescriptor<Long> IMMUTABLE = new ValueStateDescriptor<>("long", Types.LONG);
  private static final ListStateDescriptor<Long> LIST = new ListStateDescriptor<>("list", Types.LONG);
  private static final MapStateDescriptor<String, Long> MAP = new MapStateDescriptor<>("map", Types.STRING, Types.LONG);
  private static final ReducingStateDescriptor<long[]> REDUCE =
      new ReducingStateDescriptor<>("reduce", (a, b) -> {
        a[0] += b[0]; // in place, as user functions may
        return a;
      }, PrimitiveArrayTypeInfo.LONG_ARRAY);
  private static final AggregatingStateDescriptor<Long, long[], Long> AGG =
      new AggregatingStateDescriptor<>("agg", new InPlaceSum(), PrimitiveArrayTypeInfo.LONG_ARRAY);
  /** Window (namespaced) states. */
  private static final ListStateDescriptor<Long> WLIST = new ListStateDescriptor<>("wlist", Types.LONG);
  private static final AggregatingStateDescriptor<Long, long[], Long> WAGG =
      new AggregatingStateDescriptor<>("wagg", new InPlaceSum(), PrimitiveArrayTypeInfo.LONG_ARRAY);
  private static final ValueStateDescriptor<Row> WROW =
      new ValueStateDescriptor<>("wrow", Types.ROW(Types.LONG, Types.STRING));

  static final class InPlaceSum implements AggregateFunction<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Long value, long[] acc) {
      acc[0] += value;
      acc[1]++;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0] * 1000 + acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  private static KeyedStateBackend<Long> backend(int first, int last) {
    return StateBackends.createKeyedStateBackend(RuntimeExecutionMode.STREAMING, BasicSerializers.LONG,
        MAX_PARALLELISM, new KeyGroupRange(first, last), new Configuration());
  }

  /** One frozen snapshot and the bytes a synchronous snapshot gave at its freeze point. */
  private record InFlight(AsyncSnapshot<Map<Integer, byte[]>> snapshot, Map<Integer, byte[]> expected,
      Map<String, String> content) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void frozenSnapshotsWriteTheBytesOfTheirFreezePoint(long seed) throws Exception {
    Random rnd = new Random(seed);
    KeyedStateBackend<Long> b = backend(0, MAX_PARALLELISM - 1);
    // a few keys first, many later: the key maps grow (resize) while snapshots are frozen
    int keys = 20;
    List<InFlight> inFlight = new ArrayList<>();
    int checkpoint = 0;
    int written = 0;
    for (int step = 0; step < 6000; step++) {
      if (step == 3000) {
        keys = 400;
      }
      int r = rnd.nextInt(1000);
      if (r < 4 && inFlight.size() < 3) {
        long id = ++checkpoint;
        Map<Integer, byte[]> expected = b.snapshot(id);
        Map<String, String> content = content(b, keys);
        inFlight.add(new InFlight(b.snapshotAsync(id), expected, content));
      } else if (r < 8 && !inFlight.isEmpty()) {
        InFlight f = inFlight.remove(rnd.nextInt(inFlight.size()));
        Map<Integer, byte[]> bytes = f.snapshot.write();
        assertSameBytes(bytes, f.expected);
        assertThat(restoredContent(bytes, keys)).isEqualTo(f.content);
        written++;
      } else if (r < 9 && !inFlight.isEmpty()) {
        inFlight.remove(rnd.nextInt(inFlight.size())).snapshot.discard();
      } else {
        randomOperation(b, rnd, keys);
      }
    }
    for (InFlight f : inFlight) {
      assertSameBytes(f.snapshot.write(), f.expected);
      written++;
    }
    assertThat(written).isGreaterThan(3);
    // all released: a snapshot now equals the synchronous one (no copying is pending)
    Map<Integer, byte[]> now = b.snapshot(++checkpoint);
    AsyncSnapshot<Map<Integer, byte[]>> last = b.snapshotAsync(checkpoint);
    assertSameBytes(last.write(), now);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void writeOnAnotherThreadWhileTheTaskMutates(long seed) throws Exception {
    Random rnd = new Random(seed);
    KeyedStateBackend<Long> b = backend(0, MAX_PARALLELISM - 1);
    for (int i = 0; i < 5000; i++) {
      randomOperation(b, rnd, 300);
    }
    for (int round = 0; round < 3; round++) {
      Map<Integer, byte[]> expected = b.snapshot(round);
      AsyncSnapshot<Map<Integer, byte[]>> s = b.snapshotAsync(round);
      Map<Integer, byte[]>[] result = new Map[1];
      Throwable[] error = new Throwable[1];
      Thread writer = new Thread(() -> {
        try {
          result[0] = s.write();
        } catch (Throwable t) {
          error[0] = t;
        }
      });
      writer.start();
      for (int i = 0; i < 5000; i++) {
        randomOperation(b, rnd, 300);
      }
      writer.join();
      assertThat(error[0]).isNull();
      assertSameBytes(result[0], expected);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22})
  void restoredSectionsOfUnregisteredStatesAreCarriedIntoAsyncSnapshots(long seed) throws Exception {
    Random rnd = new Random(seed);
    KeyedStateBackend<Long> b = backend(0, MAX_PARALLELISM - 1);
    for (int i = 0; i < 2000; i++) {
      randomOperation(b, rnd, 100);
    }
    Map<Integer, byte[]> original = b.snapshot(1);
    KeyedStateBackend<Long> restored = backend(0, MAX_PARALLELISM - 1);
    restored.restore(List.of(original));
    restored.setCurrentKey(1L);
    restored.getState(ROW); // one state registered again, the others stay as restored bytes
    Map<Integer, byte[]> expected = restored.snapshot(2);
    AsyncSnapshot<Map<Integer, byte[]>> s = restored.snapshotAsync(2);
    for (int i = 0; i < 2000; i++) {
      randomOperation(restored, rnd, 100);
    }
    assertSameBytes(s.write(), expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {31})
  void discardedSnapshotCannotBeWrittenAndReleasesItsFreeze(long seed) throws Exception {
    Random rnd = new Random(seed);
    KeyedStateBackend<Long> b = backend(0, MAX_PARALLELISM - 1);
    for (int i = 0; i < 1000; i++) {
      randomOperation(b, rnd, 50);
    }
    AsyncSnapshot<Map<Integer, byte[]>> s = b.snapshotAsync(1);
    s.discard();
    assertThatThrownBy(s::write).isInstanceOf(CancellationException.class);
    SnapshotVersions versions = versionsOf(b);
    assertThat(versions.required()).isZero();
    AsyncSnapshot<Map<Integer, byte[]>> t = b.snapshotAsync(2);
    assertThat(versions.required()).isEqualTo(versions.current());
    t.write();
    assertThat(versions.required()).isZero();
  }

  private static SnapshotVersions versionsOf(KeyedStateBackend<Long> b) throws Exception {
    java.lang.reflect.Field f = HeapKeyedStateBackend.class.getDeclaredField("versions");
    f.setAccessible(true);
    return (SnapshotVersions) f.get(b);
  }

  private static void assertSameBytes(Map<Integer, byte[]> actual, Map<Integer, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<Integer, byte[]> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as("key group %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  // ---------------------------------------------------------------- operations

  @SuppressWarnings("unchecked")
  private static void randomOperation(KeyedStateBackend<Long> b, Random rnd, int keys) throws Exception {
    long key = rnd.nextInt(keys);
    b.setCurrentKey(key);
    long x = rnd.nextInt(100);
    long ns = 1000L * rnd.nextInt(5);
    switch (rnd.nextInt(22)) {
      case 0 -> b.getState(ROW).update(Row.of(x, "r" + x));
      case 1 -> { // in place
        Row row = b.getState(ROW).value();
        if (row != null) {
          row.setField(0, (Long) row.getField(0) + x);
          row.setField(1, row.getField(1) + "+");
        }
      }
      case 2 -> {
        ValueState<List<Long>> v = b.getState(VLIST);
        List<Long> l = v.value();
        if (l == null) {
          l = new ArrayList<>();
        }
        l.add(x); // in place, then update() with the same list (RankOperator does this)
        if (l.size() > 5) {
          l.remove(0);
        }
        v.update(l);
      }
      case 3 -> {
        if (rnd.nextBoolean()) {
          b.getState(VLIST).clear();
        } else {
          b.getState(ROW).clear();
        }
      }
      case 4 -> b.getState(IMMUTABLE).update(x);
      case 5 -> b.getState(LIST).add(x);
      case 6 -> b.getState(LIST).addAll(List.of(x, x + 1));
      case 7 -> { // the stored list, changed in place (operators use getInternal)
        List<Long> l = ((InternalKvState<Long, VoidNamespace, List<Long>>) b.getState(LIST)).getInternal();
        if (l != null && !l.isEmpty()) {
          l.set(0, l.get(0) + x);
          if (rnd.nextBoolean()) {
            l.remove(l.size() - 1); // may leave an empty list (not written)
          }
        }
      }
      case 8 -> b.getState(LIST).update(List.of(x));
      case 9 -> {
        if (rnd.nextBoolean()) {
          b.getState(LIST).clear();
        } else {
          b.getState(MAP).clear();
        }
      }
      case 10 -> b.getState(MAP).put("k" + rnd.nextInt(6), x);
      case 11 -> b.getState(MAP).remove("k" + rnd.nextInt(6));
      case 12 -> { // through the live views
        Iterator<Map.Entry<String, Long>> it = b.getState(MAP).entries().iterator();
        while (it.hasNext()) {
          Map.Entry<String, Long> e = it.next();
          if (rnd.nextInt(3) == 0) {
            it.remove();
          } else {
            e.setValue(e.getValue() + x);
          }
        }
      }
      case 13 -> {
        ReducingState<long[]> r = b.getState(REDUCE);
        if (rnd.nextInt(10) == 0) {
          r.clear();
        } else {
          r.add(new long[] {x});
        }
      }
      case 14 -> {
        AggregatingState<Long, Long> a = b.getState(AGG);
        if (rnd.nextInt(10) == 0) {
          a.clear();
        } else {
          a.add(x);
        }
      }
      case 15 -> b.getPartitionedState(ns, NS, WLIST).add(x);
      case 16 -> b.getPartitionedState(ns, NS, WAGG).add(x);
      case 17 -> {
        ValueState<Row> v = b.getPartitionedState(ns, NS, WROW);
        Row row = v.value();
        if (row == null) {
          v.update(Row.of(x, "w"));
        } else {
          row.setField(0, (Long) row.getField(0) + 1);
        }
      }
      case 18 -> { // a window fired: its state goes
        if (rnd.nextBoolean()) {
          b.getPartitionedState(ns, NS, WLIST).clear();
        } else {
          b.getPartitionedState(ns, NS, WAGG).clear();
        }
        b.getPartitionedState(ns, NS, WROW).clear();
      }
      case 19 -> { // session windows merge
        Object state = rnd.nextBoolean() ? b.getPartitionedState(ns, NS, WLIST) : b.getPartitionedState(ns, NS, WAGG);
        InternalMergingState<Long, Long, Long, ?, ?> s = (InternalMergingState<Long, Long, Long, ?, ?>) state;
        s.mergeNamespaces(ns, List.of(ns + 1000, ns + 2000));
      }
      case 20 -> {
        ListState<Long> l = b.getPartitionedState(ns, NS, WLIST);
        for (Long v : l.get()) {
          x += v; // read only
        }
        b.getState(IMMUTABLE).update(x);
      }
      default -> {
        MapState<String, Long> m = b.getState(MAP);
        if (!m.isEmpty()) {
          m.putAll(Map.of("k0", x, "k9", x));
        }
      }
    }
  }

  // ---------------------------------------------------------------- content

  /** Everything the state API shows, by state, key and namespace (only reads). */
  private static Map<String, String> content(KeyedStateBackend<Long> b, int keys) {
    List<Long> all = new ArrayList<>();
    for (long k = 0; k < keys; k++) {
      all.add(k);
    }
    return content(b, all);
  }

  private static Map<String, String> content(KeyedStateBackend<Long> b, List<Long> keys) {
    Map<String, String> c = new TreeMap<>();
    for (long k : keys) {
      b.setCurrentKey(k);
      put(c, "row", k, b.getState(ROW).value());
      put(c, "vlist", k, b.getState(VLIST).value());
      put(c, "long", k, b.getState(IMMUTABLE).value());
      put(c, "list", k, list(b.getState(LIST).get()));
      put(c, "map", k, b.getState(MAP).isEmpty() ? null : new TreeMap<>(toMap(b.getState(MAP))).toString());
      long[] red = b.getState(REDUCE).get();
      put(c, "reduce", k, red == null ? null : Arrays.toString(red));
      put(c, "agg", k, b.getState(AGG).get());
      for (long ns = 0; ns <= 6000; ns += 1000) {
        put(c, "wlist@" + ns, k, list(b.getPartitionedState(ns, NS, WLIST).get()));
        put(c, "wagg@" + ns, k, b.getPartitionedState(ns, NS, WAGG).get());
        put(c, "wrow@" + ns, k, b.getPartitionedState(ns, NS, WROW).value());
      }
    }
    b.setCurrentKey(null);
    return c;
  }

  private Map<String, String> restoredContent(Map<Integer, byte[]> bytes, int keys) throws Exception {
    // two subtasks: restore redistributes by key group
    Map<String, String> c = new TreeMap<>();
    for (int[] range : new int[][] {{0, 6}, {7, MAX_PARALLELISM - 1}}) {
      KeyedStateBackend<Long> r = backend(range[0], range[1]);
      r.restore(List.of(bytes));
      List<Long> mine = new ArrayList<>();
      for (long k = 0; k < keys; k++) {
        int kg = KeyGroupRangeAssignment.computeKeyGroupForKeyHash(Long.hashCode(k), MAX_PARALLELISM);
        if (kg >= range[0] && kg <= range[1]) {
          mine.add(k);
        }
      }
      c.putAll(content(r, mine));
    }
    return c;
  }

  private static Map<String, Long> toMap(MapState<String, Long> m) {
    Map<String, Long> r = new TreeMap<>();
    for (Map.Entry<String, Long> e : m.entries()) {
      r.put(e.getKey(), e.getValue());
    }
    return r;
  }

  private static String list(Iterable<Long> l) {
    List<Long> r = new ArrayList<>();
    l.forEach(r::add);
    return r.isEmpty() ? null : r.toString();
  }

  private static void put(Map<String, String> c, String state, long key, Object value) {
    if (value != null) {
      c.put(state + "/" + key, String.valueOf(value));
    }
  }
}
