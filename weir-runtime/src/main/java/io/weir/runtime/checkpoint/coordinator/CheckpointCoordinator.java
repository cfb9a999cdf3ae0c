package io.weir.runtime.checkpoint.coordinator;

import io.weir.runtime.source.SourceCoordinator;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.tasks.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers and completes the checkpoints of one job attempt (STREAMING). All its state lives on
 * the job's checkpoint thread; other threads only post to it.
 *
 * <p>Checkpoint n: on the source-coordinator thread every enumerator is snapshotted and the
 * trigger is queued for each of its readers (see {@link SourceCoordinator#checkpoint}); each
 * source task then snapshots and sends barrier n downstream; every other task snapshots when
 * barrier n arrived on all its inputs (aligned). When every task acknowledged, the checkpoint is
 * stored ({@link CheckpointStore}) and then every task and enumerator hears
 * notifyCheckpointComplete(n). At most one checkpoint is pending at a time; a trigger request
 * while one is pending gets the next one.
 *
 * <p>Finished tasks cannot take part in checkpoints (no final checkpoints yet): once any source
 * task finished no new checkpoint is triggered, and a pending checkpoint that a finished task had
 * not acknowledged is aborted. A checkpoint not complete after {@link #TIMEOUT} is aborted.
 */
public final class CheckpointCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final String jobName;
  private final ScheduledExecutorService thread;
  private final Executor sourceCoordinatorThread;
  private final List<SourceCoordinator<?, ?>> sources;
  private final List<StreamTask> tasks;
  private final AtomicLong checkpointIds;
  private final CheckpointStore store;
  private final Duration interval;
  private final LongConsumer onCompleted;
  private final List<CompletableFuture<Long>> waitingForNext = new ArrayList<>();
  private ScheduledFuture<?> periodic;
  private Pending pending;
  private boolean sourceFinished;
  private boolean stopped;
  /**
   * Set by {@link #stop} at once (not through the thread, which may be busy storing): a store that
   * fails from then on failed because the job ended (the executor interrupts it) and is no news.
   */
  private volatile boolean ending;

  public CheckpointCoordinator(String jobName, ScheduledExecutorService thread, Executor sourceCoordinatorThread,
      List<SourceCoordinator<?, ?>> sources, List<StreamTask> tasks, AtomicLong checkpointIds, CheckpointStore store,
      Duration interval, LongConsumer onCompleted) {
    this.jobName = jobName;
    this.thread = thread;
    this.sourceCoordinatorThread = sourceCoordinatorThread;
    this.sources = sources;
    this.tasks = tasks;
    this.checkpointIds = checkpointIds;
    this.store = store;
    this.interval = interval;
    this.onCompleted = onCompleted;
  }

  private final class Pending {
    final long id;
    final long timestamp;
    final Map<StreamTask, Map<String, OperatorSnapshot>> acks = new IdentityHashMap<>();
    final List<CompletableFuture<Long>> futures = new ArrayList<>();
    Map<String, byte[]> coordinatorStates;
    ScheduledFuture<?> timeout;

    Pending(long id, long timestamp) {
      this.id = id;
      this.timestamp = timestamp;
    }
  }

  /** Starts periodic checkpoints when an interval is set. */
  public void start() {
    if (interval != null && interval.toMillis() > 0) {
      long ms = interval.toMillis();
      post(() -> periodic = thread.scheduleWithFixedDelay(() -> trigger(null), ms, ms, TimeUnit.MILLISECONDS));
    }
  }

  /** Triggers a checkpoint (or joins the next one if one is pending); completes with its id. */
  public CompletableFuture<Long> triggerCheckpoint() {
    CompletableFuture<Long> f = new CompletableFuture<>();
    if (!post(() -> trigger(f))) {
      f.completeExceptionally(new IllegalStateException("the job is not running"));
    }
    return f;
  }

  public void acknowledge(StreamTask task, long checkpointId, Map<String, OperatorSnapshot> snapshots) {
    post(() -> {
      Pending p = pending;
      if (p == null || p.id != checkpointId) {
        return; // aborted or unknown
      }
      p.acks.put(task, snapshots);
      maybeComplete(p);
    });
  }

  public void taskFinished(StreamTask task) {
    post(() -> {
      if (task.isSourceTask() && !sourceFinished) {
        sourceFinished = true;
        LOG.debug("Job {}: a source finished; no more checkpoints are triggered", jobName);
      }
      Pending p = pending;
      if (p != null && !p.acks.containsKey(task)) {
        // the normal end of a job: its tasks finish while a checkpoint may be in flight
        abort(p, "task " + task.name() + " finished before it took part in checkpoint " + p.id, true);
      }
    });
  }

  /** No more checkpoints; a pending one, or one being stored, is aborted (quietly: the job ended). */
  public void stop() {
    ending = true;
    post(() -> {
      stopped = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
      if (pending != null) {
        abort(pending, "the job attempt ended", true);
      }
      failWaiting("the job attempt ended");
    });
  }

  private boolean post(Runnable r) {
    try {
      thread.execute(() -> {
        try {
          r.run();
        } catch (Throwable t) {
          LOG.error("Checkpoint coordinator of job '{}' failed", jobName, t);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void trigger(CompletableFuture<Long> request) {
    if (stopped || sourceFinished) {
      if (request != null) {
        request.completeExceptionally(new IllegalStateException(stopped
            ? "the job attempt ended" : "no checkpoints after a source finished"));
      }
      return;
    }
    if (pending != null) {
      if (request != null) {
        waitingForNext.add(request);
      }
      return;
    }
    long id = checkpointIds.incrementAndGet();
    long ts = System.currentTimeMillis();
    Pending p = new Pending(id, ts);
    if (request != null) {
      p.futures.add(request);
    }
    pending = p;
    p.timeout = thread.schedule(() -> {
      if (pending == p) {
        abort(p, "it did not complete within " + TIMEOUT.toMinutes() + " minutes");
      }
    }, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      sourceCoordinatorThread.execute(() -> {
        Map<String, byte[]> states = new LinkedHashMap<>();
        try {
          for (SourceCoordinator<?, ?> sc : sources) {
            states.put(sc.getUid(), sc.checkpoint(id, ts));
          }
          post(() -> {
            if (pending == p) {
              p.coordinatorStates = states;
              maybeComplete(p);
            }
          });
        } catch (Throwable t) {
          LOG.warn("Checkpoint {} of job '{}': snapshotting a split enumerator failed", id, jobName, t);
          post(() -> {
            if (pending == p) {
              abort(p, "a split enumerator failed to snapshot: " + t);
            }
          });
        }
      });
    } catch (RejectedExecutionException e) {
      abort(p, "the job is shutting down");
    }
  }

  private void maybeComplete(Pending p) {
    if (p.coordinatorStates == null || p.acks.size() < tasks.size()) {
      return;
    }
    Map<String, List<OperatorSnapshot>> operatorStates = new HashMap<>();
    for (StreamTask task : tasks) {
      Map<String, OperatorSnapshot> snapshots = p.acks.get(task);
      if (snapshots == null) {
        return; // an ack from a task of another attempt cannot count
      }
      int parallelism = task.getVertex().getParallelism();
      for (Map.Entry<String, OperatorSnapshot> e : snapshots.entrySet()) {
        List<OperatorSnapshot> list = operatorStates.computeIfAbsent(e.getKey(),
            k -> new ArrayList<>(Collections.nCopies(parallelism, (OperatorSnapshot) null)));
        list.set(task.getSubtaskIndex(), e.getValue());
      }
    }
    pending = null;
    p.timeout.cancel(false);
    try {
      store.store(p.id, p.timestamp, operatorStates, p.coordinatorStates);
    } catch (Throwable t) {
      if (ending) {
        LOG.debug("Checkpoint {} of job '{}' aborted while being stored: the job attempt ended", p.id, jobName, t);
      } else {
        LOG.warn("Checkpoint {} of job '{}' could not be stored", p.id, jobName, t);
      }
      for (CompletableFuture<Long> f : p.futures) {
        f.completeExceptionally(new IllegalStateException("checkpoint " + p.id + " could not be stored: " + t, t));
      }
      triggerWaiting();
      return;
    }
    LOG.debug("Checkpoint {} of job '{}' complete", p.id, jobName);
    onCompleted.accept(p.id);
    for (StreamTask task : tasks) {
      task.notifyCheckpointComplete(p.id);
    }
    for (SourceCoordinator<?, ?> sc : sources) {
      sc.notifyCheckpointComplete(p.id);
    }
    for (CompletableFuture<Long> f : p.futures) {
      f.complete(p.id);
    }
    triggerWaiting();
  }

  private void abort(Pending p, String reason) {
    abort(p, reason, false);
  }

  /** @param jobEnd the job (attempt) is ending, which makes this abort expected: logged at debug level */
  private void abort(Pending p, String reason, boolean jobEnd) {
    if (pending == p) {
      pending = null;
    }
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    if (jobEnd) {
      LOG.debug("Checkpoint {} of job '{}' aborted: {}", p.id, jobName, reason);
    } else {
      LOG.info("Checkpoint {} of job '{}' aborted: {}", p.id, jobName, reason);
    }
    for (CompletableFuture<Long> f : p.futures) {
      f.completeExceptionally(new IllegalStateException("checkpoint " + p.id + " aborted: " + reason));
    }
    triggerWaiting();
  }

  private void triggerWaiting() {
    if (waitingForNext.isEmpty()) {
      return;
    }
    List<CompletableFuture<Long>> waiting = new ArrayList<>(waitingForNext);
    waitingForNext.clear();
    if (stopped || sourceFinished) {
      for (CompletableFuture<Long> f : waiting) {
        f.completeExceptionally(new IllegalStateException(stopped
            ? "the job attempt ended" : "no checkpoints after a source finished"));
      }
      return;
    }
    trigger(waiting.get(0));
    if (pending != null) {
      pending.futures.addAll(waiting.subList(1, waiting.size()));
    }
  }

  private void failWaiting(String reason) {
    for (CompletableFuture<Long> f : waitingForNext) {
      f.completeExceptionally(new IllegalStateException(reason));
    }
    waitingForNext.clear();
  }
}
