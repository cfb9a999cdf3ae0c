package io.weir.runtime.memory;

import java.io.DataOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * A growable in-memory {@link DataOutput}. Unlike {@code DataOutputStream} over a
 * {@code ByteArrayOutputStream} it has no per-byte synchronization and can be reset and reused,
 * which matters on the per-record paths (sorting, spilling, state snapshots).
 */
public final class DataOutputBuffer implements DataOutput {
  private byte[] buf;
  private int pos;

  public DataOutputBuffer() {
    this(256);
  }

  public DataOutputBuffer(int initialCapacity) {
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  public int length() {
    return pos;
  }

  /** The backing array; valid bytes are [0, length()). */
  public byte[] data() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  public void reset() {
    pos = 0;
  }

  /** Drops everything after the first {@code length} bytes. */
  public void truncate(int length) {
    if (length < 0 || length > pos) {
      throw new IndexOutOfBoundsException("truncate to " + length + " of " + pos);
    }
    pos = length;
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, pos);
  }

  /** Overwrites 4 bytes at {@code position} (for length prefixes written after the fact). */
  public void writeIntAt(int position, int v) {
    buf[position] = (byte) (v >>> 24);
    buf[position + 1] = (byte) (v >>> 16);
    buf[position + 2] = (byte) (v >>> 8);
    buf[position + 3] = (byte) v;
  }

  private void ensure(int extra) {
    int need = pos + extra;
    if (need < 0) {
      throw new IllegalStateException("serialized value exceeds 2 GiB");
    }
    if (need > buf.length) {
      int cap = Math.max(need, buf.length * 2);
      if (cap < 0) {
        cap = Integer.MAX_VALUE - 8;
      }
      buf = Arrays.copyOf(buf, cap);
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
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
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[pos++] = (byte) (v >>> shift);
    }
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    int len = s.length();
    ensure(len);
    for (int i = 0; i < len; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    int len = s.length();
    ensure(len * 2);
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      buf[pos++] = (byte) (c >>> 8);
      buf[pos++] = (byte) c;
    }
  }

  /** Modified UTF-8 as in {@link java.io.DataOutputStream#writeUTF}. */
  @Override
  public void writeUTF(String s) throws IOException {
    int strlen = s.length();
    int utflen = strlen;
    for (int i = 0; i < strlen; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        utflen += (c >= 0x800) ? 2 : 1;
      }
    }
    if (utflen > 65535) {
      throw new UTFDataFormatException("string too long for writeUTF: " + utflen + " bytes");
    }
    ensure(utflen + 2);
    buf[pos++] = (byte) (utflen >>> 8);
    buf[pos++] = (byte) utflen;
    for (int i = 0; i < strlen; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c != 0) {
        buf[pos++] = (byte) c;
      } else if (c >= 0x800) {
        buf[pos++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else {
        buf[pos++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }
}
