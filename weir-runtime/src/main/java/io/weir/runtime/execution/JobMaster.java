package io.weir.runtime.execution;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.checkpoint.coordinator.CheckpointStore;
import io.weir.runtime.exchange.ExchangeMetrics;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.scheduler.CooperativeWorkerPool;
import io.weir.runtime.source.SourceCoordinator;
import io.weir.runtime.tasks.OperatorFailure;
import io.weir.runtime.tasks.StreamTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job to its end: owns the job's threads (workers, source-coordinator thread, source I/O
 * pool, checkpoint thread), the BATCH memory budget and spill directory, the checkpoint store and
 * the counters; runs {@link ExecutionAttempt}s until one finishes, the restart strategy gives up,
 * or the job is cancelled. Every thread it started has ended when {@link #run} returns.
 */
final class JobMaster {
  private static final Logger LOG = LoggerFactory.getLogger(JobMaster.class);

  private final String jobId = UUID.randomUUID().toString();
  private final JobGraph graph;
  private final Configuration config;
  private final JobCounters counters = new JobCounters();
  private final ExchangeMetrics exchangeMetrics = new ExchangeMetrics();
  private final AtomicLong checkpointIds = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();
  private final RestartStrategy restartStrategy;
  private final ClassLoader userClassLoader;
  private final String threadPrefix;
  private final Object restartLock = new Object();
  /** The user-named checkpoint to start from ({@code execution.savepoint.path}), or null. */
  private final RestoredCheckpoint savepoint;

  private CooperativeWorkerPool workers;
  private ExecutorService coordinatorThread;
  private ScheduledExecutorService ioPool;
  private ScheduledExecutorService checkpointThread;
  /** STREAMING with async checkpoints: writes the frozen keyed state of checkpoints; else null. */
  private ExecutorService snapshotPool;
  private MemoryManager exchangeMemory;
  private long sortShareBytes;
  private Path spillDirectory;
  private CheckpointStorageAdapter checkpointStorage;
  private volatile ExecutionAttempt current;
  private final List<CompletableFuture<Long>> triggerRequests = new java.util.ArrayList<>();
  private ExecutionAttempt runningAttempt;
  private boolean finished;
  private volatile boolean cancelled;

  JobMaster(JobGraph graph) {
    this.graph = graph;
    this.config = graph.getConfiguration();
    this.restartStrategy = RestartStrategy.fromConfiguration(config);
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    this.userClassLoader = cl != null ? cl : JobMaster.class.getClassLoader();
    this.threadPrefix = "weir-" + jobId.substring(0, 8);
    // Before any thread starts, so a checkpoint that does not fit the job fails the submission.
    this.savepoint = SavepointRestore.load(graph);
    if (savepoint != null) {
      // as in Flink, this run's checkpoints continue the numbering (sinks may key transactions by it)
      checkpointIds.set(savepoint.checkpointId());
    }
  }

  String jobId() {
    return jobId;
  }

  JobGraph graph() {
    return graph;
  }

  JobCounters counters() {
    return counters;
  }

  ExchangeMetrics exchangeMetrics() {
    return exchangeMetrics;
  }

  AtomicLong checkpointIds() {
    return checkpointIds;
  }

  AtomicLong spilledBytes() {
    return spilledBytes;
  }

  ClassLoader userClassLoader() {
    return userClassLoader;
  }

  ExecutorService coordinatorThread() {
    return coordinatorThread;
  }

  ScheduledExecutorService ioPool() {
    return ioPool;
  }

  ScheduledExecutorService checkpointThread() {
    return checkpointThread;
  }

  ExecutorService snapshotPool() {
    return snapshotPool;
  }

  /** BATCH: the blocking exchanges' half of the budget, shared by all their buffers. */
  MemoryManager exchangeMemory() {
    return exchangeMemory;
  }

  /** BATCH: a fixed share of the sorting half of the budget, for one sorting subtask. */
  MemoryManager sortMemory() {
    return new MemoryManager(sortShareBytes);
  }

  Path spillDirectory() {
    return spillDirectory;
  }

  CheckpointStore checkpointStore() {
    return checkpointStorage;
  }

  Duration checkpointInterval() {
    return config.get(CoreOptions.CHECKPOINT_INTERVAL);
  }

  void submitTasks(List<StreamTask> tasks) {
    workers.submit(tasks);
  }

  void wakeWorkers() {
    CooperativeWorkerPool w = workers;
    if (w != null) {
      w.wakeAll();
    }
  }

  // ------------------------------------------------------------------ client requests

  void cancel() {
    cancelled = true;
    ExecutionAttempt a = current;
    if (a != null) {
      a.cancel();
    }
    synchronized (restartLock) {
      restartLock.notifyAll();
    }
  }

  /** Forwards to the running attempt; a request between attempts waits for the next one. */
  CompletableFuture<Long> triggerCheckpoint() {
    if (graph.getMode() == RuntimeExecutionMode.BATCH) {
      return CompletableFuture.failedFuture(new IllegalStateException("checkpoints exist only in STREAMING mode"));
    }
    synchronized (triggerRequests) {
      if (finished) {
        return CompletableFuture.failedFuture(new IllegalStateException("the job has ended"));
      }
      ExecutionAttempt a = runningAttempt;
      if (a != null) {
        return a.triggerCheckpoint();
      }
      CompletableFuture<Long> f = new CompletableFuture<>();
      triggerRequests.add(f);
      return f;
    }
  }

  /** The attempt's checkpoint coordinator runs: queued trigger requests go to it. */
  void attemptRunning(ExecutionAttempt attempt) {
    synchronized (triggerRequests) {
      runningAttempt = attempt;
      for (CompletableFuture<Long> f : triggerRequests) {
        attempt.triggerCheckpoint().whenComplete((id, e) -> {
          if (e != null) {
            f.completeExceptionally(e);
          } else {
            f.complete(id);
          }
        });
      }
      triggerRequests.clear();
    }
  }

  void attemptEnded() {
    synchronized (triggerRequests) {
      runningAttempt = null;
    }
  }

  private void failTriggerRequests() {
    synchronized (triggerRequests) {
      finished = true;
      for (CompletableFuture<Long> f : triggerRequests) {
        f.completeExceptionally(new IllegalStateException("the job has ended"));
      }
      triggerRequests.clear();
    }
  }

  // ------------------------------------------------------------------ the run

  JobExecutionResult run() throws JobExecutionException {
    long start = System.nanoTime();
    try {
      startServices();
      int attemptNumber = 0;
      int restarts = 0;
      counters.add("restarts", 0);
      if (graph.getMode() == RuntimeExecutionMode.STREAMING) {
        counters.add("checkpoints.completed", 0);
      }
      while (true) {
        if (cancelled) {
          throw new CancellationException("Job '" + graph.getJobName() + "' was cancelled");
        }
        RestoredCheckpoint restored = checkpointStorage != null ? checkpointStorage.latest() : null;
        if (restored == null) {
          // the first attempt, or a failover before this run completed a checkpoint of its own
          restored = savepoint;
        }
        if (restored != null) {
          LOG.info("Job '{}' attempt {} restores checkpoint {}", graph.getJobName(), attemptNumber, restored.checkpointId());
        }
        ExecutionAttempt attempt;
        try {
          attempt = new ExecutionAttempt(this, attemptNumber, restored);
        } catch (RuntimeException e) {
          // building the tasks failed (a user error such as a missing type): no point in retrying
          String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
          throw new JobExecutionException("Job '" + graph.getJobName() + "' could not be started: " + msg, e);
        }
        current = attempt;
        if (cancelled) {
          attempt.cancel();
        }
        ExecutionAttempt.Outcome outcome;
        try {
          outcome = attempt.run();
        } finally {
          attemptEnded();
          current = null;
        }
        counters.max("exchange.max-queued-batches", exchangeMetrics.maxQueuedBatches());
        if (outcome == ExecutionAttempt.Outcome.FINISHED) {
          break;
        }
        if (outcome == ExecutionAttempt.Outcome.CANCELED || cancelled) {
          throw new CancellationException("Job '" + graph.getJobName() + "' was cancelled");
        }
        Throwable failure = attempt.failure();
        if (!restartStrategy.canRestart(restarts)) {
          throw toJobException(failure);
        }
        restarts++;
        counters.add("restarts", 1);
        Duration delay = restartStrategy.delay();
        LOG.warn("Job '{}' failed ({}); restart {} in {} ms", graph.getJobName(), failure.getMessage(), restarts,
            delay.toMillis());
        sleepBeforeRestart(delay);
        attemptNumber++;
      }
      if (spilledBytes.get() > 0) {
        counters.add("spilled-bytes", spilledBytes.get());
      }
      JobExecutionResult result = new JobExecutionResult(jobId, graph.getJobName(), graph.getMode(),
          Duration.ofNanos(System.nanoTime() - start), counters.snapshot());
      // skip-mode sources accepted the job despite bad input: the user must still hear about it
      result.counters().forEach((name, count) -> {
        if (name.startsWith("skipped-records.") && count > 0) {
          LOG.warn("Job '{}': source '{}' skipped {} bad record(s)", graph.getJobName(),
              name.substring("skipped-records.".length()), count);
        }
      });
      return result;
    } finally {
      failTriggerRequests();
      stopServices();
    }
  }

  private void sleepBeforeRestart(Duration delay) {
    long deadline = System.currentTimeMillis() + delay.toMillis();
    synchronized (restartLock) {
      while (!cancelled) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        try {
          restartLock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancelled = true;
          return;
        }
      }
    }
  }

  static JobExecutionException toJobException(Throwable failure) {
    OperatorFailure f = OperatorFailure.find(failure);
    if (f != null) {
      return new JobExecutionException(f.getMessage(), f.getCause());
    }
    if (failure instanceof SourceCoordinator.SourceCoordinatorException
        || failure instanceof ExecutionAttempt.TaskFailure) {
      return new JobExecutionException(failure.getMessage(), failure.getCause());
    }
    String msg = failure.getMessage();
    return new JobExecutionException(failure.getClass().getSimpleName() + (msg != null ? ": " + msg : ""), failure);
  }

  // ------------------------------------------------------------------ services

  private void startServices() {
    int totalTasks = graph.getVertices().stream().mapToInt(JobVertex::getParallelism).sum();
    int threads = Math.min(CooperativeWorkerPool.resolveThreads(config.get(CoreOptions.WORKER_THREADS)), totalTasks);
    workers = new CooperativeWorkerPool(threadPrefix, Math.max(1, threads));
    coordinatorThread = Executors.newSingleThreadExecutor(threadFactory("source-coordinator"));
    ScheduledThreadPoolExecutor io = new ScheduledThreadPoolExecutor(2, threadFactory("source-io"));
    io.setRemoveOnCancelPolicy(true);
    ioPool = io;
    if (graph.getMode() == RuntimeExecutionMode.BATCH) {
      // Blocking exchanges keep their buffers until the consumer has read them, sorters need
      // memory while those buffers are still alive: each gets a fixed half of the budget, and
      // the sorting half is split evenly over the subtasks that sort (keyed vertices), so no
      // consumer can starve another.
      long budget = config.get(CoreOptions.BATCH_MEMORY_BUDGET).bytes();
      exchangeMemory = new MemoryManager(budget / 2);
      int sortingSubtasks = 0;
      for (JobVertex v : graph.getVertices()) {
        if (v.getHead().sortsInputInBatch()) {
          sortingSubtasks += v.getParallelism();
        }
      }
      sortShareBytes = (budget - budget / 2) / Math.max(1, sortingSubtasks);
      spillDirectory = tmpRoot().resolve("weir-spill-" + jobId);
    } else {
      ScheduledThreadPoolExecutor cp = new ScheduledThreadPoolExecutor(1, threadFactory("checkpoint"));
      cp.setRemoveOnCancelPolicy(true);
      checkpointThread = cp;
      if (config.get(CoreOptions.CHECKPOINT_ASYNC)) {
        // threads start on the first checkpoint and end when idle; a few suffice, a task's parts run in order
        int n = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
            n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory("snapshot"));
        pool.allowCoreThreadTimeOut(true);
        snapshotPool = pool;
      }
      checkpointStorage = new CheckpointStorageAdapter(config, jobId, operatorNames());
    }
  }

  private Map<String, String> operatorNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (StreamNode n : graph.getNodes()) {
      names.put(n.getUid(), n.getName());
    }
    return names;
  }

  private Path tmpRoot() {
    String dirs = config.get(CoreOptions.TMP_DIRS);
    if (dirs == null || dirs.isBlank()) {
      dirs = System.getProperty("java.io.tmpdir");
    }
    String first = dirs.split("[,:]")[0].trim();
    return Paths.get(first.isEmpty() ? System.getProperty("java.io.tmpdir") : first);
  }

  private ThreadFactory threadFactory(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, threadPrefix + "-" + role + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  private void stopServices() {
    try {
      if (workers != null) {
        workers.shutdownAndJoin(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdown(coordinatorThread);
    shutdown(ioPool);
    shutdown(checkpointThread);
    shutdown(snapshotPool);
    if (spillDirectory != null) {
      deleteRecursively(spillDirectory);
    }
    if (checkpointStorage != null) {
      checkpointStorage.cleanUp();
    }
  }

  private static void shutdown(ExecutorService executor) {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("could not delete {}", p, e);
        }
      });
    } catch (IOException e) {
      LOG.debug("could not delete {}", dir, e);
    }
  }
}
