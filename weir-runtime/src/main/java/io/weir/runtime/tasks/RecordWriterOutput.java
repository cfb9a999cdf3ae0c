package io.weir.runtime.tasks;

import io.weir.core.functions.OutputTag;
import io.weir.runtime.exchange.RecordWriter;
import io.weir.runtime.operators.Output;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;

/** The end of a chain towards an exchange: records and control elements go to a {@link RecordWriter}. */
final class RecordWriterOutput<T> implements Output<T> {
  private final RecordWriter<T> writer;
  /** BATCH exchanges carry records only: the consumer derives the final watermark from the end. */
  private final boolean recordsOnly;
  /**
   * Whether idleness crosses the exchange: STREAMING only. In BATCH every input ends, so a channel
   * that stays quiet holds the watermark back only until its end; and a source that reports idle
   * before its first split would otherwise have its later watermarks ignored downstream.
   */
  private final boolean statuses;

  RecordWriterOutput(RecordWriter<T> writer, boolean recordsOnly, boolean statuses) {
    this.writer = writer;
    this.recordsOnly = recordsOnly;
    this.statuses = statuses;
  }

  RecordWriter<T> writer() {
    return writer;
  }

  @Override
  public void collect(StreamRecord<T> record) {
    try {
      writer.emit(record);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
    throw new IllegalStateException("side outputs are routed by the emitting operator's output");
  }

  @Override
  public void emitWatermark(Watermark mark) {
    if (recordsOnly) {
      return;
    }
    try {
      writer.emitWatermark(mark);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {
    if (statuses) {
      control(status);
    }
  }

  void control(StreamElement element) {
    try {
      writer.broadcastControl(element);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
