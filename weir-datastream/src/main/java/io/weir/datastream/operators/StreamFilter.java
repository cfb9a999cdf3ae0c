package io.weir.datastream.operators;

import io.weir.core.functions.FilterFunction;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;

/** filter(): forwards the records the predicate accepts. */
public class StreamFilter<T> extends AbstractUdfStreamOperator<T, FilterFunction<T>>
    implements OneInputStreamOperator<T, T> {
  public StreamFilter(FilterFunction<T> filter) {
    super(filter);
  }

  @Override
  public void processElement(StreamRecord<T> record) throws Exception {
    if (userFunction.filter(record.getValue())) {
      output.collect(record);
    }
  }
}
