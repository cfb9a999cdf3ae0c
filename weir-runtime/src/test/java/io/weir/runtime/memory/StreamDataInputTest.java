package io.weir.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.BasicSerializers;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.sort.SpillingBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strings and varints read in place from the stream reader's window: strings split over two
 * refills, over two memory pages of a {@link SpillingBuffer}, and over its spill file and pages.
 * The expected bytes come from an independent encoder of the persisted format.
 */
class StreamDataInputTest {
  @TempDir Path spillDir;

  /** Random ASCII, Latin-1, BMP and surrogate-pair strings, from empty to longer than the window. */
  static List<String> strings(long seed, int n) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    out.add("");
    for (int i = 0; i < n; i++) {
      int len = rnd.nextInt(10) == 0 ? 200 + rnd.nextInt(3000) : rnd.nextInt(60);
      int kind = rnd.nextInt(5);
      StringBuilder sb = new StringBuilder();
      while (sb.length() < len) {
        int k = kind == 4 ? rnd.nextInt(4) : kind;
        switch (k) {
          case 0 -> sb.append((char) rnd.nextInt(0x80));
          case 1 -> sb.append((char) (0x80 + rnd.nextInt(0x80)));
          case 2 -> sb.append((char) rnd.nextInt(0x10000));
          default -> sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** The format written by an independent encoder: LEB128 char count, LEB128 per char; an int between. */
  static byte[] reference(List<String> strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int j = 0; j < strings.size(); j++) {
      String s = strings.get(j);
      leb128(s.length(), out);
      for (int i = 0; i < s.length(); i++) {
        leb128(s.charAt(i), out);
      }
      out.write(0);
      out.write(0);
      out.write(j >>> 8);
      out.write(j);
    }
    return out.toByteArray();
  }

  private static void leb128(int v, ByteArrayOutputStream out) {
    do {
      int b = v & 0x7F;
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  /** Hands out 1..maxChunk bytes per read, so refills land anywhere inside a string. */
  private static InputStream chunky(byte[] data, long seed, int maxChunk) {
    Random rnd = new Random(seed);
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + rnd.nextInt(maxChunk)));
      }
    };
  }

  @ParameterizedTest(name = "seed {0}, buffer {1}, chunks up to {2}")
  @CsvSource({"1, 64, 7", "2, 64, 100", "3, 100, 1", "4, 1000, 333", "5, 32768, 32768"})
  void readsStringsSplitOverRefills(long seed, int bufferSize, int maxChunk) throws Exception {
    List<String> strings = strings(seed, 400);
    byte[] bytes = reference(strings);
    TypeSerializer<String> ser = BasicSerializers.STRING;
    try (StreamDataInput in = new StreamDataInput(chunky(bytes, seed, maxChunk), bufferSize)) {
      for (int j = 0; j < strings.size(); j++) {
        assertThat(ser.deserialize(in)).isEqualTo(strings.get(j));
        assertThat(in.readInt()).isEqualTo(j);
      }
      assertThat(in.hasMore()).isFalse();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"21", "22", "23"})
  void aTruncatedStreamEndsInEofNotGarbage(long seed) throws Exception {
    List<String> strings = strings(seed, 50);
    byte[] bytes = reference(strings);
    int cut = bytes.length - 5 - new Random(seed).nextInt(20);
    byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
    TypeSerializer<String> ser = BasicSerializers.STRING;
    assertThatThrownBy(() -> {
      try (StreamDataInput in = new StreamDataInput(chunky(truncated, seed, 50), 64)) {
        for (int j = 0; j < strings.size(); j++) {
          assertThat(ser.deserialize(in)).isEqualTo(strings.get(j));
          assertThat(in.readInt()).isEqualTo(j);
        }
      }
    }).isInstanceOf(EOFException.class);
  }

  /** Pages of 1 KiB (the smallest) and budgets that force spilling: strings span pages and file. */
  @ParameterizedTest(name = "seed {0}, budget {1}")
  @CsvSource({"31, 16384", "32, 4096", "33, 1000000", "34, 0"})
  void spillingBufferReadsStringsAcrossPagesAndSpill(long seed, long budget) throws Exception {
    List<String> strings = strings(seed, 2000);
    MemoryManager memory = new MemoryManager(budget);
    try (SpillingBuffer<String> buffer = new SpillingBuffer<>(BasicSerializers.STRING, memory, spillDir)) {
      for (String s : strings) {
        buffer.add(s);
      }
      buffer.finishWriting();
      List<String> out = new ArrayList<>();
      buffer.read().forEachRemaining(out::add);
      assertThat(out).isEqualTo(strings);
    }
  }
}
