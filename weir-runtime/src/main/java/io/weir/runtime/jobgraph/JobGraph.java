package io.weir.runtime.jobgraph;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import java.util.List;

/** The physical job: operators (nodes), edges and the chains (vertices) that become tasks. */
public final class JobGraph {
  private final String jobName;
  private final RuntimeExecutionMode mode;
  private final Configuration configuration;
  private final List<StreamNode> nodes;
  private final List<JobVertex> vertices;

  JobGraph(String jobName, RuntimeExecutionMode mode, Configuration configuration, List<StreamNode> nodes,
      List<JobVertex> vertices) {
    this.jobName = jobName;
    this.mode = mode;
    this.configuration = configuration;
    this.nodes = List.copyOf(nodes);
    this.vertices = List.copyOf(vertices);
  }

  public String getJobName() {
    return jobName;
  }

  /** STREAMING or BATCH (AUTOMATIC is resolved). */
  public RuntimeExecutionMode getMode() {
    return mode;
  }

  public Configuration getConfiguration() {
    return configuration;
  }

  /** All operators, inputs before consumers. */
  public List<StreamNode> getNodes() {
    return nodes;
  }

  /** All chains in topological order. */
  public List<JobVertex> getVertices() {
    return vertices;
  }

  /** A readable plan, one vertex per line with its input edges. */
  public String describe() {
    StringBuilder sb = new StringBuilder("Job '" + jobName + "' (" + mode + ")\n");
    for (JobVertex v : vertices) {
      sb.append("  ").append(v).append('\n');
      for (StreamEdge e : v.getInputs()) {
        sb.append("    <- ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
