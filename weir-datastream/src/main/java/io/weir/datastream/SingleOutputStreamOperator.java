package io.weir.datastream;

import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.SideOutputTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import java.util.HashMap;
import java.util.Map;

/** The output of one operator: here its name, uid, parallelism, type and side outputs are set. */
public class SingleOutputStreamOperator<T> extends DataStream<T> {
  private final Map<String, TypeInfo<?>> requestedSideOutputs = new HashMap<>();

  public SingleOutputStreamOperator(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    super(environment, transformation);
  }

  /** The name shown in plans and in error messages ("Operator 'name' (subtask 1/4) failed ..."). */
  public SingleOutputStreamOperator<T> name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    transformation.setName(name);
    if (transformation instanceof OneInputTransformation<?, ?> one) {
      one.getOperator().setName(name);
    } else if (transformation instanceof TwoInputTransformation<?, ?, ?> two) {
      two.getOperator().setName(name);
    }
    return this;
  }

  public String getName() {
    return transformation.getName();
  }

  /** A stable id that matches this operator's state in checkpoints across changes of the program. */
  public SingleOutputStreamOperator<T> uid(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("uid must not be empty");
    }
    transformation.setUid(uid);
    return this;
  }

  public SingleOutputStreamOperator<T> setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "setParallelism of '" + transformation.getName() + "': parallelism must be >= 1, was " + parallelism);
    }
    transformation.setParallelism(parallelism);
    return this;
  }

  public SingleOutputStreamOperator<T> setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1) {
      throw new IllegalArgumentException(
          "setMaxParallelism of '" + transformation.getName() + "': must be >= 1, was " + maxParallelism);
    }
    transformation.setMaxParallelism(maxParallelism);
    return this;
  }

  /** Sets the output type where Java erasure hid it (lambdas returning generic types). */
  public SingleOutputStreamOperator<T> returns(TypeInfo<T> typeInfo) {
    transformation.setOutputType(java.util.Objects.requireNonNull(typeInfo, "returns: type"));
    return this;
  }

  public SingleOutputStreamOperator<T> returns(Class<T> typeClass) {
    return returns(TypeInfo.of(java.util.Objects.requireNonNull(typeClass, "returns: class")));
  }

  public SingleOutputStreamOperator<T> returns(TypeHint<T> typeHint) {
    return returns(TypeInfo.of(java.util.Objects.requireNonNull(typeHint, "returns: type hint")));
  }

  /** The records this operator emitted to the side output {@code tag}. */
  public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
    java.util.Objects.requireNonNull(tag, "getSideOutput: tag");
    TypeInfo<?> previous = requestedSideOutputs.putIfAbsent(tag.getId(), tag.getType());
    if (previous != null && !KeyTypes.sameType(previous, tag.getType())) {
      throw new IllegalArgumentException("getSideOutput: side output '" + tag.getId() + "' of '" + getName()
          + "' was already requested with type " + previous + ", now with " + tag.getType());
    }
    return new DataStream<>(environment, new SideOutputTransformation<>(transformation, tag));
  }

  /** This operator runs in its own task: no chaining with its predecessor or successors. */
  public SingleOutputStreamOperator<T> disableChaining() {
    transformation.setChainingStrategy(Transformation.ChainingStrategy.NEVER);
    return this;
  }

  /** A new chain (task) starts at this operator; successors may still chain to it. */
  public SingleOutputStreamOperator<T> startNewChain() {
    transformation.setChainingStrategy(Transformation.ChainingStrategy.HEAD);
    return this;
  }

  public SingleOutputStreamOperator<T> slotSharingGroup(String group) {
    transformation.setSlotSharingGroup(group);
    return this;
  }
}
