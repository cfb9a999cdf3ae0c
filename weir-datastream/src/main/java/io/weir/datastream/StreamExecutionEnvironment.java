package io.weir.datastream;

import io.weir.core.config.Configuration;
import io.weir.runtime.graph.Transformation;
import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER (minimal): the DataStream work fills this in. */
public class StreamExecutionEnvironment {
  private final Configuration configuration = new Configuration();
  private final List<Transformation<?>> sinks = new ArrayList<>();
  private int parallelism = 1;

  public Configuration getConfiguration() {
    return configuration;
  }

  public int getParallelism() {
    return parallelism;
  }

  /** Registers a terminal transformation (a sink) of the job. */
  public void addOperator(Transformation<?> sink) {
    sinks.add(sink);
  }
}
