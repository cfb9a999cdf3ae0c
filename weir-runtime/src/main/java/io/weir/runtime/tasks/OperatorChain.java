package io.weir.runtime.tasks;

import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.util.InstantiationUtil;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.exchange.RecordWriter;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.Output;
import io.weir.runtime.operators.StreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.partitioner.StreamPartitioner;
import io.weir.runtime.source.SourceOperator;
import io.weir.runtime.state.AsyncSnapshot;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators of one subtask of a {@link JobVertex}, wired together: each operator's output
 * calls its chained successors directly ({@link ChainingOutput}) and ends in
 * {@link RecordWriterOutput}s towards the exchanges. Runs the operators' lifecycle in chain order
 * and wraps their failures with operator name, subtask and record.
 */
final class OperatorChain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorChain.class);

  private final String taskName;
  private final int subtaskIndex;
  private final int parallelism;
  private final List<StreamNode> nodes;
  private final List<StreamOperator<?>> operators = new ArrayList<>();
  private final List<RecordWriterOutput<?>> writerOutputs = new ArrayList<>();
  private final Output<?> headOutput;
  private final StreamOperator<?> head;
  private final String headName;
  private boolean opened;

  @SuppressWarnings({"unchecked", "rawtypes"})
  OperatorChain(JobVertex vertex, int subtaskIndex, TaskServices services, TaskProcessingTimeService timeService,
      Map<StreamEdge, OutputChannel[]> outputChannels, int batchSize, boolean batchExchanges) {
    this.taskName = vertex.getName();
    this.subtaskIndex = subtaskIndex;
    this.parallelism = vertex.getParallelism();
    this.nodes = vertex.getOperators();

    Map<StreamNode, StreamOperator<?>> ops = new HashMap<>();
    for (StreamNode n : nodes) {
      StreamOperator<?> op;
      if (n.getTransformation() instanceof SourceTransformation<?> st) {
        op = new SourceOperator(st.getSource(), st.getWatermarkStrategy());
      } else {
        op = InstantiationUtil.clone(n.getOperatorPrototype(), "Operator '" + n.getName() + "'");
      }
      op.setName(n.getName());
      ops.put(n, op);
      operators.add(op);
    }
    this.head = operators.get(0);
    this.headName = nodes.get(0).getName();

    // BATCH exchanges carry records only, except from a chain with a watermark-driven operator:
    // its watermarks let the watermark-driven operators downstream emit early
    boolean recordsOnly = batchExchanges
        && nodes.stream().noneMatch(n -> n.getTransformation().isWatermarkDrivenInBatch());
    // outputs, tail first so that every chained target's output exists
    Map<StreamNode, Output<?>> outputs = new HashMap<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      StreamNode n = nodes.get(i);
      List<Output<?>> main = new ArrayList<>();
      Map<OutputTag<?>, List<Output<?>>> tagged = new LinkedHashMap<>();
      for (StreamEdge e : n.getOutEdges()) {
        Output<?> target;
        if (e.isChained()) {
          ChainingOutput<?> co = new ChainingOutput<>((OneInputStreamOperator) ops.get(e.getTarget()),
              e.getTarget().getName(), subtaskIndex, parallelism);
          co.setOperatorOutput(outputs.get(e.getTarget()));
          target = co;
        } else {
          OutputChannel[] channels = outputChannels.get(e);
          if (channels == null) {
            throw new IllegalStateException("no channels for edge " + e);
          }
          StreamPartitioner<Object> partitioner = (StreamPartitioner<Object>) e.getPartitioner().copy();
          partitioner.setup(channels.length, subtaskIndex);
          TypeSerializer<Object> copier = partitioner.isBroadcast() && channels.length > 1
              ? (TypeSerializer<Object>) copierFor(e.getType()) : null;
          RecordWriterOutput<?> wo = new RecordWriterOutput<>(
              new RecordWriter<>(partitioner, channels, batchSize, copier), recordsOnly, !batchExchanges);
          writerOutputs.add(wo);
          target = wo;
        }
        if (e.getTag() == null) {
          main.add(target);
        } else {
          tagged.computeIfAbsent(e.getTag(), t -> new ArrayList<>()).add(target);
        }
      }
      TypeSerializer<?> mainCopier = main.size() > 1 ? copierFor(n.getTransformation().getOutputType()) : null;
      Map<OutputTag<?>, TypeSerializer<?>> tagCopiers = new HashMap<>();
      for (Map.Entry<OutputTag<?>, List<Output<?>>> t : tagged.entrySet()) {
        if (t.getValue().size() > 1) {
          tagCopiers.put(t.getKey(), copierFor(t.getKey().getType()));
        }
      }
      outputs.put(n, new OperatorOutput(main, mainCopier, tagged, tagCopiers));
    }
    this.headOutput = outputs.get(nodes.get(0));

    for (StreamNode n : nodes) {
      StreamOperator<?> op = ops.get(n);
      KeySelector<?, ?> k1 = cloneSelector(n.getStateKeySelector(1), n);
      KeySelector<?, ?> k2 = cloneSelector(n.getStateKeySelector(2), n);
      TypeSerializer<?> keySerializer = null;
      if (k1 != null || k2 != null) {
        TypeInfo<?> keyType = n.getStateKeyType();
        if (keyType == null) {
          throw new IllegalArgumentException("Operator '" + n.getName() + "' is keyed but has no key type");
        }
        keySerializer = keyType.createSerializer();
      }
      OperatorContextImpl ctx = new OperatorContextImpl(services, taskName, subtaskIndex, parallelism,
          n.getMaxParallelism(), timeService.forOperator(n.getName()), k1, k2, keySerializer,
          services.restoredState(n.getUid()), operatorMode(services.mode(), n));
      ((StreamOperator) op).setup(ctx, outputs.get(n));
    }
  }

  /** A watermark-driven operator runs as in STREAMING inside a BATCH job (see Transformation). */
  static RuntimeExecutionMode operatorMode(RuntimeExecutionMode jobMode, StreamNode n) {
    return jobMode == RuntimeExecutionMode.BATCH && n.getTransformation().isWatermarkDrivenInBatch()
        ? RuntimeExecutionMode.STREAMING : jobMode;
  }

  private static KeySelector<?, ?> cloneSelector(KeySelector<?, ?> selector, StreamNode n) {
    return selector == null ? null
        : (KeySelector<?, ?>) InstantiationUtil.clone((Serializable) selector, "Key selector of '" + n.getName() + "'");
  }

  private static TypeSerializer<?> copierFor(TypeInfo<?> type) {
    if (type == null) {
      return null;
    }
    try {
      return type.createSerializer();
    } catch (RuntimeException e) {
      LOG.debug("No serializer for {}: fanned-out values are shared, not copied", type, e);
      return null;
    }
  }

  // ------------------------------------------------------------------ access

  StreamOperator<?> head() {
    return head;
  }

  List<StreamOperator<?>> operators() {
    return operators;
  }

  String taskName() {
    return taskName;
  }

  // ------------------------------------------------------------------ lifecycle

  /** initializeState + open, last operator first, so that nothing emits into an unopened operator. */
  void initializeStateAndOpen() {
    for (int i = operators.size() - 1; i >= 0; i--) {
      StreamOperator<?> op = operators.get(i);
      String name = nodes.get(i).getName();
      try {
        op.initializeState();
      } catch (Throwable e) {
        throw OperatorFailure.during(name, subtaskIndex, parallelism, "while initializing its state", e);
      }
      try {
        op.open();
      } catch (Throwable e) {
        throw OperatorFailure.during(name, subtaskIndex, parallelism, "in open()", e);
      }
    }
    opened = true;
  }

  /** Input 1 or 2 of the head ended. */
  void endHeadInput(int input) {
    try {
      if (head instanceof TwoInputStreamOperator<?, ?, ?> two) {
        two.endInput(input);
      } else if (head instanceof OneInputStreamOperator<?, ?> one) {
        one.endInput();
      }
    } catch (Throwable e) {
      throw OperatorFailure.during(headName, subtaskIndex, parallelism, "at the end of its input", e);
    }
  }

  /** All input ended: head finish(), then each chained operator endInput() and finish(), in chain order. */
  void finishOperators() {
    for (int i = 0; i < operators.size(); i++) {
      StreamOperator<?> op = operators.get(i);
      String name = nodes.get(i).getName();
      if (i > 0 && op instanceof OneInputStreamOperator<?, ?> one) {
        try {
          one.endInput();
        } catch (Throwable e) {
          throw OperatorFailure.during(name, subtaskIndex, parallelism, "at the end of its input", e);
        }
      }
      try {
        op.finish();
      } catch (Throwable e) {
        throw OperatorFailure.during(name, subtaskIndex, parallelism, "in finish()", e);
      }
    }
  }

  /** The whole job succeeded: final commits (see StreamOperator#notifyJobFinished). */
  void notifyJobFinished() {
    for (int i = 0; i < operators.size(); i++) {
      try {
        operators.get(i).notifyJobFinished();
      } catch (Throwable e) {
        throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism, "at the end of the job", e);
      }
    }
  }

  /** close() every operator; on the failure path exceptions are only logged. */
  void closeOperators(boolean failOnError) {
    RuntimeException first = null;
    for (int i = 0; i < operators.size(); i++) {
      try {
        operators.get(i).close();
      } catch (Throwable e) {
        if (failOnError && first == null) {
          first = OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism, "in close()", e);
        } else {
          LOG.debug("close() of {} failed after an earlier failure", nodes.get(i).getName(), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  boolean isOpened() {
    return opened;
  }

  // ------------------------------------------------------------------ checkpoints

  void prepareSnapshotPreBarrier(long checkpointId) {
    for (int i = 0; i < operators.size(); i++) {
      try {
        operators.get(i).prepareSnapshotPreBarrier(checkpointId);
      } catch (Throwable e) {
        throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism,
            "before checkpoint " + checkpointId, e);
      }
    }
  }

  Map<String, OperatorSnapshot> snapshotState(long checkpointId) {
    Map<String, OperatorSnapshot> snapshots = new LinkedHashMap<>();
    for (int i = 0; i < operators.size(); i++) {
      try {
        snapshots.put(nodes.get(i).getUid(), operators.get(i).snapshotState(checkpointId));
      } catch (Throwable e) {
        throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism,
            "while taking checkpoint " + checkpointId, e);
      }
    }
    return snapshots;
  }

  /**
   * {@link #snapshotState} in two parts (see {@link StreamOperator#snapshotStateAsync}): every
   * operator's synchronous part now, the returned snapshot writes the rest (any thread). It is
   * done at once when no operator has an asynchronous part.
   */
  AsyncSnapshot<Map<String, OperatorSnapshot>> snapshotStateAsync(long checkpointId) {
    List<AsyncSnapshot<OperatorSnapshot>> parts = new ArrayList<>(operators.size());
    boolean done = true;
    for (int i = 0; i < operators.size(); i++) {
      try {
        AsyncSnapshot<OperatorSnapshot> part = operators.get(i).snapshotStateAsync(checkpointId);
        parts.add(part);
        done &= part.isDone();
      } catch (Throwable e) {
        parts.forEach(AsyncSnapshot::discard);
        throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism,
            "while taking checkpoint " + checkpointId, e);
      }
    }
    boolean allDone = done;
    return new AsyncSnapshot<>() {
      @Override
      public Map<String, OperatorSnapshot> write() {
        Map<String, OperatorSnapshot> snapshots = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
          try {
            snapshots.put(nodes.get(i).getUid(), parts.get(i).write());
          } catch (CancellationException e) {
            discardFrom(i + 1);
            throw e;
          } catch (Throwable e) {
            discardFrom(i + 1);
            throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism,
                "while writing checkpoint " + checkpointId, e);
          }
        }
        return snapshots;
      }

      private void discardFrom(int first) {
        for (int j = first; j < parts.size(); j++) {
          parts.get(j).discard();
        }
      }

      @Override
      public void discard() {
        parts.forEach(AsyncSnapshot::discard);
      }

      @Override
      public boolean isDone() {
        return allDone;
      }
    };
  }

  void notifyCheckpointComplete(long checkpointId) {
    for (int i = 0; i < operators.size(); i++) {
      try {
        operators.get(i).notifyCheckpointComplete(checkpointId);
      } catch (Throwable e) {
        throw OperatorFailure.during(nodes.get(i).getName(), subtaskIndex, parallelism,
            "in notifyCheckpointComplete(" + checkpointId + ")", e);
      }
    }
  }

  // ------------------------------------------------------------------ head input

  @SuppressWarnings("unchecked")
  void processRecord(int input, StreamRecord<?> record) {
    Object value = record.getValue();
    try {
      if (input == 1) {
        if (head instanceof OneInputStreamOperator<?, ?> one) {
          one.setKeyContextElement1(record);
          ((OneInputStreamOperator<Object, ?>) one).processElement((StreamRecord<Object>) record);
        } else {
          TwoInputStreamOperator<Object, ?, ?> two = (TwoInputStreamOperator<Object, ?, ?>) head;
          two.setKeyContextElement1(record);
          two.processElement1((StreamRecord<Object>) record);
        }
      } else {
        TwoInputStreamOperator<?, Object, ?> two = (TwoInputStreamOperator<?, Object, ?>) head;
        two.setKeyContextElement2(record);
        two.processElement2((StreamRecord<Object>) record);
      }
    } catch (Throwable e) {
      throw OperatorFailure.onRecord(headName, subtaskIndex, parallelism, value, e);
    }
  }

  void processWatermark(int input, long watermark) {
    Watermark mark = watermark == Long.MAX_VALUE ? Watermark.MAX_WATERMARK : new Watermark(watermark);
    try {
      if (head instanceof TwoInputStreamOperator<?, ?, ?> two) {
        if (input == 1) {
          two.processWatermark1(mark);
        } else {
          two.processWatermark2(mark);
        }
      } else {
        head.processWatermark(mark);
      }
    } catch (Throwable e) {
      throw OperatorFailure.onWatermark(headName, subtaskIndex, parallelism, watermark, e);
    }
  }

  void processWatermarkStatus(int input, WatermarkStatus status) {
    if (head instanceof TwoInputStreamOperator<?, ?, ?> two) {
      try {
        two.processWatermarkStatus(input, status);
      } catch (Throwable e) {
        throw OperatorFailure.during(headName, subtaskIndex, parallelism, "while processing watermark status " + status, e);
      }
    }
  }

  /** The task's own watermark status (all its inputs idle or not) goes to all its outputs. */
  void emitWatermarkStatus(WatermarkStatus status) {
    headOutput.emitWatermarkStatus(status);
  }

  // ------------------------------------------------------------------ exchanges

  /** Appends a control element (barrier, end of partition) to every channel of every exchange. */
  void broadcastControl(StreamElement element) {
    for (RecordWriterOutput<?> o : writerOutputs) {
      o.control(element);
    }
  }

  boolean flushOutputs() {
    boolean any = false;
    for (RecordWriterOutput<?> o : writerOutputs) {
      try {
        any |= o.writer().flush();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return any;
  }

  boolean outputsHaveCapacity() {
    for (RecordWriterOutput<?> o : writerOutputs) {
      if (!o.writer().hasCapacity()) {
        return false;
      }
    }
    return true;
  }
}
