package io.weir.runtime.graph;

import java.util.ArrayList;
import java.util.List;

/** Virtual: records of all inputs (same type) flow into the next operator. */
public final class UnionTransformation<T> extends Transformation<T> {
  private final List<Transformation<T>> inputs;

  public UnionTransformation(List<Transformation<T>> inputs) {
    super("Union", inputs.get(0).getOutputType(), inputs.get(0).getParallelism());
    this.inputs = List.copyOf(inputs);
  }

  public List<Transformation<T>> getUnionInputs() {
    return inputs;
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return new ArrayList<>(inputs);
  }
}
