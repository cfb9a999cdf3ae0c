package io.weir.runtime.tasks;

import io.weir.runtime.checkpoint.CheckpointBarrier;
import io.weir.runtime.exchange.EndOfPartition;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.scheduler.ProgressState;
import io.weir.runtime.scheduler.Tasklet;
import io.weir.runtime.state.AsyncSnapshot;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.state.StateUtils;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parallel subtask of a chain, run cooperatively as a {@link Tasklet}. Each {@link #call()}
 * does a bounded amount of work, in this order: pending mails (checkpoint notifications), due
 * processing-time callbacks, then one unit of input (one batch from the exchanges, or one source
 * poll) if all output channels have room — otherwise it only flushes and yields (backpressure).
 *
 * <p>Lifecycle: the first call opens the operators (initializeState + open); when all input has
 * ended the operators are finished in chain order, an {@link EndOfPartition} is sent on every
 * output channel, the operators are closed and the task reports FINISHED. A failure anywhere
 * closes the operators, reports the failure to the job and ends the task; a cancel request does
 * the same without a report.
 */
public abstract class StreamTask implements Tasklet {
  private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

  public enum TerminalState { FINISHED, FAILED, CANCELED }

  /** Work handed to the task from other threads, run on the task's thread. */
  @FunctionalInterface
  public interface Mail {
    void run() throws Exception;
  }

  private enum Phase { CREATED, RUNNING, DONE }

  protected final JobVertex vertex;
  protected final int subtaskIndex;
  protected final TaskServices services;
  protected final TaskProcessingTimeService timeService;
  protected final OperatorChain chain;
  private final ConcurrentLinkedQueue<Mail> mailbox = new ConcurrentLinkedQueue<>();
  private final String name;
  private Phase phase = Phase.CREATED;
  private volatile boolean cancelRequested;
  private volatile boolean terminated;
  /** Finished, but operators not yet closed (see {@link #closeAfterJob}). */
  private volatile boolean closeDeferred;
  /** The last asynchronous snapshot part handed to the executor (they run in order). */
  private CompletableFuture<Void> lastAsyncSnapshot =
      CompletableFuture.completedFuture(null);
  private final Set<AsyncSnapshot<?>> asyncSnapshots = ConcurrentHashMap.newKeySet();
  /** The task failed or was cancelled: asynchronous snapshots stop and do not acknowledge. */
  private volatile boolean abortAsyncSnapshots;
  /** Set by subclasses when all input has ended. */
  protected boolean inputFinished;

  protected StreamTask(JobVertex vertex, int subtaskIndex, TaskServices services,
      Map<StreamEdge, OutputChannel[]> outputChannels, int batchSize, boolean batchExchanges) {
    this.vertex = vertex;
    this.subtaskIndex = subtaskIndex;
    this.services = services;
    this.name = vertex.getName() + " (" + (subtaskIndex + 1) + "/" + vertex.getParallelism() + ")";
    this.timeService = new TaskProcessingTimeService(!batchExchanges, subtaskIndex, vertex.getParallelism());
    this.chain = new OperatorChain(vertex, subtaskIndex, services, timeService, outputChannels, batchSize, batchExchanges);
  }

  public JobVertex getVertex() {
    return vertex;
  }

  public int getSubtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  public boolean isSourceTask() {
    return vertex.isSource();
  }

  // ------------------------------------------------------------------ external requests

  /** Asks the task to stop; it closes its operators on its next call. Thread-safe. */
  public void cancel() {
    cancelRequested = true;
  }

  public boolean isTerminated() {
    return terminated;
  }

  /** Runs {@code mail} on the task's thread before its next unit of work. Dropped if the task ended. */
  public void sendMail(Mail mail) {
    if (!terminated) {
      mailbox.add(mail);
    }
  }

  /** Checkpoint {@code checkpointId} is complete: every operator hears it (on the task's thread). */
  public void notifyCheckpointComplete(long checkpointId) {
    sendMail(() -> chain.notifyCheckpointComplete(checkpointId));
  }

  // ------------------------------------------------------------------ the loop

  @Override
  public final ProgressState call() {
    if (phase == Phase.DONE) {
      return ProgressState.DONE;
    }
    try {
      if (cancelRequested) {
        terminate(TerminalState.CANCELED, null);
        return ProgressState.DONE;
      }
      if (phase == Phase.CREATED) {
        phase = Phase.RUNNING;
        chain.initializeStateAndOpen();
        return ProgressState.MADE_PROGRESS;
      }
      boolean progress = runMails();
      progress |= timeService.fireDue();
      progress |= processInput();
      if (inputFinished) {
        finishTask();
        return ProgressState.DONE;
      }
      return progress ? ProgressState.MADE_PROGRESS : ProgressState.NO_PROGRESS;
    } catch (Throwable t) {
      terminate(TerminalState.FAILED, t);
      return ProgressState.DONE;
    }
  }

  @Override
  public void onUncaughtFailure(Throwable t) {
    if (phase != Phase.DONE) {
      terminate(TerminalState.FAILED, t);
    }
  }

  private boolean runMails() throws Exception {
    boolean any = false;
    Mail m;
    while ((m = mailbox.poll()) != null) {
      m.run();
      any = true;
    }
    return any;
  }

  /** One bounded unit of input work; returns whether anything happened. */
  protected abstract boolean processInput() throws Exception;

  /** Releases input channels (buffers, spill files). */
  protected abstract void releaseInputs();

  /**
   * Snapshot for checkpoint n: operators may flush before the barrier, the barrier goes to every
   * output channel, then every operator's state is snapshotted and acknowledged to the
   * coordinator. With an asynchronous snapshot executor only the synchronous part (freezing the
   * keyed state copy-on-write, timers, operator state) runs here; the executor writes the frozen
   * state and acknowledges, while this task goes on. A task's asynchronous parts run one after
   * another (so acks stay in checkpoint order); several may be frozen at once.
   */
  protected void performCheckpoint(CheckpointBarrier barrier) {
    long id = barrier.getCheckpointId();
    chain.prepareSnapshotPreBarrier(id);
    chain.broadcastControl(barrier);
    Executor executor = services.asyncSnapshotExecutor();
    if (executor == null) {
      services.acknowledgeCheckpoint(this, id, chain.snapshotState(id));
      return;
    }
    AsyncSnapshot<Map<String, OperatorSnapshot>> snapshot = chain.snapshotStateAsync(id);
    if (snapshot.isDone()) {
      Map<String, OperatorSnapshot> snapshots;
      try {
        snapshots = snapshot.write();
      } catch (Exception e) {
        throw StateUtils.rethrow(e);
      }
      services.acknowledgeCheckpoint(this, id, snapshots);
      return;
    }
    asyncSnapshots.add(snapshot);
    lastAsyncSnapshot = lastAsyncSnapshot.handleAsync((r, t) -> {
      writeAndAcknowledge(id, snapshot);
      return null;
    }, executor);
  }

  /** On a snapshot thread. */
  private void writeAndAcknowledge(long id, AsyncSnapshot<Map<String, OperatorSnapshot>> snapshot) {
    try {
      if (abortAsyncSnapshots) {
        snapshot.discard();
        return;
      }
      Map<String, OperatorSnapshot> snapshots = snapshot.write();
      if (!abortAsyncSnapshots) {
        services.acknowledgeCheckpoint(this, id, snapshots);
      }
    } catch (CancellationException e) {
      LOG.debug("Checkpoint {} of {} aborted: the task ended", id, name);
    } catch (Throwable t) {
      if (abortAsyncSnapshots) {
        LOG.debug("Checkpoint {} of {} failed after the task ended", id, name, t);
      } else {
        // fail the task as a synchronous snapshot failure would
        sendMail(() -> {
          throw StateUtils.rethrow(t);
        });
      }
    } finally {
      asyncSnapshots.remove(snapshot);
    }
  }

  /** Task thread, when it ends: waits for (FINISHED) or abandons its asynchronous snapshots. */
  private void endAsyncSnapshots(boolean finished) {
    if (finished) {
      try {
        // the acks must reach the coordinator before this task reports FINISHED
        lastAsyncSnapshot.join();
      } catch (RuntimeException e) {
        LOG.debug("waiting for the snapshots of {} failed", name, e);
      }
    }
    abortAsyncSnapshots = true;
    for (AsyncSnapshot<?> s : asyncSnapshots) {
      s.discard();
    }
  }

  /**
   * Called once when the job attempt ended, after all tasks stopped: on success the operators of a
   * finished task get notifyJobFinished() (final commits), then every deferred close() runs.
   */
  public void closeAfterJob(boolean jobSucceeded) {
    if (!closeDeferred) {
      return;
    }
    closeDeferred = false;
    if (!jobSucceeded) {
      chain.closeOperators(false);
      return;
    }
    try {
      chain.notifyJobFinished();
    } catch (RuntimeException e) {
      chain.closeOperators(false);
      throw e;
    }
    chain.closeOperators(true);
  }

  private void finishTask() {
    chain.finishOperators();
    chain.flushOutputs();
    chain.broadcastControl(EndOfPartition.INSTANCE);
    terminate(TerminalState.FINISHED, null);
  }

  private void terminate(TerminalState state, Throwable failure) {
    phase = Phase.DONE;
    endAsyncSnapshots(state == TerminalState.FINISHED);
    Throwable error = failure;
    if (state == TerminalState.FINISHED) {
      // operators stay open until the job ends: they may still have to make their output final
      closeDeferred = true;
    } else {
      try {
        chain.closeOperators(false);
      } catch (Throwable t) {
        LOG.debug("closing {} after a failure failed", name, t);
      }
    }
    try {
      releaseInputs();
    } catch (Throwable t) {
      LOG.debug("releasing inputs of {} failed", name, t);
    }
    timeService.shutdown();
    mailbox.clear();
    terminated = true;
    if (state == TerminalState.FAILED) {
      if (OperatorFailure.find(error) == null) {
        LOG.debug("Task {} failed", name, error);
      }
      services.reportFailure(this, error);
    }
    services.taskTerminated(this, state);
  }
}
