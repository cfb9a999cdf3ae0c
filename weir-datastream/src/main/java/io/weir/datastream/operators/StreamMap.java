package io.weir.datastream.operators;

import io.weir.core.functions.MapFunction;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;

/** map(): one output per input, keeping the input's timestamp. */
public class StreamMap<IN, OUT> extends AbstractUdfStreamOperator<OUT, MapFunction<IN, OUT>>
    implements OneInputStreamOperator<IN, OUT> {
  public StreamMap(MapFunction<IN, OUT> mapper) {
    super(mapper);
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    output.collect(record.replace(userFunction.map(record.getValue())));
  }
}
