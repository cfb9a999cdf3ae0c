package io.weir.runtime.operators.sink;

import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.sink.TwoPhaseCommittingSink;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Runs one subtask's writer of a {@link Sink}.
 *
 * <p>Plain sinks: the writer is flushed before each checkpoint barrier passes and at end of input.
 *
 * <p>{@link TwoPhaseCommittingSink}s (exactly once): before the barrier the writer flushes and
 * pre-commits; the committables are kept per checkpoint id in operator list state, so they are
 * part of the checkpoint. When checkpoint N completes, all committables up to N are committed.
 * After a restore, the committables in the restored state belong to a completed checkpoint whose
 * commit may not have happened, so they are committed again (committers are idempotent). At end of
 * input (BATCH, or a bounded STREAMING job) everything left is pre-committed and committed.
 */
public class SinkWriterOperator<IN> extends AbstractStreamOperator<Void> implements OneInputStreamOperator<IN, Void> {
  private static final String COMMITTABLES_STATE = "weir-sink-committables";

  private final Sink<IN> sink;

  private transient SinkWriter<IN> writer;
  private transient Committer<Object> committer;
  private transient ListState<PendingCommittables<Object>> committablesState;
  /** Pre-committed but not yet committed, by checkpoint id. */
  private transient NavigableMap<Long, List<Object>> pending;
  private transient WriterContext writerContext;
  /** {@link io.weir.core.sink.StatefulSink}: the writer's checkpointed state, and what a restore brought back. */
  private transient ListState<Object> writerState;
  private transient List<Object> restoredWriterState;

  public SinkWriterOperator(Sink<IN> sink) {
    this.sink = java.util.Objects.requireNonNull(sink, "sink");
  }

  public Sink<IN> getSink() {
    return sink;
  }

  private boolean twoPhase() {
    return sink instanceof TwoPhaseCommittingSink;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void restoreOrInitState(boolean restored) throws Exception {
    if (sink instanceof io.weir.core.sink.StatefulSink<?, ?> ss) {
      writerState = getOperatorStateStore().getListState(new ListStateDescriptor<>("weir-sink-writer-state",
          (io.weir.core.types.TypeInfo<Object>) ss.getWriterStateType()));
      if (restored) {
        restoredWriterState = new ArrayList<>();
        Iterable<Object> all = writerState.get();
        if (all != null) {
          all.forEach(restoredWriterState::add);
        }
      }
    }
    if (!twoPhase()) {
      return;
    }
    TwoPhaseCommittingSink<IN, Object> tps = (TwoPhaseCommittingSink<IN, Object>) sink;
    pending = new TreeMap<>();
    committer = tps.createCommitter();
    committablesState = getOperatorStateStore().getListState(
        new ListStateDescriptor<>(COMMITTABLES_STATE, new PendingCommittables.Type<>(tps.getCommittableSerializer())));
    if (restored) {
      List<Object> toCommit = new ArrayList<>();
      Iterable<PendingCommittables<Object>> restoredPending = committablesState.get();
      if (restoredPending != null) {
        for (PendingCommittables<Object> p : restoredPending) {
          toCommit.addAll(p.committables());
        }
      }
      if (!toCommit.isEmpty()) {
        committer.commit(toCommit);
      }
      committablesState.clear();
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    writerContext = new WriterContext();
    SinkContext sinkContext = new SinkContext() {
      @Override
      public int getIndexOfSubtask() {
        return context.getSubtaskIndex();
      }

      @Override
      public int getNumberOfParallelSubtasks() {
        return context.getParallelism();
      }

      @Override
      public int getAttemptNumber() {
        return context.getAttemptNumber();
      }

      @Override
      public String getJobId() {
        return context.getJobId();
      }
    };
    writer = restoredWriterState != null
        ? ((io.weir.core.sink.StatefulSink<IN, Object>) sink).restoreWriter(sinkContext, restoredWriterState)
        : sink.createWriter(sinkContext);
    restoredWriterState = null;
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    writerContext.timestamp = record.hasTimestamp() ? record.getTimestamp() : StreamRecord.NO_TIMESTAMP;
    writer.write(record.getValue(), writerContext);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    currentWatermark = mark.getTimestamp();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    writer.flush(false);
    if (twoPhase()) {
      preCommit(checkpointId);
    }
  }

  @Override
  protected void snapshotOperatorState(long checkpointId) throws Exception {
    if (writerState != null && writer instanceof io.weir.core.sink.StatefulSinkWriter<?, ?> sw) {
      writerState.update(new ArrayList<>(sw.snapshotState(checkpointId)));
    }
    if (twoPhase()) {
      List<PendingCommittables<Object>> all = new ArrayList<>();
      for (Map.Entry<Long, List<Object>> e : pending.entrySet()) {
        all.add(new PendingCommittables<>(e.getKey(), e.getValue()));
      }
      committablesState.update(all);
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (twoPhase()) {
      commitUpTo(checkpointId);
    }
  }

  @Override
  public void finish() throws Exception {
    writer.flush(true);
    if (twoPhase()) {
      // committed in notifyJobFinished(): see StreamOperator#notifyJobFinished for why not here
      preCommit(Long.MAX_VALUE);
    }
    super.finish();
  }

  @Override
  public void notifyJobFinished() throws Exception {
    if (twoPhase()) {
      commitUpTo(Long.MAX_VALUE);
      committablesState.clear();
    }
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    try {
      if (writer != null) {
        writer.close();
      }
    } catch (Exception e) {
      failure = e;
    }
    try {
      if (committer != null) {
        committer.close();
      }
    } catch (Exception e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    super.close();
    if (failure != null) {
      throw failure;
    }
  }

  @SuppressWarnings("unchecked")
  private void preCommit(long checkpointId) throws Exception {
    Collection<Object> committables = ((PrecommittingSinkWriter<IN, Object>) writer).prepareCommit();
    if (committables != null && !committables.isEmpty()) {
      pending.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(committables);
    }
  }

  private void commitUpTo(long checkpointId) throws Exception {
    NavigableMap<Long, List<Object>> done = pending.headMap(checkpointId, true);
    if (done.isEmpty()) {
      return;
    }
    List<Object> toCommit = new ArrayList<>();
    for (List<Object> l : done.values()) {
      toCommit.addAll(l);
    }
    committer.commit(toCommit);
    done.clear();
  }

  private final class WriterContext implements SinkWriter.Context {
    /** Boxed only when a writer asks: most sinks never do, and boxing per record showed in profiles. */
    long timestamp = StreamRecord.NO_TIMESTAMP;

    @Override
    public Long timestamp() {
      return timestamp == StreamRecord.NO_TIMESTAMP ? null : timestamp;
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }
  }
}
