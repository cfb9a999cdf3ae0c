package io.weir.connectors.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a file while tracking the exact byte offset and line number after the
 * last line returned, so a reader position can be checkpointed and resumed with a seek.
 * Lines end at LF; a CR before the LF is dropped. A UTF-8 byte-order mark at offset 0 is skipped.
 */
final class LineReader implements Closeable {
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
  private byte[] line = new byte[256];
  private long offset;
  private long lineNumber;
  private boolean eof;
  private boolean crStripped;

  LineReader(Path file, long offset, long lineNumber) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    this.offset = offset;
    this.lineNumber = lineNumber;
    buf.flip();
    if (offset == 0) {
      skipBom();
    }
  }

  private void skipBom() throws IOException {
    if (fill() && buf.remaining() >= 3
        && (buf.get(buf.position()) & 0xff) == 0xEF
        && (buf.get(buf.position() + 1) & 0xff) == 0xBB
        && (buf.get(buf.position() + 2) & 0xff) == 0xBF) {
      buf.position(buf.position() + 3);
      offset += 3;
    }
  }

  /** Makes sure the buffer holds at least one byte; false at end of file. */
  private boolean fill() throws IOException {
    while (!buf.hasRemaining()) {
      if (eof) {
        return false;
      }
      buf.clear();
      int n = channel.read(buf);
      buf.flip();
      if (n < 0) {
        eof = true;
        return false;
      }
    }
    return true;
  }

  /** The next line without its terminator, or null at end of file. */
  String readLine() throws IOException {
    int len = 0;
    boolean any = false;
    while (fill()) {
      any = true;
      byte b = buf.get();
      offset++;
      if (b == '\n') {
        lineNumber++;
        return decode(len);
      }
      if (len == line.length) {
        line = Arrays.copyOf(line, len * 2);
      }
      line[len++] = b;
    }
    if (!any) {
      return null;
    }
    // Last line without a terminator.
    lineNumber++;
    return decode(len);
  }

  private String decode(int len) {
    crStripped = len > 0 && line[len - 1] == '\r';
    if (crStripped) {
      len--;
    }
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }

  /** Whether the last line returned ended with CR LF (the CR is not part of the line). */
  boolean lastLineEndedWithCr() {
    return crStripped;
  }

  /** Bytes consumed from the start of the file. */
  long offset() {
    return offset;
  }

  /** Lines consumed from the start of the file (the number of the last line returned). */
  long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
