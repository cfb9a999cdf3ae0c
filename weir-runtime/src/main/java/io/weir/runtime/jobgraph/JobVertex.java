package io.weir.runtime.jobgraph;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A chain of operators run as one task per parallel subtask. */
public final class JobVertex {
  private final int index;
  private final StreamNode head;
  final List<StreamNode> operators = new ArrayList<>();
  final List<StreamEdge> inputs = new ArrayList<>();
  final List<StreamEdge> outputs = new ArrayList<>();

  JobVertex(int index, StreamNode head) {
    this.index = index;
    this.head = head;
  }

  /** Position in topological order. */
  public int getIndex() {
    return index;
  }

  public StreamNode getHead() {
    return head;
  }

  /** The chain's operators, head first, every operator after its chained predecessor. */
  public List<StreamNode> getOperators() {
    return operators;
  }

  /** Network edges into the head. */
  public List<StreamEdge> getInputs() {
    return inputs;
  }

  /** Network edges leaving any operator of the chain. */
  public List<StreamEdge> getOutputs() {
    return outputs;
  }

  public int getParallelism() {
    return head.getParallelism();
  }

  public int getMaxParallelism() {
    return head.getMaxParallelism();
  }

  public boolean isSource() {
    return head.isSource();
  }

  public String getName() {
    return operators.stream().map(StreamNode::getName).collect(Collectors.joining(" -> "));
  }

  /** The vertices whose output this vertex reads. */
  public List<JobVertex> getUpstreamVertices() {
    List<JobVertex> up = new ArrayList<>();
    for (StreamEdge e : inputs) {
      if (!up.contains(e.getSource().getVertex())) {
        up.add(e.getSource().getVertex());
      }
    }
    return up;
  }

  @Override
  public String toString() {
    return "Vertex" + index + "(" + getName() + ", p=" + getParallelism() + ")";
  }
}
