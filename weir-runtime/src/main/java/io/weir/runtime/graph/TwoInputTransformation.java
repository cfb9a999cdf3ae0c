package io.weir.runtime.graph;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.operators.TwoInputStreamOperator;
import java.util.List;

/** An operator with two inputs (connect, joins); keyed when both key selectors are set. */
public final class TwoInputTransformation<IN1, IN2, OUT> extends Transformation<OUT> {
  private final Transformation<IN1> input1;
  private final Transformation<IN2> input2;
  private final TwoInputStreamOperator<IN1, IN2, OUT> operator;
  private KeySelector<IN1, ?> stateKeySelector1;
  private KeySelector<IN2, ?> stateKeySelector2;
  private TypeInfo<?> stateKeyType;

  public TwoInputTransformation(
      Transformation<IN1> input1,
      Transformation<IN2> input2,
      String name,
      TwoInputStreamOperator<IN1, IN2, OUT> operator,
      TypeInfo<OUT> outputType,
      int parallelism) {
    super(name, outputType, parallelism);
    this.input1 = input1;
    this.input2 = input2;
    this.operator = operator;
    operator.setName(name);
  }

  public Transformation<IN1> getInput1() {
    return input1;
  }

  public Transformation<IN2> getInput2() {
    return input2;
  }

  public TwoInputStreamOperator<IN1, IN2, OUT> getOperator() {
    return operator;
  }

  public void setStateKeySelectors(KeySelector<IN1, ?> k1, KeySelector<IN2, ?> k2, TypeInfo<?> keyType) {
    this.stateKeySelector1 = k1;
    this.stateKeySelector2 = k2;
    this.stateKeyType = keyType;
  }

  public KeySelector<IN1, ?> getStateKeySelector1() {
    return stateKeySelector1;
  }

  public KeySelector<IN2, ?> getStateKeySelector2() {
    return stateKeySelector2;
  }

  public TypeInfo<?> getStateKeyType() {
    return stateKeyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input1, input2);
  }
}
