package io.weir.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.runtime.state.OperatorSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serialized operator snapshot is sized exactly up front (no growth, no copy out of a larger
 * buffer), and reads back as the snapshot written, over seeded random snapshots with empty and
 * NULL payloads and state names outside ASCII.
 */
class OperatorSnapshotSerializerTest {
  private static final String[] NAMES = {"rank-rows", "état", "状态", "nul\0name", "", "x"};

  private static byte[] bytes(Random r) {
    if (r.nextInt(8) == 0) {
      return r.nextBoolean() ? null : new byte[0];
    }
    byte[] b = new byte[r.nextInt(300)];
    r.nextBytes(b);
    return b;
  }

  private static OperatorSnapshot random(Random r) {
    OperatorSnapshot s = new OperatorSnapshot();
    for (int i = r.nextInt(130); i > 0; i--) {
      s.keyedState.put(r.nextInt(128), bytes(r));
    }
    for (int i = r.nextInt(20); i > 0; i--) {
      s.timers.put(r.nextInt(128), bytes(r));
    }
    for (Map<String, List<byte[]>> lists : List.of(s.listState, s.unionListState)) {
      for (int i = r.nextInt(4); i > 0; i--) {
        List<byte[]> l = new ArrayList<>();
        for (int j = r.nextInt(5); j > 0; j--) {
          l.add(bytes(r));
        }
        lists.put(NAMES[r.nextInt(NAMES.length)] + i, l);
      }
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      s.broadcastState.put(NAMES[r.nextInt(NAMES.length)] + i, bytes(r));
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sizedExactlyAndReadBack(long seed) throws Exception {
    Random r = new Random(seed);
    for (int n = 0; n < 50; n++) {
      OperatorSnapshot s = random(r);
      byte[] b = OperatorSnapshotSerializer.serialize(s);
      assertThat((long) b.length).isEqualTo(OperatorSnapshotSerializer.serializedSize(s));
      OperatorSnapshot back = OperatorSnapshotSerializer.deserialize(b);
      assertThat(OperatorSnapshotSerializer.serialize(back)).isEqualTo(b);
      assertThat(back.keyedState.keySet()).containsExactlyElementsOf(s.keyedState.keySet());
      for (Map.Entry<Integer, byte[]> e : s.keyedState.entrySet()) {
        assertThat(back.keyedState.get(e.getKey())).isEqualTo(e.getValue());
      }
      assertThat(back.listState.keySet()).containsExactlyElementsOf(s.listState.keySet());
      assertThat(back.broadcastState.keySet()).containsExactlyElementsOf(s.broadcastState.keySet());
    }
  }
}
