package io.weir.runtime.exchange;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.sort.SpillingBuffer;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BATCH (blocking) channel: the producer's records are persisted in a {@link SpillingBuffer}
 * (memory under the job's {@link MemoryManager}, spilling to disk) and read only after the
 * producer finished. Only records are stored; watermarks and status mean nothing in BATCH, and
 * the reader ends the channel with the +inf watermark and {@link EndOfPartition}. Never
 * backpressures: the buffer spills instead.
 */
public final class BlockingChannel<T> implements Channel {
  private final SpillingBuffer<StreamRecord<T>> buffer;
  private final int batchSize;
  private final AtomicLong spilledBytesCounter;
  private volatile boolean finished;
  private SpillingBuffer<StreamRecord<T>>.Reader reader;
  private boolean endDelivered;
  private boolean released;

  public BlockingChannel(TypeSerializer<T> serializer, MemoryManager memory, Path spillDir, int batchSize,
      AtomicLong spilledBytesCounter) {
    this.buffer = new SpillingBuffer<>(new RecordSerializer<>(serializer), memory, spillDir);
    this.batchSize = Math.max(1, batchSize);
    this.spilledBytesCounter = spilledBytesCounter;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void send(ElementBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      StreamElement e = batch.get(i);
      if (e.isRecord()) {
        buffer.add((StreamRecord<T>) e);
      } else if (e instanceof EndOfPartition) {
        buffer.finishWriting();
        if (spilledBytesCounter != null) {
          spilledBytesCounter.addAndGet(buffer.spilledBytes());
        }
        finished = true;
      }
    }
  }

  @Override
  public boolean hasCapacity() {
    return true;
  }

  @Override
  public int bufferedBatches() {
    return 0;
  }

  public boolean isFinished() {
    return finished;
  }

  @Override
  public ElementBatch poll() {
    if (!finished || endDelivered || released) {
      return null;
    }
    if (reader == null) {
      reader = buffer.read();
    }
    ElementBatch b = new ElementBatch(batchSize + 2);
    int n = 0;
    while (n < batchSize && reader.hasNext()) {
      b.add(reader.next());
      n++;
    }
    if (!reader.hasNext()) {
      b.add(Watermark.MAX_WATERMARK);
      b.add(EndOfPartition.INSTANCE);
      endDelivered = true;
    }
    return b;
  }

  @Override
  public void release() {
    if (released) {
      return;
    }
    released = true;
    if (reader != null) {
      reader.close();
    }
    buffer.close();
  }

  /** A record as timestamp + value. */
  private static final class RecordSerializer<T> implements TypeSerializer<StreamRecord<T>> {
    private final TypeSerializer<T> values;

    RecordSerializer(TypeSerializer<T> values) {
      this.values = values;
    }

    @Override
    public void serialize(StreamRecord<T> record, DataOutput out) throws IOException {
      out.writeLong(record.getTimestamp());
      values.serialize(record.getValue(), out);
    }

    @Override
    public StreamRecord<T> deserialize(DataInput in) throws IOException {
      long ts = in.readLong();
      return new StreamRecord<>(values.deserialize(in), ts);
    }

    @Override
    public StreamRecord<T> copy(StreamRecord<T> value) {
      return value;
    }
  }
}
