package io.weir.runtime.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random adds (duplicates included), deletes, restored timers with out-of-order sequence numbers
 * and watermark polls against a TreeSet ordered by (timestamp, sequence): same timers, same order.
 */
class TimerQueueModelTest {
  record T(long ts, String key, long ns, long seq) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void firesLikeASortedSet(long seed) {
    Random random = new Random(seed);
    TimerQueue<String, Long> queue = new TimerQueue<>();
    TreeSet<T> model = new TreeSet<>(Comparator.comparingLong(T::ts).thenComparingLong(T::seq));
    // restored timers first, sequence numbers shuffled
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      seqs.add((long) i);
    }
    Collections.shuffle(seqs, random);
    for (int i = 0; i < 200; i++) {
      long ts = 10 * random.nextInt(5);
      String key = "r" + i;
      queue.addRestored(ts, key, ts, 0, seqs.get(i));
      model.add(new T(ts, key, ts, seqs.get(i)));
    }
    long seq = 200;
    long watermark = 0;
    int fired = 0;
    for (int op = 0; op < 20_000; op++) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        long ts = watermark + 10 * random.nextInt(8); // few distinct timestamps, as window ends
        String key = "k" + random.nextInt(50);
        boolean exists = model.stream().anyMatch(t -> t.ts() == ts && t.key().equals(key) && t.ns() == ts);
        assertThat(queue.add(ts, key, ts, 0)).isEqualTo(!exists);
        if (!exists) {
          model.add(new T(ts, key, ts, seq++));
        }
      } else if (kind < 8 && !model.isEmpty()) {
        T victim = random.nextBoolean() ? model.first() : model.last();
        queue.delete(victim.ts(), victim.key(), victim.ns());
        model.remove(victim);
      } else {
        watermark += random.nextInt(15);
        TimerImpl<String, Long> t;
        while ((t = queue.pollUpTo(watermark)) != null) {
          T expected = model.pollFirst();
          assertThat(expected).isNotNull();
          assertThat(t.timestamp).isEqualTo(expected.ts());
          assertThat(t.key).isEqualTo(expected.key());
          assertThat(t.seq).isEqualTo(expected.seq());
          fired++;
        }
        assertThat(model.isEmpty() || model.first().ts() > watermark).isTrue();
      }
      assertThat(queue.size()).isEqualTo(model.size());
    }
    TimerImpl<String, Long> t;
    while ((t = queue.pollUpTo(Long.MAX_VALUE)) != null) {
      assertThat(t.seq).isEqualTo(model.pollFirst().seq());
      fired++;
    }
    assertThat(model).isEmpty();
    assertThat(fired).isGreaterThan(1000);
  }
}
