package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Shared encodings of the serializers: varints, length-unlimited strings, null masks. */
final class SerializationUtil {
  private SerializationUtil() {}

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  static void writeVarInt(int v, DataOutput out) throws IOException {
    if (out instanceof ByteArrayDataOutput b) {
      b.writeVarInt(v);
      return;
    }
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  static int readVarInt(DataInput in) throws IOException {
    if (in instanceof ByteArrayDataInput b) {
      return b.readVarInt();
    }
    if (in instanceof PeekableDataInput p && p.fill(1) == 1) {
      byte first = p.buffer()[p.position()];
      if (first >= 0) {
        p.consume(1);
        return first;
      }
    }
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = in.readByte();
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new IOException("malformed varint");
  }

  /**
   * Char count, then each UTF-16 char as a 1-3 byte varint. Unlike writeUTF there is no 64 KiB
   * limit, and the bytes are a function of the chars only (equal strings, equal bytes).
   */
  static void writeString(String s, DataOutput out) throws IOException {
    int len = s.length();
    writeVarInt(len, out);
    ByteArrayDataOutput b;
    if (out instanceof ByteArrayDataOutput bo) {
      b = bo;
      b.ensureCapacity(3 * len);
      byte[] buf = b.getSharedBuffer();
      int p = b.length();
      p = encodeChars(s, len, buf, p);
      b.setPositionUnchecked(p);
      return;
    }
    byte[] buf = new byte[3 * len];
    int n = encodeChars(s, len, buf, 0);
    out.write(buf, 0, n);
  }

  private static int encodeChars(String s, int len, byte[] buf, int p) {
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[p++] = (byte) c;
      } else if (c < 0x4000) {
        buf[p++] = (byte) ((c & 0x7F) | 0x80);
        buf[p++] = (byte) (c >>> 7);
      } else {
        buf[p++] = (byte) ((c & 0x7F) | 0x80);
        buf[p++] = (byte) (((c >>> 7) & 0x7F) | 0x80);
        buf[p++] = (byte) (c >>> 14);
      }
    }
    return p;
  }

  static String readString(DataInput in) throws IOException {
    int len = readVarInt(in);
    if (in instanceof PeekableDataInput p) {
      return readString(p, len);
    }
    return decodeChars(in, new char[len], 0);
  }

  /**
   * An all-ASCII string's encoding is its Latin-1 bytes: checks the {@code len} bytes (one per
   * char at least) 8 at a time and copies them into a compact string in bulk.
   */
  private static String readString(PeekableDataInput in, int len) throws IOException {
    int avail = in.fill(len);
    byte[] b = in.buffer();
    int off = in.position();
    int ascii = asciiPrefix(b, off, avail);
    if (ascii == len) {
      in.consume(len);
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[len];
    for (int i = 0; i < ascii; i++) {
      chars[i] = (char) b[off + i];
    }
    in.consume(ascii);
    return decodeChars(in, chars, ascii);
  }

  /** Number of leading bytes in {@code b[off, off + n)} below 0x80. */
  static int asciiPrefix(byte[] b, int off, int n) {
    int i = 0;
    while (i + 8 <= n && ((long) LONGS.get(b, off + i) & HIGH_BITS) == 0) {
      i += 8;
    }
    while (i < n && b[off + i] >= 0) {
      i++;
    }
    return i;
  }

  /** Decodes chars {@code from} .. {@code chars.length} byte by byte. */
  private static String decodeChars(DataInput in, char[] chars, int from) throws IOException {
    int len = chars.length;
    for (int i = from; i < len; i++) {
      int c = in.readByte();
      if (c >= 0) {
        chars[i] = (char) c;
        continue;
      }
      int v = c & 0x7F;
      c = in.readByte();
      if (c >= 0) {
        chars[i] = (char) (v | (c << 7));
        continue;
      }
      v |= (c & 0x7F) << 7;
      c = in.readByte();
      chars[i] = (char) (v | ((c & 0xFF) << 14));
    }
    return new String(chars);
  }

  /** One bit per field, set when the field is null. */
  static void writeNullMask(Object[] values, int arity, DataOutput out) throws IOException {
    int bits = 0;
    for (int i = 0; i < arity; i++) {
      if (values[i] == null) {
        bits |= 1 << (i & 7);
      }
      if ((i & 7) == 7) {
        out.writeByte(bits);
        bits = 0;
      }
    }
    if ((arity & 7) != 0) {
      out.writeByte(bits);
    }
  }

  static boolean[] readNullMask(int arity, DataInput in) throws IOException {
    boolean[] nulls = new boolean[arity];
    int bits = 0;
    for (int i = 0; i < arity; i++) {
      if ((i & 7) == 0) {
        bits = in.readUnsignedByte();
      }
      nulls[i] = (bits & (1 << (i & 7))) != 0;
    }
    return nulls;
  }

  static String typeName(Class<?> c) {
    return c.getTypeName();
  }
}
