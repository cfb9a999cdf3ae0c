package io.weir.runtime.sort;

import io.weir.core.types.TypeSerializer;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.memory.StreamDataInput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FIFO buffer of records for BATCH blocking exchanges: written completely by the producer, then
 * read after {@link #finishWriting}. Records are serialized into fixed-size pages reserved from
 * the {@link MemoryManager}; when it refuses a page, all buffered pages are appended to one spill
 * file and released. The logical byte stream is always "spill file, then pages in memory", so
 * order is kept however often it spills.
 *
 * <p>{@link #read} may be called any number of times after {@link #finishWriting}, also from
 * several threads at once: each call returns an independent reader over the same data (a region
 * re-run or several consumers read the same persisted output). Readers close their file at the
 * end; close them early with {@link Reader#close()}. {@link #close} deletes the spill file and
 * releases the memory.
 */
public final class SpillingBuffer<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpillingBuffer.class);
  private static final int IO_BUFFER = 64 * 1024;

  private final TypeSerializer<T> serializer;
  private final MemoryManager memory;
  private final Path spillDir;
  private final int pageSize;
  private final ByteArrayDataOutput recordBuffer = new ByteArrayDataOutput(256);

  private final List<byte[]> fullPages = new ArrayList<>();
  private byte[] current;
  private int position;
  private long reserved;

  private Path spillFile;
  private OutputStream spillOut;
  private long spilledBytes;
  private long count;
  private boolean finished;
  private boolean closed;

  public SpillingBuffer(TypeSerializer<T> serializer, MemoryManager memory, Path spillDir) {
    this.serializer = java.util.Objects.requireNonNull(serializer, "serializer");
    this.memory = java.util.Objects.requireNonNull(memory, "memory manager");
    this.spillDir = java.util.Objects.requireNonNull(spillDir, "spill directory");
    this.pageSize = (int) Math.max(1024, Math.min(32 * 1024, memory.budget() / 16));
  }

  public void add(T value) {
    if (finished || closed) {
      throw new IllegalStateException("SpillingBuffer: add() after finishWriting() or close()");
    }
    recordBuffer.clear();
    try {
      serializer.serialize(value, recordBuffer);
      append(recordBuffer.getSharedBuffer(), recordBuffer.length());
    } catch (IOException e) {
      throw new UncheckedIOException("could not buffer a record: " + e.getMessage(), e);
    }
    count++;
  }

  private void append(byte[] data, int length) throws IOException {
    int off = 0;
    while (off < length) {
      if (current == null || position == current.length) {
        if (!nextPage()) {
          // No page to be had even after spilling: this record's rest goes straight to the file.
          spillOut.write(data, off, length - off);
          spilledBytes += length - off;
          return;
        }
      }
      int n = Math.min(length - off, current.length - position);
      System.arraycopy(data, off, current, position, n);
      position += n;
      off += n;
    }
  }

  private boolean nextPage() throws IOException {
    if (current != null) {
      fullPages.add(current);
      current = null;
    }
    if (!memory.tryReserve(pageSize)) {
      spillPages();
      if (!memory.tryReserve(pageSize)) {
        return false;
      }
    }
    reserved += pageSize;
    current = new byte[pageSize];
    position = 0;
    return true;
  }

  private void spillPages() throws IOException {
    if (spillOut == null) {
      Files.createDirectories(spillDir);
      spillFile = Files.createTempFile(spillDir, "weir-buffer-", ".spill");
      spillOut = new BufferedOutputStream(Files.newOutputStream(spillFile), IO_BUFFER);
      LOG.debug("Buffer spills to {}", spillFile);
    }
    for (byte[] page : fullPages) {
      spillOut.write(page);
      spilledBytes += page.length;
    }
    if (current != null) {
      spillOut.write(current, 0, position);
      spilledBytes += position;
    }
    fullPages.clear();
    current = null;
    position = 0;
    if (reserved > 0) {
      memory.release(reserved);
      reserved = 0;
    }
  }

  /** Ends writing; afterwards the buffer can be read. */
  public void finishWriting() {
    if (finished) {
      return;
    }
    finished = true;
    if (spillOut != null) {
      try {
        spillOut.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not finish the spill file " + spillFile + ": " + e.getMessage(), e);
      }
    }
  }

  public long size() {
    return count;
  }

  public long spilledBytes() {
    return spilledBytes;
  }

  /** A new reader over all records in the order they were added. */
  public Reader read() {
    if (!finished) {
      throw new IllegalStateException("SpillingBuffer: read() before finishWriting()");
    }
    if (closed) {
      throw new IllegalStateException("SpillingBuffer: read() after close()");
    }
    try {
      InputStream memoryPart = new PagesInputStream(new ArrayList<>(fullPages), current, position);
      InputStream in = spillFile == null
          ? memoryPart
          : new SequenceInputStream(Files.newInputStream(spillFile), memoryPart);
      return new Reader(new StreamDataInput(in, 32 * 1024), count);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the spill file " + spillFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (spillOut != null && !finished) {
        spillOut.close();
      }
      if (spillFile != null) {
        Files.deleteIfExists(spillFile);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete buffer spill file {}: {}", spillFile, e.toString());
    }
    fullPages.clear();
    current = null;
    if (reserved > 0) {
      memory.release(reserved);
      reserved = 0;
    }
  }

  /** Reads the records of one {@link #read()} call. */
  public final class Reader implements Iterator<T>, AutoCloseable {
    private final StreamDataInput in;
    private long remaining;

    Reader(StreamDataInput in, long count) {
      this.in = in;
      this.remaining = count;
      if (count == 0) {
        close();
      }
    }

    @Override
    public boolean hasNext() {
      return remaining > 0;
    }

    @Override
    public T next() {
      if (remaining <= 0) {
        throw new NoSuchElementException();
      }
      try {
        T value = serializer.deserialize(in);
        if (--remaining == 0) {
          close();
        }
        return value;
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("could not read a buffered record: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      remaining = 0;
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
  }

  private static final class PagesInputStream extends InputStream {
    private final List<byte[]> pages;
    private final byte[] last;
    private final int lastLength;
    private int page;
    private int pos;

    PagesInputStream(List<byte[]> pages, byte[] last, int lastLength) {
      this.pages = pages;
      this.last = last;
      this.lastLength = last == null ? 0 : lastLength;
    }

    private byte[] pageAt(int i) {
      return i < pages.size() ? pages.get(i) : i == pages.size() ? last : null;
    }

    private int lengthAt(int i) {
      return i < pages.size() ? pages.get(i).length : i == pages.size() ? lastLength : 0;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      while (page <= pages.size()) {
        byte[] p = pageAt(page);
        int plen = lengthAt(page);
        if (p == null || pos >= plen) {
          page++;
          pos = 0;
          continue;
        }
        int n = Math.min(len, plen - pos);
        System.arraycopy(p, pos, b, off, n);
        pos += n;
        return n;
      }
      return -1;
    }
  }
}
