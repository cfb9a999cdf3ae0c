package io.weir.runtime.exchange;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.partitioner.StreamPartitioner;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;

/**
 * Producer side of one exchange edge for one producing subtask: picks the channel of each record
 * with the partitioner and appends it to that channel's current batch; a full batch is sent at
 * once, partial batches on {@link #flush()}. Control elements (status, barriers, end of partition)
 * go to every channel and flush.
 *
 * <p>Watermarks go to every channel without a flush ({@link #emitWatermark}): SQL sources advance
 * the watermark with almost every record, and a flush per watermark turned every batch into one
 * record plus one watermark (a batch, a queue hand-off and a consumer wake-up per record). A
 * watermark rides in the channel's current batch, behind the records emitted before it, and
 * replaces a watermark that ends the batch (no record between them, so the consumer could not
 * have told them apart except by firing timers twice instead of once). It is sent with the batch,
 * on the next flush (the task flushes whenever it has no input), or at the latest once {@code
 * batchSize} more records left this writer, so a channel that gets no records still sees the
 * watermark advance while its producer is busy.
 *
 * <p>Values are passed by reference. A broadcast edge copies the value for every channel but the
 * last (consumers run on other threads and may mutate what they get).
 */
public final class RecordWriter<T> {
  private final StreamPartitioner<T> partitioner;
  private final OutputChannel[] channels;
  private final ElementBatch[] current;
  private final int batchSize;
  private final TypeSerializer<T> copier;
  /** Per channel: {@link #emitted} when a watermark was added to its unsent batch; -1 if none. */
  private final long[] watermarkPendingSince;
  private long emitted;

  public RecordWriter(StreamPartitioner<T> partitioner, OutputChannel[] channels, int batchSize, TypeSerializer<T> copier) {
    this.partitioner = partitioner;
    this.channels = channels;
    this.current = new ElementBatch[channels.length];
    this.batchSize = Math.max(1, batchSize);
    this.copier = copier;
    this.watermarkPendingSince = new long[channels.length];
    java.util.Arrays.fill(watermarkPendingSince, -1);
  }

  public void emit(StreamRecord<T> record) throws Exception {
    emitted++;
    if (partitioner.isBroadcast() && channels.length > 1) {
      T value = record.getValue();
      for (int c = 0; c < channels.length; c++) {
        T v = c < channels.length - 1 && copier != null && value != null ? copier.copy(value) : value;
        append(c, new StreamRecord<>(v, record.getTimestamp()));
      }
    } else {
      int c = channels.length == 1 ? 0 : partitioner.selectChannel(record);
      append(c, new StreamRecord<>(record.getValue(), record.getTimestamp()));
    }
  }

  private void append(int c, StreamElement e) throws Exception {
    ElementBatch b = current[c];
    if (b == null) {
      b = new ElementBatch(batchSize);
      current[c] = b;
    }
    if (b.add(e)) {
      send(c, b);
    }
  }

  private void send(int c, ElementBatch b) throws Exception {
    current[c] = null;
    watermarkPendingSince[c] = -1;
    channels[c].send(b);
  }

  /** Appends a watermark to every channel's current batch (see the class comment); no flush. */
  public void emitWatermark(Watermark mark) throws Exception {
    for (int c = 0; c < channels.length; c++) {
      ElementBatch b = current[c];
      if (b != null && b.size > 0 && b.elements[b.size - 1] instanceof Watermark) {
        b.elements[b.size - 1] = mark;
      } else {
        if (b == null) {
          b = new ElementBatch(batchSize);
          current[c] = b;
        }
        if (b.add(mark)) {
          send(c, b);
          continue;
        }
        if (watermarkPendingSince[c] < 0) {
          watermarkPendingSince[c] = emitted;
        }
      }
      if (emitted - watermarkPendingSince[c] >= batchSize) {
        send(c, b);
      }
    }
  }

  /** Appends a control element to every channel and flushes. */
  public void broadcastControl(StreamElement e) throws Exception {
    for (int c = 0; c < channels.length; c++) {
      // a current batch is never full (full ones are sent at once), so the element fits
      ElementBatch b = current[c];
      if (b == null) {
        b = new ElementBatch(1);
      }
      b.add(e);
      send(c, b);
    }
  }

  /** Sends the partial batches; returns whether there were any. */
  public boolean flush() throws Exception {
    boolean any = false;
    for (int c = 0; c < channels.length; c++) {
      ElementBatch b = current[c];
      if (b != null && !b.isEmpty()) {
        send(c, b);
        any = true;
      }
    }
    return any;
  }

  public boolean hasCapacity() {
    for (OutputChannel ch : channels) {
      if (!ch.hasCapacity()) {
        return false;
      }
    }
    return true;
  }

  public int numberOfChannels() {
    return channels.length;
  }
}
