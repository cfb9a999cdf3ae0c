package io.weir.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.BasicSerializers;
import io.weir.core.types.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operation sequences against java.util.HashMap models: the open-addressing
 * {@link NamespaceMap} (window ends as namespaces, whose low hash bits collide), the key level
 * {@link KeyMap} (colliding hashes, growth and removals) and the
 * {@link StateTable} last-key cache (keys as equal-but-distinct objects and as the same object,
 * removals of the cached key, whole-key drops).
 */
class StateTableModelTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void namespaceMapBehavesLikeAHashMap(long seed) {
    Random random = new Random(seed);
    NamespaceMap<Long, Integer> map = new NamespaceMap<>();
    Map<Long, Integer> model = new HashMap<>();
    for (int op = 0; op < 20_000; op++) {
      // window ends: multiples of 2,000 around an epoch-millis base, a few dozen live at once
      Long ns = 1_436_918_400_000L + 2_000L * random.nextInt(random.nextBoolean() ? 8 : 60);
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          int v = random.nextInt();
          map.put(ns, v);
          model.put(ns, v);
        }
        case 2 -> {
          map.remove(ns);
          model.remove(ns);
        }
        default -> assertThat(map.get(ns)).isEqualTo(model.get(ns));
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    Map<Long, Integer> iterated = new HashMap<>();
    for (int s = 0; s < map.capacity(); s++) {
      if (map.namespaceAt(s) != null) {
        iterated.put(map.namespaceAt(s), map.valueAt(s));
      }
    }
    assertThat(iterated).isEqualTo(model).isNotEmpty();
  }

  /** A key whose hash is chosen by the test, so that distinct keys collide on purpose. */
  private record Collider(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Collider c && c.id == id;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void keyMapBehavesLikeAHashMap(long seed) {
    Random random = new Random(seed);
    KeyMap map = new KeyMap();
    Map<Collider, Object> model = new HashMap<>();
    // phases: grow to a few thousand keys (resizes), then mostly remove (backward shifts), then grow again
    for (int op = 0; op < 60_000; op++) {
      int phase = op / 20_000;
      int id = random.nextInt(phase == 1 ? 800 : 5_000);
      // few distinct hashes (id / 7) or clustered ones (multiples of 1024): long probe runs
      int hash = random.nextBoolean() ? id / 7 : (id % 16) * 1024;
      Collider key = new Collider(id, hash);
      int action = random.nextInt(10);
      if (action < (phase == 1 ? 2 : 5)) {
        Object v = random.nextInt(3) == 0 ? null : (Object) random.nextInt();
        map.put(new Collider(id, hash), hash, v);
        model.put(key, v);
      } else if (action < 8) {
        map.remove(key, hash);
        model.remove(key);
      } else {
        int slot = map.find(key, hash);
        assertThat(slot >= 0).isEqualTo(model.containsKey(key));
        assertThat(map.get(key, hash)).isEqualTo(model.get(key));
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    Map<Object, Object> iterated = new HashMap<>();
    for (int s = 0; s < map.capacity(); s++) {
      Object k = map.keyAt(s);
      if (k != null) {
        assertThat(map.hashAt(s)).isEqualTo(k.hashCode());
        assertThat(iterated.containsKey(k)).as("key %s twice", k).isFalse();
        iterated.put(k, map.entryAt(s));
      }
    }
    assertThat(iterated).isEqualTo(model).isNotEmpty();
  }

  /**
   * SQL key rows: one or two BIGINT fields (kept flat when the first key is such a row) mixed with
   * rows that are not flat (a STRING field, a NULL field, another row kind) and non-Row keys; each
   * key a fresh object. Small values make Row hashes collide ((0, 31) and (1, 0) both hash 992).
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void keyMapWithFlatRowKeysBehavesLikeAHashMap(long seed) {
    Random random = new Random(seed);
    KeyMap map = new KeyMap();
    Map<Object, Object> model = new HashMap<>();
    boolean flatFirst = seed % 2 == 0;
    for (int op = 0; op < 40_000; op++) {
      Object key;
      long a = random.nextInt(40);
      long b = random.nextInt(40);
      int shape = op == 0 ? (flatFirst ? 0 : 2) : random.nextInt(20);
      if (shape < 12) {
        key = io.weir.core.types.Row.of(a, b);
      } else if (shape < 15) {
        key = io.weir.core.types.Row.of(a);
      } else if (shape < 17) {
        key = io.weir.core.types.Row.of(a, "s" + b);
      } else if (shape == 17) {
        key = io.weir.core.types.Row.of(a, null);
      } else if (shape == 18) {
        key = io.weir.core.types.Row.ofKind(io.weir.core.types.RowKind.UPDATE_AFTER, a, b);
      } else {
        key = a * 40 + b;
      }
      int hash = key.hashCode();
      switch (random.nextInt(5)) {
        case 0, 1 -> {
          Object v = random.nextInt();
          map.put(key, hash, v);
          model.put(key, v);
        }
        case 2 -> {
          map.remove(key, hash);
          model.remove(key);
        }
        default -> {
          assertThat(map.find(key, hash) >= 0).as("%s", key).isEqualTo(model.containsKey(key));
          assertThat(map.get(key, hash)).isEqualTo(model.get(key));
        }
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    Map<Object, Object> iterated = new HashMap<>();
    for (int s = 0; s < map.capacity(); s++) {
      Object k = map.keyAt(s);
      if (k != null) {
        assertThat(iterated.put(k, map.entryAt(s))).isNull();
        assertThat(map.find(k, k.hashCode())).isEqualTo(s);
      }
    }
    assertThat(iterated).isEqualTo(model).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void stateTableWithTheLastKeyCacheBehavesLikeAHashMap(long seed) {
    Random random = new Random(seed);
    KeyGroupRange range = new KeyGroupRange(0, 127);
    StateTable<String, Long, Integer> windowed = new StateTable<>(
        new ValueStateDescriptor<>("w", Types.INT), BasicSerializers.LONG, range);
    StateTable<String, VoidNamespace, Integer> plain = new StateTable<>(
        new ValueStateDescriptor<>("v", Types.INT), VoidNamespace.SERIALIZER, range);
    Map<String, Map<Long, Integer>> windowedModel = new HashMap<>();
    Map<String, Integer> plainModel = new HashMap<>();
    String key = "k0";
    for (int op = 0; op < 20_000; op++) {
      if (random.nextInt(4) == 0) {
        // a new key object, sometimes equal to the previous one (a cache miss that must still find it)
        key = new String("k" + random.nextInt(20));
      }
      int group = KeyGroupRangeAssignment.assignToKeyGroup(key, 128);
      Long ns = 2_000L * random.nextInt(6);
      int v = random.nextInt(1000);
      switch (random.nextInt(7)) {
        case 0, 1 -> {
          windowed.put(key, key.hashCode(), group, ns, v);
          windowedModel.computeIfAbsent(key, k -> new HashMap<>()).put(ns, v);
          plain.put(key, key.hashCode(), group, VoidNamespace.INSTANCE, v);
          plainModel.put(key, v);
        }
        case 2 -> {
          windowed.remove(key, key.hashCode(), group, ns);
          Map<Long, Integer> m = windowedModel.get(key);
          if (m != null) {
            m.remove(ns);
            if (m.isEmpty()) {
              windowedModel.remove(key);
            }
          }
          plain.remove(key, key.hashCode(), group, VoidNamespace.INSTANCE);
          plainModel.remove(key);
        }
        case 3 -> {
          windowed.removeKey(key, group);
          windowedModel.remove(key);
        }
        default -> {
          Map<Long, Integer> m = windowedModel.get(key);
          assertThat(windowed.get(key, key.hashCode(), group, ns)).isEqualTo(m == null ? null : m.get(ns));
          assertThat(plain.get(key, key.hashCode(), group, VoidNamespace.INSTANCE)).isEqualTo(plainModel.get(key));
        }
      }
    }
    // every key, looked up with a fresh (uncached) object
    for (int k = 0; k < 20; k++) {
      String probe = new String("k" + k);
      int group = KeyGroupRangeAssignment.assignToKeyGroup(probe, 128);
      assertThat(plain.get(probe, probe.hashCode(), group, VoidNamespace.INSTANCE)).isEqualTo(plainModel.get(probe));
      for (int w = 0; w < 6; w++) {
        Map<Long, Integer> m = windowedModel.get(probe);
        assertThat(windowed.get(probe, probe.hashCode(), group, 2_000L * w)).isEqualTo(m == null ? null : m.get(2_000L * w));
      }
    }
    assertThat(windowedModel).isNotEmpty();
  }
}
