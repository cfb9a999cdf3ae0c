package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.runtime.operators.Output;
import io.weir.runtime.streamrecord.StreamRecord;

final class SideOutputs {
  private SideOutputs() {}

  static <X> void emit(Output<?> output, OutputTag<X> tag, X value, Long timestamp) {
    if (tag == null) {
      throw new IllegalArgumentException("OutputTag must not be null");
    }
    output.collect(tag, timestamp == null ? new StreamRecord<>(value) : new StreamRecord<>(value, timestamp));
  }
}
