package io.weir.runtime.execution;

import io.weir.core.util.InstantiationUtil;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobGraphBuilder;
import io.weir.runtime.jobgraph.StreamNode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs embedded in this JVM. Each job gets its own pool of cooperative worker threads
 * ({@code execution.worker-threads}, 0 = number of cores) and helper threads, all ended when the
 * job ends. See docs/architecture.md, section Execution.
 */
public final class LocalExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);

  private LocalExecutor() {}

  /** Builds and checks the physical plan of a job without running it. */
  public static JobGraph plan(StreamGraph graph) {
    JobGraph jobGraph = JobGraphBuilder.build(graph);
    for (StreamNode n : jobGraph.getNodes()) {
      if (n.getOperatorPrototype() != null) {
        // fail now, with the operator's name, rather than when the tasks are built
        InstantiationUtil.clone(n.getOperatorPrototype(), "Operator '" + n.getName() + "'");
      }
    }
    return jobGraph;
  }

  /** Starts the job and returns at once. Validation errors (e.g. unbounded source in BATCH) throw here. */
  public static JobClient submit(StreamGraph graph) {
    JobGraph jobGraph = plan(graph);
    JobMaster master = new JobMaster(jobGraph);
    CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(master.run());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "weir-job-" + master.jobId().substring(0, 8));
    t.setDaemon(true);
    t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    t.start();
    return new LocalJobClient(master, result);
  }

  /** Runs the job to completion on the calling thread's behalf. */
  public static JobExecutionResult execute(StreamGraph graph) throws JobExecutionException {
    JobGraph jobGraph = plan(graph);
    LOG.debug("Executing {}", jobGraph);
    JobMaster master = new JobMaster(jobGraph);
    try {
      return master.run();
    } catch (CancellationException e) {
      throw new JobExecutionException(e.getMessage(), e);
    }
  }
}
