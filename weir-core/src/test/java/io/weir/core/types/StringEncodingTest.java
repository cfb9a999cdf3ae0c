package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The string encoding (char count, then each UTF-16 char as an unsigned LEB128 varint) through
 * every writer and reader path, against an independent reference encoder: the bytes must stay
 * exactly the persisted format of old checkpoints, savepoints and spill files.
 */
class StringEncodingTest {
  enum Kind { ASCII, LATIN1, BMP, SURROGATES, MIXED }

  /** Random strings of one kind: empty, short, and long (past the 8-byte scan blocks). */
  static List<String> strings(Kind kind, long seed) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    out.add("");
    for (int i = 0; i < 300; i++) {
      int len = switch (i % 4) {
        case 0 -> rnd.nextInt(8);
        case 1 -> rnd.nextInt(40);
        case 2 -> 100 + rnd.nextInt(200);
        default -> rnd.nextInt(3) == 0 ? 2000 + rnd.nextInt(20000) : rnd.nextInt(16);
      };
      StringBuilder sb = new StringBuilder(len);
      while (sb.length() < len) {
        Kind k = kind == Kind.MIXED ? Kind.values()[rnd.nextInt(4)] : kind;
        switch (k) {
          case ASCII -> sb.append((char) rnd.nextInt(0x80));
          case LATIN1 -> sb.append((char) (rnd.nextInt(4) == 0 ? 0x80 + rnd.nextInt(0x80) : rnd.nextInt(0x80)));
          case BMP -> sb.append((char) (rnd.nextBoolean() ? rnd.nextInt(0x4000) : rnd.nextInt(0x10000)));
          default -> sb.appendCodePoint(rnd.nextInt(3) == 0 ? rnd.nextInt(0x80) : 0x10000 + rnd.nextInt(0x100000));
        }
      }
      // A non-ASCII char at the very end makes the fast path's scan give up on the last byte.
      if (i % 7 == 3 && kind != Kind.ASCII) {
        sb.append('\u00e9');
      }
      out.add(sb.toString());
    }
    // Chars at the varint size borders, and a lone surrogate (allowed in a Java string).
    out.add("\u007f\u0080\u3fff\u4000\uffff\u0000");
    out.add("abcdefgh\ud800ijklmnop");
    return out;
  }

  /** Written without any code under test: LEB128 count, then LEB128 of each char. */
  static byte[] reference(List<String> strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s : strings) {
      leb128(s.length(), out);
      for (int i = 0; i < s.length(); i++) {
        leb128(s.charAt(i), out);
      }
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

  @ParameterizedTest(name = "{0}, seed {1}")
  @CsvSource({"ASCII, 1", "LATIN1, 2", "BMP, 3", "SURROGATES, 4", "MIXED, 5", "ASCII, 6", "MIXED, 7"})
  void everyPathWritesAndReadsTheReferenceBytes(Kind kind, long seed) throws IOException {
    List<String> strings = strings(kind, seed);
    byte[] expected = reference(strings);
    TypeSerializer<String> ser = BasicSerializers.STRING;

    ByteArrayDataOutput bytesOut = new ByteArrayDataOutput(16);
    for (String s : strings) {
      ser.serialize(s, bytesOut);
    }
    assertThat(bytesOut.toByteArray()).isEqualTo(expected);

    ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
    DataOutputStream streamOut = new DataOutputStream(streamBytes);
    for (String s : strings) {
      ser.serialize(s, streamOut);
    }
    streamOut.flush();
    assertThat(streamBytes.toByteArray()).isEqualTo(expected);

    // In-place reader, at a non-zero offset of a larger array.
    byte[] padded = new byte[expected.length + 10];
    System.arraycopy(expected, 0, padded, 3, expected.length);
    ByteArrayDataInput in = new ByteArrayDataInput(padded, 3, expected.length);
    List<String> read = new ArrayList<>();
    for (int i = 0; i < strings.size(); i++) {
      read.add(ser.deserialize(in));
    }
    assertThat(read).isEqualTo(strings);
    assertThat(in.available()).isZero();

    DataInputStream streamIn = new DataInputStream(new ByteArrayInputStream(expected));
    read.clear();
    for (int i = 0; i < strings.size(); i++) {
      read.add(ser.deserialize(streamIn));
    }
    assertThat(read).isEqualTo(strings);
    assertThat(streamIn.read()).isEqualTo(-1);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"11", "12", "13"})
  void aStringCutShortIsAnErrorNotGarbage(long seed) throws IOException {
    Random rnd = new Random(seed);
    for (Kind kind : Kind.values()) {
      for (String s : strings(kind, seed)) {
        if (s.isEmpty() || s.length() > 2000) {
          continue;
        }
        byte[] full = reference(List.of(s));
        int cut = 1 + rnd.nextInt(full.length - 1);
        ByteArrayDataInput in = new ByteArrayDataInput(full, 0, cut);
        boolean failed = false;
        try {
          BasicSerializers.STRING.deserialize(in);
        } catch (java.io.EOFException expected) {
          failed = true;
        }
        assertThat(failed).as("%s string of %d chars cut at byte %d of %d", kind, s.length(), cut, full.length).isTrue();
      }
    }
  }
}
