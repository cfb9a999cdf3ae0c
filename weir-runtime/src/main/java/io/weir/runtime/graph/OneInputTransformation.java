package io.weir.runtime.graph;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.operators.OneInputStreamOperator;
import java.util.List;

/** An operator with one input. Keyed when a state key selector is set (after keyBy). */
public final class OneInputTransformation<IN, OUT> extends Transformation<OUT> {
  private final Transformation<IN> input;
  private final OneInputStreamOperator<IN, OUT> operator;
  private KeySelector<IN, ?> stateKeySelector;
  private TypeInfo<?> stateKeyType;

  public OneInputTransformation(
      Transformation<IN> input, String name, OneInputStreamOperator<IN, OUT> operator, TypeInfo<OUT> outputType, int parallelism) {
    super(name, outputType, parallelism);
    this.input = input;
    this.operator = operator;
    operator.setName(name);
  }

  public Transformation<IN> getInput() {
    return input;
  }

  /** The prototype; the runtime copies it per subtask. */
  public OneInputStreamOperator<IN, OUT> getOperator() {
    return operator;
  }

  public void setStateKeySelector(KeySelector<IN, ?> keySelector, TypeInfo<?> keyType) {
    this.stateKeySelector = keySelector;
    this.stateKeyType = keyType;
  }

  public KeySelector<IN, ?> getStateKeySelector() {
    return stateKeySelector;
  }

  public TypeInfo<?> getStateKeyType() {
    return stateKeyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
