package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.memory.MemoryManager;
import io.weir.sql.runtime.functions.RowComparator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * External sort of rows by a {@link RowComparator} (ORDER BY), within a memory budget: rows are
 * buffered while the {@link MemoryManager} grants their estimated size, then sorted and written as
 * a run file; {@link #sortedIterator()} merges the runs and the in-memory rest. The runtime's
 * {@code ExternalSorter} orders by key bytes only, which cannot express SQL orderings (directions,
 * NULLS FIRST/LAST, collations), hence this one. Single-threaded; {@link #close()} deletes files
 * and releases memory.
 */
final class RowSorter implements AutoCloseable {
  private final RowComparator comparator;
  private final TypeSerializer<Row> serializer;
  private final MemoryManager memory;
  private final java.util.function.Supplier<Path> spillDir;
  private final List<Row> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<DataInputStream> openRuns = new ArrayList<>();
  private long reserved;
  private long spilledRows;

  RowSorter(RowComparator comparator, TypeSerializer<Row> serializer, MemoryManager memory,
      java.util.function.Supplier<Path> spillDir) {
    this.comparator = comparator;
    this.serializer = serializer;
    this.memory = memory;
    this.spillDir = spillDir;
  }

  void add(Row row) {
    long size = RowSizeEstimator.estimate(row) + 16;
    if (!memory.tryReserve(size)) {
      spill();
      if (!memory.tryReserve(size)) {
        // not even one row fits: keep it anyway rather than fail (it goes into the next run)
        size = 0;
      }
    }
    reserved += size;
    buffer.add(row);
  }

  long spilledRows() {
    return spilledRows;
  }

  int runCount() {
    return runs.size();
  }

  private void spill() {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(comparator);
    try {
      Path file = Files.createTempFile(spillDir.get(), "sort-run-", ".bin");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024))) {
        for (Row r : buffer) {
          out.writeBoolean(true);
          serializer.serialize(r, out);
        }
        out.writeBoolean(false);
      }
      runs.add(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not spill sorted rows: " + e.getMessage(), e);
    }
    spilledRows += buffer.size();
    buffer.clear();
    memory.release(reserved);
    reserved = 0;
  }

  /** All rows in order; call once, after the last {@link #add}. */
  Iterator<Row> sortedIterator() {
    buffer.sort(comparator);
    if (runs.isEmpty()) {
      return buffer.iterator();
    }
    List<Iterator<Row>> sources = new ArrayList<>();
    sources.add(buffer.iterator());
    for (Path run : runs) {
      try {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 64 * 1024));
        openRuns.add(in);
        sources.add(new RunIterator(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new MergeIterator(sources);
  }

  private final class RunIterator implements Iterator<Row> {
    private final DataInputStream in;
    private Row next;
    private boolean done;

    RunIterator(DataInputStream in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          if (in.readBoolean()) {
            next = serializer.deserialize(in);
          } else {
            done = true;
          }
        } catch (EOFException e) {
          throw new UncheckedIOException("truncated sort run file", e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }

  private final class MergeIterator implements Iterator<Row> {
    private record Head(Row row, int source) {}

    private final List<Iterator<Row>> sources;
    private final PriorityQueue<Head> heap;

    MergeIterator(List<Iterator<Row>> sources) {
      this.sources = sources;
      this.heap = new PriorityQueue<>((a, b) -> {
        int c = comparator.compare(a.row, b.row);
        return c != 0 ? c : Integer.compare(a.source, b.source);
      });
      for (int i = 0; i < sources.size(); i++) {
        if (sources.get(i).hasNext()) {
          heap.add(new Head(sources.get(i).next(), i));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heap.isEmpty();
    }

    @Override
    public Row next() {
      Head h = heap.poll();
      if (h == null) {
        throw new NoSuchElementException();
      }
      Iterator<Row> src = sources.get(h.source);
      if (src.hasNext()) {
        heap.add(new Head(src.next(), h.source));
      }
      return h.row;
    }
  }

  @Override
  public void close() {
    for (DataInputStream in : openRuns) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing a read-only temp file
      }
    }
    openRuns.clear();
    for (Path p : runs) {
      p.toFile().delete();
    }
    runs.clear();
    buffer.clear();
    if (reserved > 0) {
      memory.release(reserved);
      reserved = 0;
    }
  }
}
