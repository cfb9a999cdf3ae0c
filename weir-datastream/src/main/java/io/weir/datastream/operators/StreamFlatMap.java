package io.weir.datastream.operators;

import io.weir.core.functions.FlatMapFunction;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.streamrecord.StreamRecord;

/** flatMap(): zero or more outputs per input, each with the input's timestamp. */
public class StreamFlatMap<IN, OUT> extends AbstractUdfStreamOperator<OUT, FlatMapFunction<IN, OUT>>
    implements OneInputStreamOperator<IN, OUT> {
  private transient TimestampedCollector<OUT> collector;

  public StreamFlatMap(FlatMapFunction<IN, OUT> flatMapper) {
    super(flatMapper);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(output);
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    collector.setTimestamp(record);
    userFunction.flatMap(record.getValue(), collector);
  }
}
