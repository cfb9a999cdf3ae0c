package io.weir.runtime.memory;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** A {@link DataInput} over a byte array range; the reading counterpart of {@link DataOutputBuffer}. */
public final class DataInputBuffer implements DataInput {
  private byte[] buf;
  private int pos;
  private int end;

  public DataInputBuffer() {
    this(new byte[0]);
  }

  public DataInputBuffer(byte[] data) {
    setBuffer(data, 0, data.length);
  }

  public DataInputBuffer(byte[] data, int offset, int length) {
    setBuffer(data, offset, length);
  }

  public void setBuffer(byte[] data, int offset, int length) {
    this.buf = data;
    this.pos = offset;
    this.end = offset + length;
  }

  public int position() {
    return pos;
  }

  public int available() {
    return end - pos;
  }

  private void need(int n) throws EOFException {
    if (end - pos < n) {
      throw new EOFException("needed " + n + " bytes, " + (end - pos) + " left");
    }
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    need(len);
    System.arraycopy(buf, pos, b, off, len);
    pos += len;
  }

  @Override
  public int skipBytes(int n) {
    int skip = Math.max(0, Math.min(n, end - pos));
    pos += skip;
    return skip;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    need(1);
    return buf[pos++];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    need(2);
    short v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
    pos += 2;
    return v;
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    need(4);
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
        | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  @Override
  public long readLong() throws IOException {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  @Deprecated
  public String readLine() throws IOException {
    if (pos >= end) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (pos < end) {
      char c = (char) (buf[pos++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (pos < end && buf[pos] == '\n') {
          pos++;
        }
        break;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
