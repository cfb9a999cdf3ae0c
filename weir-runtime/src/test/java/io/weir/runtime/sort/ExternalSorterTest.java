package io.weir.runtime.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.testutil.TestTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalSorterTest {
  @TempDir Path spillDir;

  record In(byte[] key, String value, long ts, int arrival) {}

  static final Comparator<In> REFERENCE = (a, b) -> {
    int c = Arrays.compareUnsigned(a.key, b.key);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.ts, b.ts);
    return c != 0 ? c : Integer.compare(a.arrival, b.arrival);
  };

  static List<In> randomInput(Random rnd, int n, int distinctKeys) {
    List<In> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Keys of varying length incl. bytes >= 0x80 (unsigned order matters) and prefixes of each other.
      // Lengths around each border of the sort's 8/16/24-byte prefix; longer keys share all bytes
      // but the last two, so ties go to the later prefix words; keys of 24..28 bytes share their
      // first 24, so a 24-byte key is a prefix of longer ones and ties go to the full comparison.
      int k = rnd.nextInt(distinctKeys);
      int[] lengths = {k % 5, 6 + k % 5, 14 + k % 5, 24 + k % 5};
      byte[] key = new byte[lengths[k % 4]];
      int shared = k % 4 == 3 ? 24 : k % 4 == 0 ? 0 : key.length - 2;
      for (int j = 0; j < key.length; j++) {
        key[j] = (byte) (j < shared ? (k % 3) * 0x70 : (k * 37 + j * 101) & 0xFF);
      }
      long ts = rnd.nextInt(4) == 0 ? Long.MIN_VALUE : rnd.nextInt(50) - 25;
      String value = "v" + i + "-" + "x".repeat(rnd.nextInt(30));
      in.add(new In(key, value, ts, i));
    }
    return in;
  }

  @ParameterizedTest(name = "{0} records, budget {1} bytes, seed {2}")
  @CsvSource({
      "0, 4096, 1",
      "1, 4096, 2",
      "2000, 1000000, 3",   // fits in memory
      "20000, 16384, 4",    // many small runs -> multi-pass merge
      "5000, 2048, 5",      // budget below the reserve chunk
      "30000, 65536, 6"})
  void sortsLikeJavaSortAndCleansUp(int n, long budget, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<In> input = randomInput(rnd, n, 1 + rnd.nextInt(300));
    MemoryManager memory = new MemoryManager(budget);
    List<In> out = new ArrayList<>();
    long spilled;
    try (ExternalSorter<String> sorter = new ExternalSorter<>(TestTypes.STRING.createSerializer(), memory, spillDir)) {
      long maxReserved = 0;
      for (In r : input) {
        sorter.add(r.key, r.value, r.ts);
        maxReserved = Math.max(maxReserved, memory.reserved());
      }
      assertThat(maxReserved).isLessThanOrEqualTo(budget);
      spilled = sorter.spilledBytes();
      try (CloseableSortedIterator<String> it = sorter.finish()) {
        while (it.hasNext()) {
          SortedRecord<String> r = it.next();
          int arrival = Integer.parseInt(r.record().substring(1, r.record().indexOf('-')));
          out.add(new In(r.sortKey(), r.record(), r.timestamp(), arrival));
        }
      }
    }
    List<In> expected = new ArrayList<>(input);
    expected.sort(REFERENCE);
    assertThat(out).hasSize(expected.size());
    for (int i = 0; i < out.size(); i++) {
      In o = out.get(i);
      In e = expected.get(i);
      if (!o.value.equals(e.value) || !Arrays.equals(o.key, e.key) || o.ts != e.ts) {
        assertThat(o).as("record %d", i).isEqualTo(e);
      }
    }
    long inputBytes = input.stream().mapToLong(r -> r.value.length() + r.key.length + 12).sum();
    if (inputBytes > 2 * budget) {
      assertThat(spilled).isGreaterThan(0);
    }
    assertThat(memory.reserved()).isZero();
    try (Stream<Path> files = Files.list(spillDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void inputTwentyTimesTheBudget() throws Exception {
    long budget = 256 * 1024;
    MemoryManager memory = new MemoryManager(budget);
    Random rnd = new Random(20);
    long bytes = 0;
    long n = 0;
    long checksum = 0;
    try (ExternalSorter<String> sorter = new ExternalSorter<>(TestTypes.STRING.createSerializer(), memory, spillDir)) {
      while (bytes < 20 * budget) {
        String v = Long.toHexString(rnd.nextLong()) + "-payload-" + n;
        byte[] key = Integer.toString(rnd.nextInt(5000)).getBytes(StandardCharsets.UTF_8);
        sorter.add(key, v, rnd.nextInt(1000));
        bytes += v.length() + key.length;
        checksum += v.hashCode();
        n++;
      }
      assertThat(sorter.spilledBytes()).isGreaterThan(10 * budget);
      byte[] previousKey = null;
      long previousTs = Long.MIN_VALUE;
      long seen = 0;
      long seenChecksum = 0;
      long outOfOrder = 0;
      try (CloseableSortedIterator<String> it = sorter.finish()) {
        while (it.hasNext()) {
          SortedRecord<String> r = it.next();
          if (previousKey != null) {
            int c = Arrays.compareUnsigned(previousKey, r.sortKey());
            if (c > 0 || (c == 0 && r.timestamp() < previousTs)) {
              outOfOrder++;
            }
          }
          previousKey = r.sortKey();
          previousTs = r.timestamp();
          seen++;
          seenChecksum += r.record().hashCode();
        }
      }
      assertThat(outOfOrder).isZero();
      assertThat(seen).isEqualTo(n);
      assertThat(seenChecksum).isEqualTo(checksum);
    }
    assertThat(memory.reserved()).isZero();
  }

  @Test
  void keepsWorkingWhenOthersHoldTheWholeBudget() throws Exception {
    MemoryManager memory = new MemoryManager(10_000);
    assertThat(memory.tryReserve(10_000)).isTrue();
    try (ExternalSorter<String> sorter = new ExternalSorter<>(TestTypes.STRING.createSerializer(), memory, spillDir)) {
      sorter.add(new byte[] {2}, "b", 0);
      sorter.add(new byte[] {1}, "a", 0);
      List<String> out = new ArrayList<>();
      try (CloseableSortedIterator<String> it = sorter.finish()) {
        it.forEachRemaining(r -> out.add(r.record()));
      }
      assertThat(out).containsExactly("a", "b");
    }
    assertThat(memory.reserved()).isEqualTo(10_000);
  }

  @Test
  void misuseFailsClearly() {
    ExternalSorter<String> sorter = new ExternalSorter<>(TestTypes.STRING.createSerializer(), new MemoryManager(1 << 20), spillDir);
    sorter.finish().close();
    assertThatThrownBy(() -> sorter.add(new byte[0], "x", 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(sorter::finish).isInstanceOf(IllegalStateException.class);
    sorter.close();
  }
}
