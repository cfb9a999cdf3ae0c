package io.weir.runtime.operators;

import io.weir.core.functions.OutputTag;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;

/**
 * Where an operator emits. In a chain, collect() calls the next operator directly; at a task
 * boundary it appends to the exchange's current batch. The record wrapper may be reused by the
 * caller after the call returns.
 */
public interface Output<T> {
  void collect(StreamRecord<T> record);

  <X> void collect(OutputTag<X> tag, StreamRecord<X> record);

  void emitWatermark(Watermark mark);

  void emitWatermarkStatus(WatermarkStatus status);
}
