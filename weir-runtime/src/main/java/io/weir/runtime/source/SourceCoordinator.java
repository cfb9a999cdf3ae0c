package io.weir.runtime.source;

import io.weir.core.source.Source;
import io.weir.core.source.SourceSplit;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link SplitEnumerator} of one source for one job attempt. Every enumerator call
 * happens on the job's single coordinator thread ({@code coordinatorThread}), so enumerators need
 * no locking; {@code callAsync} work runs on the job's I/O pool and its handler comes back to the
 * coordinator thread. Split assignments reach the readers through one queue per subtask
 * ({@link SourceReaderGateway#pollEvent}), read by the reader's task on its own thread.
 *
 * <p>{@link #checkpoint} (on the coordinator thread) snapshots the enumerator and puts the
 * checkpoint trigger into every reader's queue at that same point, so each reader's snapshot
 * holds exactly the splits assigned before the enumerator's snapshot.
 */
public final class SourceCoordinator<SplitT extends SourceSplit, EnumT> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceCoordinator.class);

  private final String sourceName;
  private final String uid;
  private final Source<?, SplitT, EnumT> source;
  private final int parallelism;
  private final Executor coordinatorThread;
  private final ScheduledExecutorService ioPool;
  private final Consumer<Throwable> failureHandler;
  private final byte[] restoredState;
  private final List<ConcurrentLinkedQueue<SourceEvent>> queues = new ArrayList<>();
  private final Set<Integer> registeredReaders = new LinkedHashSet<>();
  private final List<ScheduledFuture<?>> periodic = Collections.synchronizedList(new ArrayList<>());
  private final Runnable wakeUp;
  private SplitEnumerator<SplitT, EnumT> enumerator;
  private volatile boolean closed;

  public SourceCoordinator(String sourceName, String uid, Source<?, SplitT, EnumT> source, int parallelism,
      Executor coordinatorThread, ScheduledExecutorService ioPool, Consumer<Throwable> failureHandler,
      byte[] restoredState, Runnable wakeUp) {
    this.sourceName = sourceName;
    this.uid = uid;
    this.source = source;
    this.parallelism = parallelism;
    this.coordinatorThread = coordinatorThread;
    this.ioPool = ioPool;
    this.failureHandler = failureHandler;
    this.restoredState = restoredState;
    this.wakeUp = wakeUp;
    for (int i = 0; i < parallelism; i++) {
      queues.add(new ConcurrentLinkedQueue<>());
    }
  }

  public String getUid() {
    return uid;
  }

  public String getSourceName() {
    return sourceName;
  }

  /** Creates (or restores) and starts the enumerator on the coordinator thread. */
  public void start() {
    runOnCoordinator("start", () -> {
      Context ctx = new Context();
      if (restoredState != null) {
        TypeSerializer<EnumT> serializer = source.getEnumeratorCheckpointSerializer();
        EnumT state = serializer.deserialize(new ByteArrayDataInput(restoredState));
        enumerator = source.restoreEnumerator(ctx, state);
      } else {
        enumerator = source.createEnumerator(ctx);
      }
      enumerator.start();
    });
  }

  public SourceReaderGateway gateway(int subtask) {
    return new SourceReaderGateway() {
      @Override
      public void registerReader() {
        runOnCoordinator("addReader(" + subtask + ")", () -> {
          registeredReaders.add(subtask);
          enumerator.addReader(subtask);
        });
      }

      @Override
      public void requestSplit() {
        runOnCoordinator("handleSplitRequest(" + subtask + ")", () -> enumerator.handleSplitRequest(subtask));
      }

      @Override
      public SourceEvent pollEvent() {
        return queues.get(subtask).poll();
      }
    };
  }

  /**
   * Must run on the coordinator thread: snapshots the enumerator and queues the trigger for every
   * reader. Returns the serialized enumerator state.
   */
  public byte[] checkpoint(long checkpointId, long timestamp) throws Exception {
    if (enumerator == null) {
      throw new IllegalStateException("enumerator of source '" + sourceName + "' is not running");
    }
    EnumT state = enumerator.snapshotState(checkpointId);
    ByteArrayDataOutput out = new ByteArrayDataOutput(256);
    source.getEnumeratorCheckpointSerializer().serialize(state, out);
    for (ConcurrentLinkedQueue<SourceEvent> q : queues) {
      q.add(new SourceEvent.TriggerCheckpoint(checkpointId, timestamp));
    }
    wakeUp.run();
    return out.toByteArray();
  }

  public void notifyCheckpointComplete(long checkpointId) {
    runOnCoordinator("notifyCheckpointComplete(" + checkpointId + ")", () -> enumerator.notifyCheckpointComplete(checkpointId));
  }

  /** Stops periodic work and closes the enumerator (on the coordinator thread). */
  public void close() {
    closed = true;
    synchronized (periodic) {
      for (ScheduledFuture<?> f : periodic) {
        f.cancel(false);
      }
    }
    try {
      coordinatorThread.execute(() -> {
        if (enumerator != null) {
          try {
            enumerator.close();
          } catch (Exception e) {
            LOG.warn("Closing the enumerator of source '{}' failed", sourceName, e);
          }
        }
      });
    } catch (RejectedExecutionException ignored) {
      // job is shutting down
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  private void runOnCoordinator(String what, Action action) {
    if (closed) {
      return;
    }
    try {
      coordinatorThread.execute(() -> {
        if (closed) {
          return;
        }
        try {
          action.run();
        } catch (Throwable t) {
          closed = true;
          failureHandler.accept(new SourceCoordinatorException(
              "Split enumerator of source '" + sourceName + "' failed in " + what + ": "
                  + t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : ""), t));
        }
      });
    } catch (RejectedExecutionException ignored) {
      // job is shutting down
    }
  }

  /** A failure of a split enumerator; the message names the source. */
  public static final class SourceCoordinatorException extends RuntimeException {
    SourceCoordinatorException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final class Context implements SplitEnumeratorContext<SplitT> {
    @Override
    public int currentParallelism() {
      return parallelism;
    }

    @Override
    public Set<Integer> registeredReaders() {
      return Collections.unmodifiableSet(registeredReaders);
    }

    @Override
    public void assignSplits(Map<Integer, List<SplitT>> assignment) {
      for (Map.Entry<Integer, List<SplitT>> e : assignment.entrySet()) {
        int subtask = e.getKey();
        if (subtask < 0 || subtask >= parallelism) {
          throw new IllegalArgumentException("source '" + sourceName + "': split assigned to subtask " + subtask
              + ", but the parallelism is " + parallelism);
        }
        queues.get(subtask).add(new SourceEvent.AddSplits(new ArrayList<>(e.getValue())));
      }
      wakeUp.run();
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
      queues.get(subtask).add(new SourceEvent.NoMoreSplits());
      wakeUp.run();
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMs, long periodMs) {
      if (closed) {
        return;
      }
      Runnable work = () -> {
        if (closed) {
          return;
        }
        T result = null;
        Throwable error = null;
        try {
          result = callable.call();
        } catch (Throwable t) {
          error = t;
        }
        T r = result;
        Throwable err = error;
        runOnCoordinator("callAsync handler", () -> handler.accept(r, err));
      };
      try {
        ScheduledFuture<?> f = periodMs > 0
            ? ioPool.scheduleWithFixedDelay(work, initialDelayMs, periodMs, TimeUnit.MILLISECONDS)
            : ioPool.schedule(work, initialDelayMs, TimeUnit.MILLISECONDS);
        if (periodMs > 0) {
          periodic.add(f);
        }
      } catch (RejectedExecutionException ignored) {
        // job is shutting down
      }
    }
  }
}
