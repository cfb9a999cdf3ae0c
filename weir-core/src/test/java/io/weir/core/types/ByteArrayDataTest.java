package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteArrayDataOutput}/{@link ByteArrayDataInput} must be byte-compatible with
 * DataOutputStream/DataInputStream: random sequences of every write method, compared byte by byte,
 * read back by both readers.
 */
class ByteArrayDataTest {
  private static final int OPS = 14;

  /** Writes op {@code op} with random arguments; returns the value written (for the read check). */
  private static Object write(int op, Random r, DataOutput... outs) throws IOException {
    switch (op) {
      case 0 -> {
        int v = r.nextInt();
        for (DataOutput o : outs) {
          o.write(v);
        }
        return (byte) v;
      }
      case 1 -> {
        byte[] b = new byte[r.nextInt(300)];
        r.nextBytes(b);
        int off = b.length == 0 ? 0 : r.nextInt(b.length);
        int len = b.length == 0 ? 0 : r.nextInt(b.length - off + 1);
        for (DataOutput o : outs) {
          o.write(b, off, len);
        }
        return java.util.Arrays.copyOfRange(b, off, off + len);
      }
      case 2 -> {
        boolean v = r.nextBoolean();
        for (DataOutput o : outs) {
          o.writeBoolean(v);
        }
        return v;
      }
      case 3 -> {
        int v = r.nextInt();
        for (DataOutput o : outs) {
          o.writeByte(v);
        }
        return (byte) v;
      }
      case 4 -> {
        int v = r.nextInt();
        for (DataOutput o : outs) {
          o.writeShort(v);
        }
        return (short) v;
      }
      case 5 -> {
        int v = r.nextInt();
        for (DataOutput o : outs) {
          o.writeChar(v);
        }
        return (char) v;
      }
      case 6 -> {
        int v = r.nextInt();
        for (DataOutput o : outs) {
          o.writeInt(v);
        }
        return v;
      }
      case 7 -> {
        long v = r.nextLong();
        for (DataOutput o : outs) {
          o.writeLong(v);
        }
        return v;
      }
      case 8 -> {
        float v = r.nextInt(10) == 0 ? Float.NaN : Float.intBitsToFloat(r.nextInt());
        for (DataOutput o : outs) {
          o.writeFloat(v);
        }
        return v;
      }
      case 9 -> {
        double v = r.nextInt(10) == 0 ? Double.NaN : Double.longBitsToDouble(r.nextLong());
        for (DataOutput o : outs) {
          o.writeDouble(v);
        }
        return v;
      }
      case 10 -> {
        String v = TypeTestModel.string(r);
        if (v.length() > 20_000) {
          v = v.substring(0, 20_000);
        }
        for (DataOutput o : outs) {
          o.writeUTF(v);
        }
        return v;
      }
      case 11 -> {
        String v = TypeTestModel.string(r);
        for (DataOutput o : outs) {
          o.writeChars(v);
        }
        return v;
      }
      case 12 -> {
        String v = TypeTestModel.string(r);
        for (DataOutput o : outs) {
          o.writeBytes(v);
        }
        return v;
      }
      default -> {
        // a serializer on top: strings of any length with the compact encoding
        String v = TypeTestModel.string(r);
        for (DataOutput o : outs) {
          BasicSerializers.STRING.serialize(v, o);
        }
        return v;
      }
    }
  }

  private static void readAndCheck(int op, Object expected, DataInput in) throws IOException {
    switch (op) {
      case 0, 3 -> assertThat(in.readByte()).isEqualTo(expected);
      case 1 -> {
        byte[] b = new byte[((byte[]) expected).length];
        in.readFully(b);
        assertThat(b).isEqualTo(expected);
      }
      case 2 -> assertThat(in.readBoolean()).isEqualTo(expected);
      case 4 -> assertThat(in.readShort()).isEqualTo(expected);
      case 5 -> assertThat(in.readChar()).isEqualTo(expected);
      case 6 -> assertThat(in.readInt()).isEqualTo(expected);
      case 7 -> assertThat(in.readLong()).isEqualTo(expected);
      case 8 -> assertThat(Float.floatToIntBits(in.readFloat())).isEqualTo(Float.floatToIntBits((Float) expected));
      case 9 -> assertThat(Double.doubleToLongBits(in.readDouble())).isEqualTo(Double.doubleToLongBits((Double) expected));
      case 10 -> assertThat(in.readUTF()).isEqualTo(expected);
      case 11 -> {
        String s = (String) expected;
        for (int i = 0; i < s.length(); i++) {
          assertThat(in.readChar()).isEqualTo(s.charAt(i));
        }
      }
      case 12 -> {
        String s = (String) expected;
        for (int i = 0; i < s.length(); i++) {
          assertThat(in.readByte()).isEqualTo((byte) s.charAt(i));
        }
      }
      default -> assertThat(BasicSerializers.STRING.deserialize(in)).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 7, 99, 2026})
  void sameBytesAsDataOutputStreamAndReadableByBothReaders(long seed) throws IOException {
    Random r = new Random(seed);
    ByteArrayDataOutput out = new ByteArrayDataOutput(1); // forces many grow steps
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream dos = new DataOutputStream(bos);
    List<int[]> ops = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int op = r.nextInt(OPS);
      ops.add(new int[] {op});
      values.add(write(op, r, out, dos));
      assertThat(out.length()).isEqualTo(dos.size());
    }
    dos.flush();
    byte[] expected = bos.toByteArray();
    assertThat(out.toByteArray()).isEqualTo(expected);

    ByteArrayDataInput in = new ByteArrayDataInput(expected);
    DataInputStream dis = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
    for (int i = 0; i < ops.size(); i++) {
      readAndCheck(ops.get(i)[0], values.get(i), in);
      readAndCheck(ops.get(i)[0], values.get(i), dis);
    }
    assertThat(in.available()).isZero();
    assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
  }

  @Test
  void regionsReuseAndBounds() throws IOException {
    ByteArrayDataOutput out = new ByteArrayDataOutput();
    out.writeInt(7);
    out.writeLong(-1L);
    out.writeVarInt(300);
    out.writeVarInt(Integer.MAX_VALUE);
    byte[] buf = new byte[100];
    System.arraycopy(out.getSharedBuffer(), 0, buf, 10, out.length());

    ByteArrayDataInput in = new ByteArrayDataInput(buf, 10, out.length());
    assertThat(in.readInt()).isEqualTo(7);
    assertThat(in.readLong()).isEqualTo(-1L);
    assertThat(in.readVarInt()).isEqualTo(300);
    assertThat(in.readVarInt()).isEqualTo(Integer.MAX_VALUE);
    assertThat(in.available()).isZero();
    assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);

    // a partly readable long is EOF, not garbage
    in.setBuffer(buf, 10, 3);
    assertThatThrownBy(in::readLong).isInstanceOf(EOFException.class).hasMessageContaining("need 8 bytes, 3 left");
    assertThat(in.skipBytes(10)).isEqualTo(3);

    out.clear();
    assertThat(out.length()).isZero();
    out.writeShort(1);
    assertThat(out.toByteArray()).containsExactly(0, 1);
    assertThatThrownBy(() -> new ByteArrayDataInput(buf, 90, 20)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writeUtfRejectsOversizedStringsLikeDataOutputStream() {
    ByteArrayDataOutput out = new ByteArrayDataOutput();
    assertThatThrownBy(() -> out.writeUTF("\u4e2d".repeat(30_000))).isInstanceOf(UTFDataFormatException.class);
    assertThat(out.length()).isZero();
  }

  @Test
  void readLineSplitsOnNewlines() {
    ByteArrayDataInput in = new ByteArrayDataInput("a\nbc\r\nd".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(in.readLine()).isEqualTo("a");
    assertThat(in.readLine()).isEqualTo("bc");
    assertThat(in.readLine()).isEqualTo("d");
    assertThat(in.readLine()).isNull();
  }

  /** Length prefixes patched after the content (state snapshots) and copying out to a stream. */
  @Test
  void writeIntAtPatchesInPlaceAndWriteToCopiesTheContent() throws IOException {
    Random r = new Random(7);
    ByteArrayDataOutput out = new ByteArrayDataOutput(1);
    out.writeByte(9);
    int at = out.length();
    out.writeInt(0);
    int payload = 1 + r.nextInt(300);
    for (int i = 0; i < payload; i++) {
      out.writeByte(r.nextInt());
    }
    out.writeIntAt(at, payload);
    assertThat(out.length()).isEqualTo(5 + payload);

    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    out.writeTo(copy);
    assertThat(copy.toByteArray()).isEqualTo(out.toByteArray());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(copy.toByteArray()));
    assertThat(in.readByte()).isEqualTo((byte) 9);
    assertThat(in.readInt()).isEqualTo(payload);

    assertThatThrownBy(() -> out.writeIntAt(out.length() - 3, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
