package io.weir.runtime.graph;

import io.weir.core.config.Configuration;
import java.util.ArrayList;
import java.util.List;

/**
 * A job as handed to an executor: its terminal transformations (sinks; everything they read
 * from is reachable through inputs), its name and its configuration (mode, parallelism,
 * checkpointing, restart strategy, ...).
 */
public final class StreamGraph {
  private final String jobName;
  private final Configuration configuration;
  private final List<Transformation<?>> sinks;

  public StreamGraph(String jobName, Configuration configuration, List<Transformation<?>> sinks) {
    if (sinks.isEmpty()) {
      throw new IllegalStateException("The job has no sinks: add print(), sinkTo(...) or executeAndCollect()");
    }
    this.jobName = jobName;
    this.configuration = new Configuration(configuration);
    this.sinks = new ArrayList<>(sinks);
  }

  public String getJobName() {
    return jobName;
  }

  public Configuration getConfiguration() {
    return configuration;
  }

  public List<Transformation<?>> getSinks() {
    return sinks;
  }
}
