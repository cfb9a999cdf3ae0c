package io.weir.runtime.graph;

import io.weir.core.functions.OutputTag;
import java.util.List;

/** Virtual: the records the input operator emitted to a side output. */
public final class SideOutputTransformation<T> extends Transformation<T> {
  private final Transformation<?> input;
  private final OutputTag<T> tag;

  public SideOutputTransformation(Transformation<?> input, OutputTag<T> tag) {
    super("SideOutput(" + tag.getId() + ")", tag.getType(), input.getParallelism());
    this.input = input;
    this.tag = tag;
  }

  public Transformation<?> getInput() {
    return input;
  }

  public OutputTag<T> getTag() {
    return tag;
  }

  @Override
  public boolean isVirtual() {
    return true;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
