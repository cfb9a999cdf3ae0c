package io.weir.runtime.exchange;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.partitioner.StreamPartitioner;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;

/**
 * Producer side of one exchange edge for one producing subtask: picks the channel of each record
 * with the partitioner and appends it to that channel's current batch; a full batch is sent at
 * once, partial batches on {@link #flush()}. Control elements (watermarks, status, barriers, end of
 * partition) go to every channel and flush.
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

  public RecordWriter(StreamPartitioner<T> partitioner, OutputChannel[] channels, int batchSize, TypeSerializer<T> copier) {
    this.partitioner = partitioner;
    this.channels = channels;
    this.current = new ElementBatch[channels.length];
    this.batchSize = Math.max(1, batchSize);
    this.copier = copier;
  }

  public void emit(StreamRecord<T> record) throws Exception {
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
      current[c] = null;
      channels[c].send(b);
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
      current[c] = null;
      channels[c].send(b);
    }
  }

  /** Sends the partial batches; returns whether there were any. */
  public boolean flush() throws Exception {
    boolean any = false;
    for (int c = 0; c < channels.length; c++) {
      ElementBatch b = current[c];
      if (b != null && !b.isEmpty()) {
        current[c] = null;
        channels[c].send(b);
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
