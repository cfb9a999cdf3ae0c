package io.weir.runtime.memory;

import io.weir.core.types.PeekableDataInput;
import java.io.Closeable;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A buffered, unsynchronized {@link DataInput} over an {@link InputStream}: reads the stream in
 * large blocks and decodes primitives from the buffer ({@code DataInputStream} over a
 * {@code BufferedInputStream} pays a synchronized call per byte). Used to read spill files.
 */
public final class StreamDataInput implements PeekableDataInput, Closeable {
  private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int limit;

  public StreamDataInput(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[Math.max(64, bufferSize)];
  }

  /** Makes at least {@code n} (<= buffer size) bytes available, or throws EOF. */
  private void require(int n) throws IOException {
    if (limit - pos < n) {
      refill(n);
    }
  }

  // Out of line so that require, called per primitive, stays small enough to inline.
  private void refill(int n) throws IOException {
    int remaining = limit - pos;
    System.arraycopy(buf, pos, buf, 0, remaining);
    pos = 0;
    limit = remaining;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        throw new EOFException("unexpected end of data: needed " + n + " bytes, got " + limit);
      }
      limit += r;
    }
  }

  @Override
  public int fill(int n) throws IOException {
    if (limit - pos >= n) {
      return n;
    }
    int remaining = limit - pos;
    System.arraycopy(buf, pos, buf, 0, remaining);
    pos = 0;
    limit = remaining;
    int want = Math.min(n, buf.length);
    while (limit < want) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        break;
      }
      limit += r;
    }
    return Math.min(n, limit);
  }

  @Override
  public byte[] buffer() {
    return buf;
  }

  @Override
  public int position() {
    return pos;
  }

  @Override
  public void consume(int n) {
    pos += n;
  }

  /** True if at least one more byte can be read. */
  public boolean hasMore() throws IOException {
    if (pos < limit) {
      return true;
    }
    pos = 0;
    limit = 0;
    int r;
    do {
      r = in.read(buf, 0, buf.length);
    } while (r == 0);
    if (r < 0) {
      return false;
    }
    limit = r;
    return true;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    int avail = limit - pos;
    if (avail >= len) {
      System.arraycopy(buf, pos, b, off, len);
      pos += len;
      return;
    }
    System.arraycopy(buf, pos, b, off, avail);
    pos = limit;
    off += avail;
    len -= avail;
    if (len >= buf.length) {
      while (len > 0) {
        int r = in.read(b, off, len);
        if (r < 0) {
          throw new EOFException("unexpected end of data");
        }
        off += r;
        len -= r;
      }
    } else {
      require(len);
      System.arraycopy(buf, pos, b, off, len);
      pos += len;
    }
  }

  @Override
  public int skipBytes(int n) throws IOException {
    int skipped = 0;
    while (skipped < n) {
      if (pos == limit && !hasMore()) {
        break;
      }
      int step = Math.min(n - skipped, limit - pos);
      pos += step;
      skipped += step;
    }
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    require(1);
    return buf[pos++];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    require(2);
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
    require(4);
    int v = (int) BE_INT.get(buf, pos);
    pos += 4;
    return v;
  }

  @Override
  public long readLong() throws IOException {
    require(8);
    long v = (long) BE_LONG.get(buf, pos);
    pos += 8;
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
    if (!hasMore()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (hasMore()) {
      char c = (char) (buf[pos++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
