package io.weir.core.types;

import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable in-memory {@link DataOutput} over a {@code byte[]}, big-endian like {@link
 * java.io.DataOutputStream} (so bytes written here read back with any {@link java.io.DataInput}).
 * Not synchronized: one instance per thread. Spilling, sort keys and checkpoints serialize into
 * one of these and reuse it with {@link #clear()}.
 */
public final class ByteArrayDataOutput implements DataOutput {
  // One bounds-checked big-endian store instead of a shift and store per byte.
  private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int position;

  public ByteArrayDataOutput() {
    this(64);
  }

  public ByteArrayDataOutput(int initialCapacity) {
    this.buffer = new byte[Math.max(1, initialCapacity)];
  }

  /** Number of bytes written since the last {@link #clear()}. */
  public int length() {
    return position;
  }

  /** Forgets the content but keeps the buffer, so a reused instance does not allocate. */
  public void clear() {
    position = 0;
  }

  /** Moves the write position back (never beyond the written length), e.g. to patch a header. */
  public void setPosition(int newPosition) {
    if (newPosition < 0 || newPosition > position) {
      throw new IllegalArgumentException("position " + newPosition + " outside [0, " + position + "]");
    }
    position = newPosition;
  }

  /** For encoders that wrote straight into {@link #getSharedBuffer()} after {@link #ensureCapacity}. */
  void setPositionUnchecked(int newPosition) {
    position = newPosition;
  }

  /** The internal buffer; only the first {@link #length()} bytes are valid. Shared, not copied. */
  public byte[] getSharedBuffer() {
    return buffer;
  }

  /** A copy of the written bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  /** Copies the written bytes to {@code out} without an intermediate array. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(buffer, 0, position);
  }

  /**
   * Overwrites 4 already written bytes at {@code at} (for length/count prefixes known only after
   * the content); does not move the write position.
   */
  public void writeIntAt(int at, int v) {
    if (at < 0 || at + 4 > position) {
      throw new IndexOutOfBoundsException("int at " + at + " outside written [0, " + position + ")");
    }
    byte[] b = buffer;
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** Makes room for {@code n} more bytes. */
  public void ensureCapacity(int n) {
    int required = position + n;
    if (required < 0) {
      throw new IllegalStateException("ByteArrayDataOutput cannot grow beyond 2 GiB");
    }
    if (required > buffer.length) {
      int newSize = Math.max(required, buffer.length * 2);
      if (newSize < 0) {
        newSize = Integer.MAX_VALUE - 8;
      }
      buffer = Arrays.copyOf(buffer, newSize);
    }
  }

  @Override
  public void write(int b) {
    ensureCapacity(1);
    buffer[position++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensureCapacity(len);
    System.arraycopy(b, off, buffer, position, len);
    position += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    ensureCapacity(2);
    buffer[position] = (byte) (v >>> 8);
    buffer[position + 1] = (byte) v;
    position += 2;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensureCapacity(4);
    int p = position;
    BE_INT.set(buffer, p, v);
    position = p + 4;
  }

  @Override
  public void writeLong(long v) {
    ensureCapacity(8);
    int p = position;
    BE_LONG.set(buffer, p, v);
    position = p + 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    // doubleToLongBits (not the raw variant) so that all NaNs give the same bytes
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    int len = s.length();
    ensureCapacity(len);
    for (int i = 0; i < len; i++) {
      buffer[position++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int len = s.length();
    ensureCapacity(2 * len);
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      buffer[position++] = (byte) (c >>> 8);
      buffer[position++] = (byte) c;
    }
  }

  /** The bytes {@link #writeUTF} writes after its 2-byte length: modified UTF-8. */
  public static int utfLength(String s) {
    int strlen = s.length();
    int utflen = strlen;
    for (int i = 0; i < strlen; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        utflen += (c >= 0x800) ? 2 : 1;
      }
    }
    return utflen;
  }

  /** Modified UTF-8 exactly as {@link java.io.DataOutputStream#writeUTF}. */
  @Override
  public void writeUTF(String s) throws UTFDataFormatException {
    int strlen = s.length();
    int utflen = utfLength(s);
    if (utflen > 65535) {
      throw new UTFDataFormatException("encoded string too long: " + utflen + " bytes");
    }
    ensureCapacity(utflen + 2);
    byte[] b = buffer;
    int p = position;
    b[p++] = (byte) (utflen >>> 8);
    b[p++] = (byte) utflen;
    for (int i = 0; i < strlen; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c != 0) {
        b[p++] = (byte) c;
      } else if (c >= 0x800) {
        b[p++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    position = p;
  }

  /** Unsigned LEB128 of a non-negative int (1 byte below 128). */
  public void writeVarInt(int v) {
    ensureCapacity(5);
    while ((v & ~0x7F) != 0) {
      buffer[position++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[position++] = (byte) v;
  }
}
