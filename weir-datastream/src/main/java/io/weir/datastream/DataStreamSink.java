package io.weir.datastream;

import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.Transformation;

/** A sink of the job: its name, uid and parallelism can be set. */
public class DataStreamSink<T> {
  private final OneInputTransformation<T, Void> transformation;

  public DataStreamSink(OneInputTransformation<T, Void> transformation) {
    this.transformation = transformation;
  }

  public OneInputTransformation<T, Void> getTransformation() {
    return transformation;
  }

  public DataStreamSink<T> name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    transformation.setName(name);
    transformation.getOperator().setName(name);
    return this;
  }

  public DataStreamSink<T> uid(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("uid must not be empty");
    }
    transformation.setUid(uid);
    return this;
  }

  public DataStreamSink<T> setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "setParallelism of sink '" + transformation.getName() + "': parallelism must be >= 1, was " + parallelism);
    }
    transformation.setParallelism(parallelism);
    return this;
  }

  public DataStreamSink<T> disableChaining() {
    transformation.setChainingStrategy(Transformation.ChainingStrategy.NEVER);
    return this;
  }
}
