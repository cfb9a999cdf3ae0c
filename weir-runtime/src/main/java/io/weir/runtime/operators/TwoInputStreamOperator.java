package io.weir.runtime.operators;

import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;

/** Two inputs (connect, joins). The operator's watermark is the minimum of both inputs'. */
public interface TwoInputStreamOperator<IN1, IN2, OUT> extends StreamOperator<OUT> {
  void processElement1(StreamRecord<IN1> record) throws Exception;

  void processElement2(StreamRecord<IN2> record) throws Exception;

  void processWatermark1(Watermark mark) throws Exception;

  void processWatermark2(Watermark mark) throws Exception;

  void setKeyContextElement1(StreamRecord<?> record) throws Exception;

  void setKeyContextElement2(StreamRecord<?> record) throws Exception;

  /** Input 1 or 2 became idle or active again. */
  void processWatermarkStatus(int input, WatermarkStatus status) throws Exception;

  /**
   * BATCH mode: 1 or 2 = read that input completely before the other (e.g. the broadcast side of a
   * broadcast-connected stream); 0 = no preference.
   */
  default int batchReadFirst() {
    return 0;
  }

  /** Input 1 or 2 ended. */
  default void endInput(int inputId) throws Exception {}

  /** Single-watermark entry is not used for two-input operators. */
  @Override
  default void processWatermark(Watermark mark) throws Exception {
    processWatermark1(mark);
    processWatermark2(mark);
  }
}
