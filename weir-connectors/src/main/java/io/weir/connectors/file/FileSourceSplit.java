package io.weir.connectors.file;

import io.weir.core.source.SourceSplit;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to read, with the position reached: {@code offset} bytes and {@code lineNumber} lines
 * consumed. A restored split resumes at the record after the last one emitted before the
 * checkpoint. Immutable: readers make a new split for each position.
 */
public final class FileSourceSplit implements SourceSplit {
  private final String path;
  private final long offset;
  private final long lineNumber;

  public FileSourceSplit(String path, long offset, long lineNumber) {
    this.path = Objects.requireNonNull(path);
    this.offset = offset;
    this.lineNumber = lineNumber;
  }

  @Override
  public String splitId() {
    return path;
  }

  public Path path() {
    return Path.of(path);
  }

  public long offset() {
    return offset;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public FileSourceSplit withPosition(long newOffset, long newLineNumber) {
    return new FileSourceSplit(path, newOffset, newLineNumber);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileSourceSplit s && s.path.equals(path) && s.offset == offset && s.lineNumber == lineNumber;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, offset, lineNumber);
  }

  @Override
  public String toString() {
    return "FileSourceSplit[" + path + " @ byte " + offset + ", line " + lineNumber + "]";
  }

  /** Binary form of a split (in reader checkpoints). */
  public static final class Serializer implements TypeSerializer<FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(FileSourceSplit value, DataOutput out) throws IOException {
      writeString(value.path, out);
      out.writeLong(value.offset);
      out.writeLong(value.lineNumber);
    }

    @Override
    public FileSourceSplit deserialize(DataInput in) throws IOException {
      return new FileSourceSplit(readString(in), in.readLong(), in.readLong());
    }

    @Override
    public FileSourceSplit copy(FileSourceSplit value) {
      return value;
    }

    // writeUTF is limited to 64 KiB; paths are short, but a length-prefixed UTF-8 is no harder.
    static void writeString(String s, DataOutput out) throws IOException {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    static String readString(DataInput in) throws IOException {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
