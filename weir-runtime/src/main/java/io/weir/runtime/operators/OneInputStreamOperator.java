package io.weir.runtime.operators;

import io.weir.runtime.streamrecord.StreamRecord;

public interface OneInputStreamOperator<IN, OUT> extends StreamOperator<OUT> {
  void processElement(StreamRecord<IN> record) throws Exception;

  /** Sets the keyed-state key from the record (no-op when not keyed); called before processElement. */
  void setKeyContextElement1(StreamRecord<?> record) throws Exception;

  /** The single input ended (before the final finish()). */
  default void endInput() throws Exception {}
}
