package io.weir.runtime.sort;

import io.weir.core.types.TypeSerializer;
import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.memory.StreamDataInput;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts records by (sort key bytes, unsigned lexicographic; timestamp; arrival) within a memory
 * budget: BATCH mode uses it to group a keyed operator's input by key. Records with equal sort
 * keys come out contiguous, ordered by timestamp and then by the order they were added.
 *
 * <p>Each record is serialized on {@link #add} into one byte array {@code [timestamp:8][key
 * length:4][key][record]}, so the memory reserved from the {@link MemoryManager} is the real
 * size (plus a fixed per-record overhead for the array header and the index slot). When the
 * manager refuses more, the buffered records are sorted (stable) and written as a run file under
 * the spill directory; {@link #finish} merges all runs and the in-memory rest k ways (in several
 * passes when there are more than {@value #MAX_FAN_IN} runs). Ties between runs go to the
 * earlier run, which keeps arrival order. {@link #close} deletes all files and releases the
 * memory. Single-threaded.
 */
public final class ExternalSorter<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalSorter.class);

  /** Array header, index slot and sort scratch (24 prefix bytes, timestamp, length, 2 indexes, slot) per record. */
  static final int RECORD_OVERHEAD = 80;
  static final int MAX_FAN_IN = 64;
  private static final int IO_BUFFER = 64 * 1024;
  private static final int HEADER = 12;

  private final TypeSerializer<T> serializer;
  private final MemoryManager memory;
  private final Path spillDir;
  private final long reserveChunk;
  private final ByteArrayDataOutput entryBuffer = new ByteArrayDataOutput(256);

  private byte[][] entries = new byte[1024][];
  private int count;
  private long reserved;
  private long used;
  private final List<Path> runs = new ArrayList<>();
  private long spilledBytes;
  private long totalRecords;
  private boolean finished;
  private boolean closed;
  private boolean warnedNoMemory;
  private CloseableSortedIterator<T> openIterator;
  private SortScratch sortScratch;

  public ExternalSorter(TypeSerializer<T> recordSerializer, MemoryManager memory, Path spillDir) {
    this.serializer = java.util.Objects.requireNonNull(recordSerializer, "record serializer");
    this.memory = java.util.Objects.requireNonNull(memory, "memory manager");
    this.spillDir = java.util.Objects.requireNonNull(spillDir, "spill directory");
    // Reserve in chunks so a shared manager is not hit per record; small budgets get small chunks.
    this.reserveChunk = Math.max(1024, Math.min(256 * 1024, memory.budget() / 16));
  }

  public void add(byte[] sortKey, T record, long timestamp) {
    if (finished || closed) {
      throw new IllegalStateException("ExternalSorter: add() after finish() or close()");
    }
    byte[] entry = encode(sortKey, record, timestamp);
    long need = entry.length + (long) RECORD_OVERHEAD;
    if (!ensureMemory(need)) {
      if (count > 0) {
        spill();
      }
      if (!ensureMemory(need)) {
        // The whole budget is taken by others: keep going with a one-record run rather than fail.
        if (!warnedNoMemory) {
          warnedNoMemory = true;
          LOG.warn("Sort memory exhausted by other consumers ({}); spilling single records to {}", memory, spillDir);
        }
        writeRun(new byte[][] {entry}, 1);
        totalRecords++;
        return;
      }
    }
    if (count == entries.length) {
      entries = Arrays.copyOf(entries, count * 2);
    }
    entries[count++] = entry;
    used += need;
    totalRecords++;
  }

  private byte[] encode(byte[] sortKey, T record, long timestamp) {
    ByteArrayDataOutput out = entryBuffer;
    out.clear();
    out.writeLong(timestamp);
    out.writeInt(sortKey.length);
    out.write(sortKey);
    try {
      serializer.serialize(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize a record for sorting: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private boolean ensureMemory(long need) {
    if (used + need <= reserved) {
      return true;
    }
    long missing = used + need - reserved;
    long want = Math.max(reserveChunk, missing);
    if (memory.tryReserve(want)) {
      reserved += want;
      return true;
    }
    if (want > missing && memory.tryReserve(missing)) {
      reserved += missing;
      return true;
    }
    return false;
  }

  private void releaseMemory() {
    if (reserved > 0) {
      memory.release(reserved);
    }
    reserved = 0;
    used = 0;
  }

  private void spill() {
    sortEntries(entries, count);
    writeRun(entries, count);
    Arrays.fill(entries, 0, count, null);
    count = 0;
    releaseMemory();
  }

  private void writeRun(byte[][] sorted, int n) {
    try {
      Files.createDirectories(spillDir);
      Path file = Files.createTempFile(spillDir, "weir-sort-", ".run");
      runs.add(file);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), IO_BUFFER))) {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
          out.writeInt(sorted[i].length);
          out.write(sorted[i]);
        }
        spilledBytes += out.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a sort spill file under " + spillDir + ": " + e.getMessage(), e);
    }
  }

  /** Bytes written to spill files so far (runs and intermediate merges). */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** Number of spilled run files currently on disk. */
  public int numSpillFiles() {
    return runs.size();
  }

  public long numRecords() {
    return totalRecords;
  }

  /** Ends input; returns all records in sort order. Call once. */
  public CloseableSortedIterator<T> finish() {
    if (finished || closed) {
      throw new IllegalStateException("ExternalSorter: finish() called twice or after close()");
    }
    finished = true;
    sortEntries(entries, count);
    sortScratch = null;
    try {
      while (runs.size() + (count > 0 ? 1 : 0) > MAX_FAN_IN) {
        mergeEarliestRuns();
      }
      List<Cursor> cursors = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        cursors.add(new FileCursor(runs.get(i), i));
      }
      if (count > 0) {
        cursors.add(new MemoryCursor(entries, count, runs.size()));
      }
      openIterator = new MergeIterator(cursors);
      return openIterator;
    } catch (IOException e) {
      throw new UncheckedIOException("could not merge sort spill files under " + spillDir + ": " + e.getMessage(), e);
    }
  }

  /** Merges the earliest MAX_FAN_IN runs into one that takes their place (keeps arrival order). */
  private void mergeEarliestRuns() throws IOException {
    List<Path> group = new ArrayList<>(runs.subList(0, MAX_FAN_IN));
    List<Cursor> cursors = new ArrayList<>();
    long n = 0;
    for (int i = 0; i < group.size(); i++) {
      FileCursor c = new FileCursor(group.get(i), i);
      n += c.total;
      cursors.add(c);
    }
    Path merged = Files.createTempFile(spillDir, "weir-sort-", ".run");
    try (MergeIterator it = new MergeIterator(cursors);
         DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(merged), IO_BUFFER))) {
      out.writeInt((int) n);
      while (it.hasNextEntry()) {
        byte[] e = it.nextEntry();
        out.writeInt(e.length);
        out.write(e);
      }
      spilledBytes += out.size();
    }
    for (Path p : group) {
      Files.deleteIfExists(p);
    }
    runs.subList(0, MAX_FAN_IN).clear();
    runs.add(0, merged);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (openIterator != null) {
      openIterator.close();
    }
    for (Path p : runs) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("Could not delete sort spill file {}: {}", p, e.toString());
      }
    }
    runs.clear();
    entries = new byte[0][];
    sortScratch = null;
    count = 0;
    releaseMemory();
  }

  // ---------------------------------------------------------------- ordering

  /** Leading key bytes copied into the sort scratch, as big-endian longs; covers most keys whole. */
  private static final int PREFIX_WORDS = 3;
  private static final int PREFIX_BYTES = 8 * PREFIX_WORDS;
  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private void sortEntries(byte[][] entries, int n) {
    if (sortScratch == null) {
      sortScratch = new SortScratch();
    }
    sortScratch.sort(entries, n);
  }

  /**
   * Stable sort of buffered entries, its arrays kept for the next run (they are within the
   * per-record overhead already reserved). Sorting the objects directly would dereference two
   * arrays per comparison; instead a merge sort over indexes compares the first {@value
   * #PREFIX_BYTES} key bytes as unsigned longs from a contiguous array, with the key length and
   * timestamp beside them, and looks at the entries only when both keys are longer and tie.
   */
  static final class SortScratch {
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];

    private byte[][] entries;
    private long[] prefix = NO_LONGS;
    private long[] timestamp = NO_LONGS;
    private int[] keyLength = NO_INTS;
    private int[] idx = NO_INTS;
    private int[] tmp = NO_INTS;
    private byte[][] sorted = new byte[0][];

    void sort(byte[][] entries, int n) {
      if (n < 2) {
        return;
      }
      if (idx.length < n) {
        prefix = new long[n * PREFIX_WORDS];
        timestamp = new long[n];
        keyLength = new int[n];
        idx = new int[n];
        tmp = new int[n];
        sorted = new byte[n][];
      }
      this.entries = entries;
      for (int i = 0; i < n; i++) {
        byte[] e = entries[i];
        int len = readInt(e, 8);
        int w = i * PREFIX_WORDS;
        for (int k = 0; k < PREFIX_WORDS; k++) {
          int from = 8 * k;
          long v;
          if (len >= from + 8) {
            v = readLong(e, HEADER + from);
          } else {
            v = 0;
            for (int b = 0; b < 8; b++) {
              v = (v << 8) | (from + b < len ? e[HEADER + from + b] & 0xFF : 0);
            }
          }
          prefix[w + k] = v;
        }
        timestamp[i] = readLong(e, 0);
        keyLength[i] = len;
        idx[i] = i;
      }
      mergeSort(idx, tmp, 0, n, this);
      for (int i = 0; i < n; i++) {
        sorted[i] = entries[idx[i]];
      }
      System.arraycopy(sorted, 0, entries, 0, n);
      Arrays.fill(sorted, 0, n, null);
      this.entries = null;
    }

    int compare(int a, int b) {
      long[] p = prefix;
      int wa = a * PREFIX_WORDS;
      int wb = b * PREFIX_WORDS;
      for (int k = 0; k < PREFIX_WORDS; k++) {
        int c = Long.compareUnsigned(p[wa + k], p[wb + k]);
        if (c != 0) {
          return c;
        }
      }
      int la = keyLength[a];
      int lb = keyLength[b];
      if (la <= PREFIX_BYTES || lb <= PREFIX_BYTES) {
        // Equal zero-padded prefixes and one key within them: the shorter key is a prefix of the longer.
        int c = Integer.compare(la, lb);
        return c != 0 ? c : Long.compare(timestamp[a], timestamp[b]);
      }
      return compareEntries(entries[a], entries[b]);
    }
  }

  private static void mergeSort(int[] a, int[] tmp, int lo, int hi, SortScratch k) {
    if (hi - lo <= 24) {
      for (int i = lo + 1; i < hi; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= lo && k.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, tmp, lo, mid, k);
    mergeSort(a, tmp, mid, hi, k);
    if (k.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    int o = lo;
    while (i < mid && j < hi) {
      // Take from the right only when strictly smaller: keeps equal entries in arrival order.
      a[o++] = k.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[o++] = tmp[i++];
    }
    while (j < hi) {
      a[o++] = tmp[j++];
    }
  }

  static int compareEntries(byte[] a, byte[] b) {
    int ka = readInt(a, 8);
    int kb = readInt(b, 8);
    int c = Arrays.compareUnsigned(a, HEADER, HEADER + ka, b, HEADER, HEADER + kb);
    if (c != 0) {
      return c;
    }
    return Long.compare(readLong(a, 0), readLong(b, 0));
  }

  private static int readInt(byte[] b, int off) {
    return (int) BE_INT.get(b, off);
  }

  private static long readLong(byte[] b, int off) {
    return (long) BE_LONG.get(b, off);
  }

  // ---------------------------------------------------------------- merging

  private abstract static class Cursor {
    final int order;
    byte[] current;

    Cursor(int order) {
      this.order = order;
    }

    /** Moves to the next entry; false at the end. */
    abstract boolean advance() throws IOException;

    void close() {}
  }

  private static final class MemoryCursor extends Cursor {
    private final byte[][] entries;
    private final int n;
    private int i;

    MemoryCursor(byte[][] entries, int n, int order) {
      super(order);
      this.entries = entries;
      this.n = n;
    }

    @Override
    boolean advance() {
      if (i >= n) {
        current = null;
        return false;
      }
      current = entries[i++];
      return true;
    }
  }

  private static final class FileCursor extends Cursor {
    private final StreamDataInput in;
    final int total;
    private int read;

    FileCursor(Path file, int order) throws IOException {
      super(order);
      this.in = new StreamDataInput(Files.newInputStream(file), 32 * 1024);
      this.total = in.readInt();
    }

    @Override
    boolean advance() throws IOException {
      if (read >= total) {
        current = null;
        close();
        return false;
      }
      byte[] e = new byte[in.readInt()];
      in.readFully(e);
      read++;
      current = e;
      return true;
    }

    @Override
    void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only file about to be deleted
      }
    }
  }

  private final class MergeIterator implements CloseableSortedIterator<T> {
    private final PriorityQueue<Cursor> heap = new PriorityQueue<>((x, y) -> {
      int c = compareEntries(x.current, y.current);
      return c != 0 ? c : Integer.compare(x.order, y.order);
    });
    private final List<Cursor> all;
    private final ByteArrayDataInput reader = new ByteArrayDataInput();
    private byte[] lastKey;

    MergeIterator(List<Cursor> cursors) throws IOException {
      this.all = cursors;
      for (Cursor c : cursors) {
        if (c.advance()) {
          heap.add(c);
        }
      }
    }

    boolean hasNextEntry() {
      return !heap.isEmpty();
    }

    byte[] nextEntry() {
      Cursor c = heap.peek();
      if (c == null) {
        throw new NoSuchElementException();
      }
      byte[] e = c.current;
      try {
        if (heap.size() == 1) {
          // One run left: no re-ordering needed.
          if (!c.advance()) {
            heap.poll();
          }
        } else {
          heap.poll();
          if (c.advance()) {
            heap.add(c);
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException("could not read a sort spill file: " + ex.getMessage(), ex);
      }
      return e;
    }

    @Override
    public boolean hasNext() {
      return !heap.isEmpty();
    }

    @Override
    public SortedRecord<T> next() {
      byte[] e = nextEntry();
      int keyLength = readInt(e, 8);
      byte[] key = lastKey;
      // Records of one key share one key array: BATCH input has long runs of equal keys.
      if (key == null || !Arrays.equals(key, 0, key.length, e, HEADER, HEADER + keyLength)) {
        key = lastKey = Arrays.copyOfRange(e, HEADER, HEADER + keyLength);
      }
      reader.setBuffer(e, HEADER + keyLength, e.length - HEADER - keyLength);
      try {
        return new SortedRecord<>(key, serializer.deserialize(reader), readLong(e, 0));
      } catch (IOException ex) {
        throw new UncheckedIOException("could not deserialize a sorted record: " + ex.getMessage(), ex);
      }
    }

    @Override
    public void close() {
      heap.clear();
      for (Cursor c : all) {
        c.close();
      }
    }
  }
}
