package io.weir.datastream;

import io.weir.runtime.graph.Transformation;

/** PLACEHOLDER (minimal): the DataStream work fills this in. */
public class SingleOutputStreamOperator<T> extends DataStream<T> {
  public SingleOutputStreamOperator(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    super(environment, transformation);
  }
}
