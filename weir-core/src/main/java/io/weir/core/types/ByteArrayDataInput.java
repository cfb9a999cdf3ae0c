package io.weir.core.types;

import java.io.DataInput;
import java.io.EOFException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link DataInput} over a region of a {@code byte[]}, the reading side of {@link
 * ByteArrayDataOutput}. Not synchronized; {@link #setBuffer} re-points it without allocating.
 * Reading past the end throws {@link EOFException}.
 */
public final class ByteArrayDataInput implements PeekableDataInput {
  private static final byte[] EMPTY = new byte[0];
  // One bounds-checked big-endian load instead of a shift-or per byte.
  private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int position;
  private int end;

  public ByteArrayDataInput() {
    this(EMPTY);
  }

  public ByteArrayDataInput(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  public ByteArrayDataInput(byte[] buffer, int offset, int length) {
    setBuffer(buffer, offset, length);
  }

  public void setBuffer(byte[] buffer) {
    setBuffer(buffer, 0, buffer.length);
  }

  public void setBuffer(byte[] buffer, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buffer.length) {
      throw new IndexOutOfBoundsException(
          "region [" + offset + ", " + offset + "+" + length + ") outside a buffer of " + buffer.length + " bytes");
    }
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  /** Absolute read position in the underlying buffer. */
  public int getPosition() {
    return position;
  }

  public void setPosition(int position) {
    if (position < 0 || position > end) {
      throw new IndexOutOfBoundsException("position " + position + " beyond end " + end);
    }
    this.position = position;
  }

  /** Bytes left to read. */
  public int available() {
    return end - position;
  }

  private void require(int n) throws EOFException {
    if (end - position < n) {
      throw new EOFException("need " + n + " bytes, " + (end - position) + " left");
    }
  }

  @Override
  public void readFully(byte[] b) throws EOFException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws EOFException {
    require(len);
    System.arraycopy(buffer, position, b, off, len);
    position += len;
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws EOFException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws EOFException {
    if (position >= end) {
      throw new EOFException("end of buffer");
    }
    return buffer[position++];
  }

  @Override
  public int readUnsignedByte() throws EOFException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws EOFException {
    require(2);
    short v = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
    position += 2;
    return v;
  }

  @Override
  public int readUnsignedShort() throws EOFException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws EOFException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws EOFException {
    require(4);
    int p = position;
    int v = (int) BE_INT.get(buffer, p);
    position = p + 4;
    return v;
  }

  @Override
  public long readLong() throws EOFException {
    require(8);
    int p = position;
    long v = (long) BE_LONG.get(buffer, p);
    position = p + 8;
    return v;
  }

  @Override
  public float readFloat() throws EOFException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws EOFException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  public String readLine() {
    if (position >= end) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (position < end) {
      int c = buffer[position++] & 0xFF;
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (position < end && buffer[position] == '\n') {
          position++;
        }
        break;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** Modified UTF-8 as written by {@link java.io.DataOutput#writeUTF}. */
  @Override
  public String readUTF() throws EOFException, UTFDataFormatException {
    int utflen = readUnsignedShort();
    require(utflen);
    char[] chars = new char[utflen];
    byte[] b = buffer;
    int p = position;
    int limit = p + utflen;
    int n = 0;
    while (p < limit) {
      int c = b[p] & 0xFF;
      if (c < 0x80) {
        p++;
        chars[n++] = (char) c;
      } else if ((c >> 5) == 0x06) {
        if (p + 1 >= limit) {
          throw new UTFDataFormatException("truncated 2-byte sequence");
        }
        chars[n++] = (char) (((c & 0x1F) << 6) | (b[p + 1] & 0x3F));
        p += 2;
      } else if ((c >> 4) == 0x0E) {
        if (p + 2 >= limit) {
          throw new UTFDataFormatException("truncated 3-byte sequence");
        }
        chars[n++] = (char) (((c & 0x0F) << 12) | ((b[p + 1] & 0x3F) << 6) | (b[p + 2] & 0x3F));
        p += 3;
      } else {
        throw new UTFDataFormatException("malformed input around byte " + (p - position));
      }
    }
    position = limit;
    return new String(chars, 0, n);
  }

  @Override
  public int fill(int n) {
    return Math.min(n, end - position);
  }

  @Override
  public byte[] buffer() {
    return buffer;
  }

  @Override
  public int position() {
    return position;
  }

  @Override
  public void consume(int n) {
    position += n;
  }

  /** Reads what {@link ByteArrayDataOutput#writeVarInt} wrote. */
  public int readVarInt() throws EOFException {
    int p = position;
    if (p < end && buffer[p] >= 0) {
      // string lengths and counts are mostly below 128: one byte, no loop
      position = p + 1;
      return buffer[p];
    }
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = readByte();
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new EOFException("malformed varint");
  }
}
