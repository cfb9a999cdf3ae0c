package io.weir.runtime.graph;

import io.weir.runtime.partitioner.StreamPartitioner;
import java.util.List;

/** Virtual: how records of the input are distributed to the next operator's subtasks. */
public final class PartitionTransformation<T> extends Transformation<T> {
  private final Transformation<T> input;
  private final StreamPartitioner<T> partitioner;

  public PartitionTransformation(Transformation<T> input, StreamPartitioner<T> partitioner) {
    super("Partition(" + partitioner + ")", input.getOutputType(), input.getParallelism());
    this.input = input;
    this.partitioner = partitioner;
  }

  public Transformation<T> getInput() {
    return input;
  }

  public StreamPartitioner<T> getPartitioner() {
    return partitioner;
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
