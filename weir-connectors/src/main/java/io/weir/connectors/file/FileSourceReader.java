package io.weir.connectors.file;

import io.weir.connectors.util.AvailabilityNotifier;
import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads its files on a fetcher thread of its own (blocking file I/O stays off the worker threads)
 * and hands parsed records to {@link #pollNext} in batches through a bounded queue: when the
 * queue is full the fetcher blocks, so a slow job holds at most a few batches in memory.
 *
 * <p>Positions are tracked on the worker side, per batch emitted, so {@link #snapshotState} names
 * exactly the record after the last one emitted; records fetched but not yet emitted are read
 * again after a restore. Bad records (SKIP) travel in the batches too and are counted on the
 * worker thread, in order with the good ones.
 */
final class FileSourceReader<T> implements SourceReader<T, FileSourceSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSourceReader.class);
  static final int DEFAULT_BATCH_SIZE = 512;
  static final int DEFAULT_QUEUE_CAPACITY = 4;
  private static final int MAX_LOGGED_SKIPS = 10;

  private final FileFormat<T> format;
  private final BadRecordPolicy policy;
  private final SourceReaderContext context;
  private final int batchSize;
  private final BlockingQueue<Batch<T>> handover;
  private final BlockingQueue<FileSourceSplit> toFetch = new LinkedBlockingQueue<>();
  private final AvailabilityNotifier available = new AvailabilityNotifier();

  // Worker-side state (guarded by this: addSplits may come from another thread than pollNext).
  private final Map<String, FileSourceSplit> unfinished = new LinkedHashMap<>();
  private final Map<String, SourceOutput<T>> splitOutputs = new LinkedHashMap<>();
  private boolean noMoreSplits;
  private long skipped;

  private Thread fetcher;
  private volatile boolean closed;

  FileSourceReader(FileFormat<T> format, BadRecordPolicy policy, SourceReaderContext context) {
    this(format, policy, context, DEFAULT_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY);
  }

  FileSourceReader(
      FileFormat<T> format, BadRecordPolicy policy, SourceReaderContext context, int batchSize, int queueCapacity) {
    this.format = format;
    this.policy = policy;
    this.context = context;
    this.batchSize = batchSize;
    this.handover = new ArrayBlockingQueue<>(queueCapacity);
  }

  @Override
  public void start() {
    fetcher = new Thread(this::fetchLoop, "weir-file-reader-" + context.getIndexOfSubtask());
    fetcher.setDaemon(true);
    fetcher.start();
    boolean idle;
    synchronized (this) {
      idle = unfinished.isEmpty();
    }
    if (idle) {
      context.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    Batch<T> batch = handover.poll();
    if (batch == null) {
      return idleStatus();
    }
    SourceOutput<T> out;
    synchronized (this) {
      out = splitOutputs.computeIfAbsent(batch.split.splitId(), output::createOutputForSplit);
    }
    for (int i = 0; i < batch.size; i++) {
      String reason = batch.skipReasons == null ? null : batch.skipReasons[i];
      if (reason == null) {
        @SuppressWarnings("unchecked")
        T record = (T) batch.records[i];
        out.collect(record);
      } else {
        skipped++;
        if (skipped <= MAX_LOGGED_SKIPS) {
          LOG.warn("Skipping bad record{}: {}", skipped == MAX_LOGGED_SKIPS ? " (further skips logged at DEBUG)" : "", reason);
        } else {
          LOG.debug("Skipping bad record: {}", reason);
        }
        context.reportSkippedRecord(reason);
      }
    }
    boolean requestSplit = false;
    synchronized (this) {
      String id = batch.split.splitId();
      if (batch.size > 0) {
        unfinished.put(id, batch.split.withPosition(batch.offsets[batch.size - 1], batch.lines[batch.size - 1]));
      }
      if (batch.error != null) {
        throw batch.error;
      }
      if (batch.last) {
        unfinished.remove(id);
        if (splitOutputs.remove(id) != null) {
          output.releaseOutputForSplit(id);
        }
        requestSplit = unfinished.isEmpty() && !noMoreSplits;
      }
    }
    if (requestSplit) {
      context.sendSplitRequest();
    }
    return handover.isEmpty() ? idleStatus() : InputStatus.MORE_AVAILABLE;
  }

  private synchronized InputStatus idleStatus() {
    return noMoreSplits && unfinished.isEmpty() && handover.isEmpty()
        ? InputStatus.END_OF_INPUT
        : InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    CompletableFuture<Void> f = available.future();
    if (!handover.isEmpty() || idleStatus() == InputStatus.END_OF_INPUT) {
      return CompletableFuture.completedFuture(null);
    }
    return f;
  }

  @Override
  public void addSplits(List<FileSourceSplit> splits) {
    synchronized (this) {
      for (FileSourceSplit s : splits) {
        unfinished.put(s.splitId(), s);
      }
    }
    toFetch.addAll(splits);
  }

  @Override
  public void notifyNoMoreSplits() {
    synchronized (this) {
      noMoreSplits = true;
    }
    available.signal();
  }

  @Override
  public synchronized List<FileSourceSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(unfinished.values());
  }

  @Override
  public void close() throws Exception {
    closed = true;
    Thread t = fetcher;
    if (t != null) {
      t.interrupt();
      t.join(TimeUnit.SECONDS.toMillis(10));
      if (t.isAlive()) {
        LOG.warn("File reader thread {} did not stop within 10 s", t.getName());
      }
    }
    handover.clear();
  }

  /** Records skipped by this reader (SKIP policy). */
  long skippedCount() {
    return skipped;
  }

  // ---- fetcher thread ----

  private void fetchLoop() {
    try {
      while (!closed) {
        FileSourceSplit split = toFetch.take();
        if (!fetch(split)) {
          return; // an error was handed over; the worker fails the job
        }
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  /** Reads one split to its end; false after handing over an error. */
  private boolean fetch(FileSourceSplit split) throws InterruptedException {
    Batch<T> batch = new Batch<>(split, batchSize);
    try (FileRecordReader<T> reader = format.createReader(split.path(), split.offset(), split.lineNumber())) {
      while (true) {
        T record;
        try {
          record = reader.read();
        } catch (MalformedRecordException e) {
          if (policy == BadRecordPolicy.FAIL) {
            batch.error = e;
            hand(batch);
            return false;
          }
          batch.addSkip(e.getMessage(), reader.offset(), reader.lineNumber());
          if (batch.isFull()) {
            hand(batch);
            batch = new Batch<>(split, batchSize);
          }
          continue;
        }
        if (record == null) {
          break;
        }
        batch.add(record, reader.offset(), reader.lineNumber());
        if (batch.isFull()) {
          hand(batch);
          batch = new Batch<>(split, batchSize);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (closed) {
        return false;
      }
      batch.error = e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith(split.path() + ":")
          ? e
          : new IOException("FileSource: cannot read " + split.path() + ": " + e, e);
      hand(batch);
      return false;
    }
    batch.last = true;
    hand(batch);
    return true;
  }

  private void hand(Batch<T> batch) throws InterruptedException {
    handover.put(batch);
    available.signal();
  }

  /** Records of one split with the position after each; or skipped records with their reason. */
  private static final class Batch<T> {
    final FileSourceSplit split;
    final Object[] records;
    final long[] offsets;
    final long[] lines;
    String[] skipReasons;
    int size;
    boolean last;
    Exception error;

    Batch(FileSourceSplit split, int capacity) {
      this.split = split;
      this.records = new Object[capacity];
      this.offsets = new long[capacity];
      this.lines = new long[capacity];
    }

    void add(Object record, long offset, long line) {
      records[size] = record;
      offsets[size] = offset;
      lines[size] = line;
      size++;
    }

    void addSkip(String reason, long offset, long line) {
      if (skipReasons == null) {
        skipReasons = new String[records.length];
      }
      skipReasons[size] = reason;
      add(null, offset, line);
    }

    boolean isFull() {
      return size == records.length;
    }
  }
}
