package io.weir.datastream;

import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.operators.OneInputStreamOperator;

/** PLACEHOLDER (minimal): the DataStream work fills this in. */
public class DataStream<T> {
  protected final StreamExecutionEnvironment environment;
  protected final Transformation<T> transformation;

  public DataStream(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    this.environment = environment;
    this.transformation = transformation;
  }

  public Transformation<T> getTransformation() {
    return transformation;
  }

  public TypeInfo<T> getType() {
    return transformation.getOutputType();
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  /** Adds an operator after this stream (keyed when this is a KeyedStream). */
  public <R> SingleOutputStreamOperator<R> transform(
      String operatorName, TypeInfo<R> outputType, OneInputStreamOperator<T, R> operator) {
    OneInputTransformation<T, R> t =
        new OneInputTransformation<>(transformation, operatorName, operator, outputType, environment.getParallelism());
    return new SingleOutputStreamOperator<>(environment, t);
  }
}
