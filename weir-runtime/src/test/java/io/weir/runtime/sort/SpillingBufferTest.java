package io.weir.runtime.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.testutil.TestTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpillingBufferTest {
  @TempDir Path spillDir;

  @ParameterizedTest(name = "{0} records, budget {1}, seed {2}")
  @CsvSource({"0, 4096, 1", "10, 1000000, 2", "50000, 16384, 3", "20000, 0, 4", "3000, 2048, 5"})
  void readsBackInOrderAnyNumberOfTimes(int n, long budget, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<String> input = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Some records are larger than a page.
      input.add(i + ":" + "y".repeat(rnd.nextInt(10) == 0 ? 3000 : rnd.nextInt(40)));
    }
    MemoryManager memory = new MemoryManager(budget);
    try (SpillingBuffer<String> buffer = new SpillingBuffer<>(TestTypes.STRING.createSerializer(), memory, spillDir)) {
      long maxReserved = 0;
      for (String s : input) {
        buffer.add(s);
        maxReserved = Math.max(maxReserved, memory.reserved());
      }
      assertThat(maxReserved).isLessThanOrEqualTo(budget);
      buffer.finishWriting();
      assertThat(buffer.size()).isEqualTo(n);
      long total = input.stream().mapToLong(s -> s.length() + 2).sum();
      if (total > 2 * budget) {
        assertThat(buffer.spilledBytes()).isGreaterThan(0);
      }
      for (int pass = 0; pass < 2; pass++) {
        List<String> out = new ArrayList<>();
        buffer.read().forEachRemaining(out::add);
        assertThat(out).isEqualTo(input);
      }
      // Two readers interleaved.
      var r1 = buffer.read();
      var r2 = buffer.read();
      List<String> o1 = new ArrayList<>();
      List<String> o2 = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        o1.add(r1.next());
        o2.add(r2.next());
      }
      assertThat(o1).isEqualTo(input);
      assertThat(o2).isEqualTo(input);
      assertThat(r1.hasNext()).isFalse();
    }
    assertThat(memory.reserved()).isZero();
    try (Stream<Path> files = Files.list(spillDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void readingBeforeFinishingFails() {
    try (SpillingBuffer<String> buffer = new SpillingBuffer<>(TestTypes.STRING.createSerializer(), new MemoryManager(1024), spillDir)) {
      buffer.add("x");
      assertThatThrownBy(buffer::read).isInstanceOf(IllegalStateException.class);
      buffer.finishWriting();
      assertThatThrownBy(() -> buffer.add("y")).isInstanceOf(IllegalStateException.class);
    }
  }
}
