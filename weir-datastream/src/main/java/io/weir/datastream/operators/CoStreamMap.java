package io.weir.datastream.operators;

import io.weir.datastream.functions.CoMapFunction;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;

/** connect(...).map(CoMapFunction). */
public class CoStreamMap<IN1, IN2, OUT> extends AbstractUdfStreamOperator<OUT, CoMapFunction<IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT> {
  public CoStreamMap(CoMapFunction<IN1, IN2, OUT> mapper) {
    super(mapper);
  }

  @Override
  public void processElement1(StreamRecord<IN1> record) throws Exception {
    output.collect(record.replace(userFunction.map1(record.getValue())));
  }

  @Override
  public void processElement2(StreamRecord<IN2> record) throws Exception {
    output.collect(record.replace(userFunction.map2(record.getValue())));
  }
}
