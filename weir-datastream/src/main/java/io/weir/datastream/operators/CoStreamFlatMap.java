package io.weir.datastream.operators;

import io.weir.datastream.functions.CoFlatMapFunction;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;

/** connect(...).flatMap(CoFlatMapFunction). */
public class CoStreamFlatMap<IN1, IN2, OUT>
    extends AbstractUdfStreamOperator<OUT, CoFlatMapFunction<IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT> {
  private transient TimestampedCollector<OUT> collector;

  public CoStreamFlatMap(CoFlatMapFunction<IN1, IN2, OUT> flatMapper) {
    super(flatMapper);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(output);
  }

  @Override
  public void processElement1(StreamRecord<IN1> record) throws Exception {
    collector.setTimestamp(record);
    userFunction.flatMap1(record.getValue(), collector);
  }

  @Override
  public void processElement2(StreamRecord<IN2> record) throws Exception {
    collector.setTimestamp(record);
    userFunction.flatMap2(record.getValue(), collector);
  }
}
