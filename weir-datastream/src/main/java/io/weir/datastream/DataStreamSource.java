package io.weir.datastream;

import io.weir.runtime.graph.SourceTransformation;

/** The stream a source produces. */
public class DataStreamSource<T> extends SingleOutputStreamOperator<T> {
  public DataStreamSource(StreamExecutionEnvironment environment, SourceTransformation<T> transformation) {
    super(environment, transformation);
  }
}
