package io.weir.runtime.jobgraph;

import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.partitioner.StreamPartitioner;

/**
 * A resolved edge between two operators: virtual transformations (partition, union, side output)
 * are folded into the partitioner, the side-output tag and the target input.
 */
public final class StreamEdge {
  private final StreamNode source;
  private final StreamNode target;
  private final int targetInput;
  private final StreamPartitioner<?> partitioner;
  private final OutputTag<?> tag;
  private final TypeInfo<?> type;
  boolean chained;

  StreamEdge(StreamNode source, StreamNode target, int targetInput, StreamPartitioner<?> partitioner,
      OutputTag<?> tag, TypeInfo<?> type) {
    this.source = source;
    this.target = target;
    this.targetInput = targetInput;
    this.partitioner = partitioner;
    this.tag = tag;
    this.type = type;
  }

  public StreamNode getSource() {
    return source;
  }

  public StreamNode getTarget() {
    return target;
  }

  /** 1 or 2. */
  public int getTargetInput() {
    return targetInput;
  }

  /** The prototype; every producing subtask gets its own {@code copy()}. */
  public StreamPartitioner<?> getPartitioner() {
    return partitioner;
  }

  /** The side output this edge reads, null for the main output. */
  public OutputTag<?> getTag() {
    return tag;
  }

  /** Type of the records on this edge (may be null if the API did not provide one). */
  public TypeInfo<?> getType() {
    return type;
  }

  /** Inside a task: the target operator is called directly. */
  public boolean isChained() {
    return chained;
  }

  @Override
  public String toString() {
    return source.getName() + " -" + partitioner + (tag != null ? "[" + tag.getId() + "]" : "")
        + "-> " + target.getName() + (target.getNumberOfInputs() == 2 ? "#" + targetInput : "")
        + (chained ? " (chained)" : "");
  }
}
