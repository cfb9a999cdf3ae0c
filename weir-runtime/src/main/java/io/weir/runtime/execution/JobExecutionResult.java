package io.weir.runtime.execution;

import io.weir.core.config.RuntimeExecutionMode;
import java.time.Duration;
import java.util.Map;

/**
 * Outcome of a finished job. {@code counters} holds named counts, e.g. "skipped-records.<source>"
 * for bad input lines skipped by a source in skip mode, "restarts", "checkpoints.completed".
 */
public record JobExecutionResult(
    String jobId,
    String jobName,
    RuntimeExecutionMode mode,
    Duration netRuntime,
    Map<String, Long> counters) {

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
