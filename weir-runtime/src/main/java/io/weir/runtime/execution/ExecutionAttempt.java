package io.weir.runtime.execution;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.source.Source;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.checkpoint.coordinator.CheckpointCoordinator;
import io.weir.runtime.exchange.BlockingChannel;
import io.weir.runtime.exchange.Channel;
import io.weir.runtime.exchange.InputChannel;
import io.weir.runtime.exchange.LocalChannel;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.memory.MemoryManager;
import io.weir.runtime.source.SourceCoordinator;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.tasks.InputChannelInfo;
import io.weir.runtime.tasks.OperatorFailure;
import io.weir.runtime.tasks.StreamTask;
import io.weir.runtime.tasks.TaskFactory;
import io.weir.runtime.tasks.TaskServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job: the channels, the source coordinators, one task per subtask of every vertex
 * and (STREAMING) the checkpoint coordinator. STREAMING deploys all tasks at once; BATCH deploys a
 * vertex only when every vertex it reads from has finished (its blocking exchanges are complete).
 * {@link #run} returns when every deployed task ended, or — after the first failure or a cancel —
 * once all deployed tasks have been cancelled and stopped.
 */
final class ExecutionAttempt implements TaskServices {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionAttempt.class);
  private static final long CANCEL_WAIT_MS = 60_000;

  enum Outcome { FINISHED, FAILED, CANCELED }

  private final JobMaster job;
  private final JobGraph graph;
  private final int attemptNumber;
  private final RestoredCheckpoint restored;
  private final boolean batch;
  private final List<StreamTask> allTasks = new ArrayList<>();
  private final Map<JobVertex, List<StreamTask>> tasksByVertex = new IdentityHashMap<>();
  private final List<InputChannel> allChannels = new ArrayList<>();
  private final List<SourceCoordinator<?, ?>> sourceCoordinators = new ArrayList<>();
  private final Object lock = new Object();
  private final int[] vertexFinished;
  private final boolean[] vertexScheduled;
  /** BATCH: the edges exchanged pipelined (by reference); every other BATCH edge is blocking. */
  private final Set<StreamEdge> pipelinedEdges;
  private volatile CheckpointCoordinator checkpointCoordinator;
  private Throwable failure;
  private boolean cancelRequested;
  private int running;
  private int finished;

  ExecutionAttempt(JobMaster job, int attemptNumber, RestoredCheckpoint restored) {
    this.job = job;
    this.graph = job.graph();
    this.attemptNumber = attemptNumber;
    this.restored = restored;
    this.batch = graph.getMode() == RuntimeExecutionMode.BATCH;
    this.vertexFinished = new int[graph.getVertices().size()];
    this.vertexScheduled = new boolean[graph.getVertices().size()];
    this.pipelinedEdges = batch ? BatchExchanges.pipelinedEdges(graph) : null;
    build();
  }

  // ------------------------------------------------------------------ building

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void build() {
    Configuration config = graph.getConfiguration();
    int batchSize = config.get(CoreOptions.EXCHANGE_BATCH_SIZE);
    int capacity = config.get(CoreOptions.EXCHANGE_CAPACITY_BATCHES);
    if (batchSize < 1) {
      throw new IllegalArgumentException("execution.exchange.batch-size must be >= 1, was " + batchSize);
    }

    Map<StreamEdge, OutputChannel[][]> producerSide = new IdentityHashMap<>();
    Map<JobVertex, List<InputChannelInfo>[]> consumerSide = new IdentityHashMap<>();
    for (JobVertex v : graph.getVertices()) {
      List<InputChannelInfo>[] perSubtask = new List[v.getParallelism()];
      for (int i = 0; i < perSubtask.length; i++) {
        perSubtask[i] = new ArrayList<>();
      }
      consumerSide.put(v, perSubtask);
    }
    for (JobVertex v : graph.getVertices()) {
      for (StreamEdge e : v.getInputs()) {
        int ps = e.getSource().getParallelism();
        int pt = v.getParallelism();
        OutputChannel[][] out = new OutputChannel[ps][];
        List<InputChannelInfo>[] in = consumerSide.get(v);
        if (e.getPartitioner().isPointwise()) {
          List<List<OutputChannel>> perProducer = new ArrayList<>();
          for (int i = 0; i < ps; i++) {
            perProducer.add(new ArrayList<>());
          }
          // each consumer j reads producer floor(j*ps/pt) when ps <= pt; else producer i feeds floor(i*pt/ps)
          if (ps <= pt) {
            for (int j = 0; j < pt; j++) {
              int i = (int) ((long) j * ps / pt);
              Channel ch = newChannel(e, batchSize, capacity);
              perProducer.get(i).add(ch);
              in[j].add(new InputChannelInfo(ch, e.getTargetInput()));
            }
          } else {
            for (int i = 0; i < ps; i++) {
              int j = (int) ((long) i * pt / ps);
              Channel ch = newChannel(e, batchSize, capacity);
              perProducer.get(i).add(ch);
              in[j].add(new InputChannelInfo(ch, e.getTargetInput()));
            }
          }
          for (int i = 0; i < ps; i++) {
            out[i] = perProducer.get(i).toArray(new OutputChannel[0]);
          }
        } else {
          for (int i = 0; i < ps; i++) {
            out[i] = new OutputChannel[pt];
            for (int j = 0; j < pt; j++) {
              Channel ch = newChannel(e, batchSize, capacity);
              out[i][j] = ch;
              in[j].add(new InputChannelInfo(ch, e.getTargetInput()));
            }
          }
        }
        producerSide.put(e, out);
      }
    }

    Map<JobVertex, SourceCoordinator<?, ?>> coordinators = new IdentityHashMap<>();
    for (JobVertex v : graph.getVertices()) {
      if (v.isSource()) {
        SourceTransformation<?> st = (SourceTransformation<?>) v.getHead().getTransformation();
        String uid = v.getHead().getUid();
        byte[] state = restored == null ? null : restored.coordinatorStates().get(uid);
        SourceCoordinator<?, ?> sc = new SourceCoordinator<>(st.getName(), uid, (Source) st.getSource(),
            v.getParallelism(), job.coordinatorThread(), job.ioPool(), this::reportCoordinatorFailure, state,
            job::wakeWorkers);
        coordinators.put(v, sc);
        sourceCoordinators.add(sc);
      }
    }

    for (JobVertex v : graph.getVertices()) {
      List<StreamTask> tasks = new ArrayList<>();
      for (int i = 0; i < v.getParallelism(); i++) {
        Map<StreamEdge, OutputChannel[]> outs = new HashMap<>();
        for (StreamEdge e : v.getOutputs()) {
          outs.put(e, producerSide.get(e)[i]);
        }
        StreamTask task = v.isSource()
            ? TaskFactory.createSourceTask(v, i, this, outs, batchSize, batch, coordinators.get(v).gateway(i))
            : TaskFactory.createInputTask(v, i, this, outs, consumerSide.get(v)[i], batchSize, batch);
        tasks.add(task);
        allTasks.add(task);
      }
      tasksByVertex.put(v, tasks);
    }
  }

  private Channel newChannel(StreamEdge e, int batchSize, int capacity) {
    Channel ch;
    if (batch && !pipelinedEdges.contains(e)) {
      TypeInfo<?> type = e.getType();
      if (type == null) {
        throw new IllegalStateException("BATCH mode needs the type of the records from '" + e.getSource().getName()
            + "' to '" + e.getTarget().getName() + "' to persist them, but none is known");
      }
      ch = new BlockingChannel<>(type.createSerializer(), job.exchangeMemory(), job.spillDirectory(), batchSize,
          job.spilledBytes());
    } else {
      ch = new LocalChannel(capacity, job.exchangeMetrics());
    }
    allChannels.add(ch);
    return ch;
  }

  // ------------------------------------------------------------------ running

  Outcome run() {
    for (SourceCoordinator<?, ?> sc : sourceCoordinators) {
      sc.start();
    }
    if (!batch) {
      checkpointCoordinator = new CheckpointCoordinator(graph.getJobName(), job.checkpointThread(), job.coordinatorThread(),
          sourceCoordinators, allTasks, job.checkpointIds(), job.checkpointStore(), job.checkpointInterval(),
          id -> job.counters().add("checkpoints.completed", 1));
      checkpointCoordinator.start();
      job.attemptRunning(this);
    }
    Outcome outcome;
    try {
      synchronized (lock) {
        scheduleReadyVertices();
        while (failure == null && !cancelRequested && finished < allTasks.size()) {
          lock.wait();
        }
        if (failure != null || cancelRequested) {
          for (StreamTask t : allTasks) {
            t.cancel();
          }
          job.wakeWorkers();
          long deadline = System.currentTimeMillis() + CANCEL_WAIT_MS;
          while (running > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
              LOG.warn("Job '{}': {} task(s) did not stop within {} ms", graph.getJobName(), running, CANCEL_WAIT_MS);
              break;
            }
            lock.wait(left);
          }
        }
        outcome = failure != null ? Outcome.FAILED : cancelRequested ? Outcome.CANCELED : Outcome.FINISHED;
      }
      outcome = closeFinishedTasks(outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      synchronized (lock) {
        cancelRequested = true;
        for (StreamTask t : allTasks) {
          t.cancel();
        }
      }
      outcome = Outcome.CANCELED;
    } finally {
      if (checkpointCoordinator != null) {
        checkpointCoordinator.stop();
      }
      for (SourceCoordinator<?, ?> sc : sourceCoordinators) {
        sc.close();
      }
    }
    synchronized (lock) {
      if (running == 0) {
        for (InputChannel ch : allChannels) {
          try {
            ch.release();
          } catch (Throwable t) {
            LOG.debug("releasing a channel failed", t);
          }
        }
      }
    }
    return outcome;
  }

  /** Final commits and deferred close() of finished tasks; a failure there fails the attempt. */
  private Outcome closeFinishedTasks(Outcome outcome) {
    boolean success = outcome == Outcome.FINISHED;
    for (StreamTask t : allTasks) {
      try {
        t.closeAfterJob(success);
      } catch (Throwable e) {
        if (success) {
          synchronized (lock) {
            if (failure == null) {
              failure = e;
            }
          }
          success = false;
          outcome = Outcome.FAILED;
        }
      }
    }
    return outcome;
  }

  Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  void cancel() {
    synchronized (lock) {
      cancelRequested = true;
      lock.notifyAll();
    }
  }

  CompletableFuture<Long> triggerCheckpoint() {
    CheckpointCoordinator cc = checkpointCoordinator;
    if (cc == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          batch ? "checkpoints exist only in STREAMING mode" : "the job is not running"));
    }
    return cc.triggerCheckpoint();
  }

  /**
   * Deploys every vertex not yet deployed whose producers are ready (all at once in STREAMING). In
   * BATCH a producer over a blocking edge is ready when it finished, over a pipelined edge when it
   * was deployed; vertices are in topological order, so one pass deploys a whole pipelined region.
   */
  private void scheduleReadyVertices() {
    List<StreamTask> ready = new ArrayList<>();
    for (JobVertex v : graph.getVertices()) {
      if (vertexScheduled[v.getIndex()]) {
        continue;
      }
      boolean upstreamReady = true;
      if (batch) {
        // a pipelined producer runs together with its consumer; a blocking one must have finished
        for (StreamEdge e : v.getInputs()) {
          JobVertex up = e.getSource().getVertex();
          boolean producerReady = pipelinedEdges.contains(e)
              ? vertexScheduled[up.getIndex()]
              : vertexFinished[up.getIndex()] >= up.getParallelism();
          if (!producerReady) {
            upstreamReady = false;
            break;
          }
        }
      }
      if (upstreamReady) {
        vertexScheduled[v.getIndex()] = true;
        ready.addAll(tasksByVertex.get(v));
      }
    }
    if (!ready.isEmpty()) {
      running += ready.size();
      job.submitTasks(ready);
    }
  }

  // ------------------------------------------------------------------ TaskServices

  @Override
  public String jobId() {
    return job.jobId();
  }

  @Override
  public int attemptNumber() {
    return attemptNumber;
  }

  @Override
  public RuntimeExecutionMode mode() {
    return graph.getMode();
  }

  @Override
  public Configuration configuration() {
    return graph.getConfiguration();
  }

  @Override
  public Executor asyncSnapshotExecutor() {
    return job.snapshotPool();
  }

  @Override
  public ClassLoader userClassLoader() {
    return job.userClassLoader();
  }

  @Override
  public List<OperatorSnapshot> restoredState(String operatorUid) {
    if (restored == null) {
      return List.of();
    }
    List<OperatorSnapshot> snapshots = restored.operatorStates().get(operatorUid);
    if (snapshots == null) {
      return List.of();
    }
    List<OperatorSnapshot> nonNull = new ArrayList<>();
    for (OperatorSnapshot s : snapshots) {
      nonNull.add(s != null ? s : new OperatorSnapshot());
    }
    return nonNull;
  }

  @Override
  public void addToCounter(String name, long delta) {
    job.counters().add(name, delta);
  }

  @Override
  public MemoryManager sortMemory() {
    return job.sortMemory();
  }

  @Override
  public Path spillDirectory() {
    return job.spillDirectory();
  }

  @Override
  public void reportFailure(StreamTask task, Throwable t) {
    Throwable f = t;
    if (OperatorFailure.find(t) == null) {
      f = new TaskFailure("Task '" + task.name() + "' failed: " + t.getClass().getSimpleName()
          + (t.getMessage() != null ? ": " + t.getMessage() : ""), t);
    }
    synchronized (lock) {
      if (failure == null) {
        failure = f;
        LOG.info("Job '{}' attempt {}: {}", graph.getJobName(), attemptNumber, f.getMessage());
      }
      lock.notifyAll();
    }
  }

  private void reportCoordinatorFailure(Throwable t) {
    synchronized (lock) {
      if (failure == null) {
        failure = t;
      }
      lock.notifyAll();
    }
  }

  @Override
  public void taskTerminated(StreamTask task, StreamTask.TerminalState state) {
    synchronized (lock) {
      running--;
      if (state == StreamTask.TerminalState.FINISHED) {
        finished++;
        int v = task.getVertex().getIndex();
        vertexFinished[v]++;
        if (checkpointCoordinator != null) {
          checkpointCoordinator.taskFinished(task);
        }
        if (vertexFinished[v] == task.getVertex().getParallelism()) {
          LOG.debug("Job '{}': {} finished", graph.getJobName(), task.getVertex());
          if (batch && failure == null && !cancelRequested) {
            scheduleReadyVertices();
          }
        }
      }
      lock.notifyAll();
    }
  }

  @Override
  public void acknowledgeCheckpoint(StreamTask task, long checkpointId, Map<String, OperatorSnapshot> snapshots) {
    CheckpointCoordinator cc = checkpointCoordinator;
    if (cc != null) {
      cc.acknowledge(task, checkpointId, snapshots);
    }
  }

  /** A task failure outside any operator (e.g. an exchange); the message names the task. */
  static final class TaskFailure extends RuntimeException {
    TaskFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
