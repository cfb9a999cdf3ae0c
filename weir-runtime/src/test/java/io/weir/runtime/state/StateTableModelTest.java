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
 * {@link NamespaceMap} (window ends as namespaces, whose low hash bits collide) and the
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
          windowed.put(key, group, ns, v);
          windowedModel.computeIfAbsent(key, k -> new HashMap<>()).put(ns, v);
          plain.put(key, group, VoidNamespace.INSTANCE, v);
          plainModel.put(key, v);
        }
        case 2 -> {
          windowed.remove(key, group, ns);
          Map<Long, Integer> m = windowedModel.get(key);
          if (m != null) {
            m.remove(ns);
            if (m.isEmpty()) {
              windowedModel.remove(key);
            }
          }
          plain.remove(key, group, VoidNamespace.INSTANCE);
          plainModel.remove(key);
        }
        case 3 -> {
          windowed.removeKey(key, group);
          windowedModel.remove(key);
        }
        default -> {
          Map<Long, Integer> m = windowedModel.get(key);
          assertThat(windowed.get(key, group, ns)).isEqualTo(m == null ? null : m.get(ns));
          assertThat(plain.get(key, group, VoidNamespace.INSTANCE)).isEqualTo(plainModel.get(key));
        }
      }
    }
    // every key, looked up with a fresh (uncached) object
    for (int k = 0; k < 20; k++) {
      String probe = new String("k" + k);
      int group = KeyGroupRangeAssignment.assignToKeyGroup(probe, 128);
      assertThat(plain.get(probe, group, VoidNamespace.INSTANCE)).isEqualTo(plainModel.get(probe));
      for (int w = 0; w < 6; w++) {
        Map<Long, Integer> m = windowedModel.get(probe);
        assertThat(windowed.get(probe, group, 2_000L * w)).isEqualTo(m == null ? null : m.get(2_000L * w));
      }
    }
    assertThat(windowedModel).isNotEmpty();
  }
}
