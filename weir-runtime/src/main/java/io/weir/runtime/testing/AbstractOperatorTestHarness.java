package io.weir.runtime.testing;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.util.InstantiationUtil;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OperatorContext;
import io.weir.runtime.operators.Output;
import io.weir.runtime.operators.StreamOperator;
import io.weir.runtime.state.KeyedStateBackend;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import io.weir.runtime.timers.ProcessingTimeService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shared part of the operator test harnesses: runs one copy of an operator prototype (copied by
 * Java serialization, as the runtime does per subtask) on the calling thread, acts as its
 * {@link OperatorContext} (job id "test", STREAMING, parallelism 1, subtask 0, max parallelism 128
 * unless set otherwise) and collects everything it emits. Processing time is manual
 * ({@link TestProcessingTimeService}, starting at 0).
 *
 * <p>Lifecycle: configure ({@code with...}, {@link #initializeState}) → {@link #open()} → feed
 * records, watermarks and processing time, take {@link #snapshot}s → {@code endInput()} →
 * {@link #close()}.
 */
public abstract class AbstractOperatorTestHarness<OUT, SELF extends AbstractOperatorTestHarness<OUT, SELF>>
    implements OperatorContext, AutoCloseable {

  private enum Phase { CREATED, OPEN, FINISHED, CLOSED }

  protected final StreamOperator<OUT> operator;
  private final KeySelector<?, ?> keySelector1;
  private final KeySelector<?, ?> keySelector2;
  private final TypeInfo<?> keyType;
  private TypeSerializer<?> keySerializer;

  private RuntimeExecutionMode mode = RuntimeExecutionMode.STREAMING;
  private int parallelism = 1;
  private int subtaskIndex = 0;
  private int maxParallelism = 128;
  private int attemptNumber = 0;
  private Configuration configuration = new Configuration();
  private TestProcessingTimeService processingTimeService = new TestProcessingTimeService();
  private List<OperatorSnapshot> restoredState = new ArrayList<>();
  private Phase phase = Phase.CREATED;

  private final List<StreamElement> output = new ArrayList<>();
  private final Map<OutputTag<?>, List<StreamRecord<?>>> sideOutputs = new LinkedHashMap<>();
  private final Map<String, Long> skippedRecords = new LinkedHashMap<>();
  private boolean discardWatermarks;

  protected AbstractOperatorTestHarness(
      StreamOperator<OUT> prototype, KeySelector<?, ?> keySelector1, KeySelector<?, ?> keySelector2,
      TypeInfo<?> keyType) {
    Objects.requireNonNull(prototype, "operator");
    this.operator = InstantiationUtil.clone(prototype, "Operator '" + prototype.getName() + "'");
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    this.keyType = keyType;
    if ((keySelector1 != null || keySelector2 != null) && keyType == null) {
      throw new IllegalArgumentException("a keyed harness needs the key type");
    }
  }

  @SuppressWarnings("unchecked")
  private SELF self() {
    return (SELF) this;
  }

  // ---------------------------------------------------------------- configuration

  public SELF withMode(RuntimeExecutionMode mode) {
    checkPhase(Phase.CREATED, "withMode");
    if (mode == RuntimeExecutionMode.AUTOMATIC) {
      throw new IllegalArgumentException("the harness runs STREAMING or BATCH, not AUTOMATIC");
    }
    this.mode = Objects.requireNonNull(mode);
    return self();
  }

  public SELF withParallelism(int parallelism, int subtaskIndex, int maxParallelism) {
    checkPhase(Phase.CREATED, "withParallelism");
    if (parallelism < 1 || subtaskIndex < 0 || subtaskIndex >= parallelism || maxParallelism < parallelism) {
      throw new IllegalArgumentException("invalid parallelism " + parallelism + ", subtask " + subtaskIndex
          + ", max parallelism " + maxParallelism);
    }
    this.parallelism = parallelism;
    this.subtaskIndex = subtaskIndex;
    this.maxParallelism = maxParallelism;
    return self();
  }

  public SELF withConfiguration(Configuration configuration) {
    checkPhase(Phase.CREATED, "withConfiguration");
    this.configuration = new Configuration(configuration);
    return self();
  }

  public SELF withAttemptNumber(int attemptNumber) {
    checkPhase(Phase.CREATED, "withAttemptNumber");
    this.attemptNumber = attemptNumber;
    return self();
  }

  /** Starts the processing-time clock at {@code time} instead of 0. */
  public SELF withProcessingTime(long time) {
    checkPhase(Phase.CREATED, "withProcessingTime");
    this.processingTimeService = new TestProcessingTimeService(time);
    return self();
  }

  /** State to restore from (the snapshots of all previous subtasks); call before {@link #open()}. */
  public SELF initializeState(List<OperatorSnapshot> snapshots) {
    checkPhase(Phase.CREATED, "initializeState");
    this.restoredState = new ArrayList<>(snapshots);
    return self();
  }

  public SELF initializeState(OperatorSnapshot snapshot) {
    return initializeState(List.of(snapshot));
  }

  // ---------------------------------------------------------------- lifecycle

  /** setup → initializeState (restoring if state was given) → open. */
  public SELF open() throws Exception {
    checkPhase(Phase.CREATED, "open");
    keySerializer = keyType == null ? null : keyType.createSerializer();
    operator.setup(this, new CollectingOutput());
    operator.initializeState();
    operator.open();
    phase = Phase.OPEN;
    return self();
  }

  /** Advances processing time, firing due processing-time timers. */
  public void setProcessingTime(long time) throws Exception {
    checkPhase(Phase.OPEN, "setProcessingTime");
    processingTimeService.setCurrentTime(time);
  }

  public long getProcessingTime() {
    return processingTimeService.getCurrentProcessingTime();
  }

  /** prepareSnapshotPreBarrier + snapshotState, as at a checkpoint barrier. */
  public OperatorSnapshot snapshot(long checkpointId) throws Exception {
    checkPhase(Phase.OPEN, "snapshot");
    operator.prepareSnapshotPreBarrier(checkpointId);
    return operator.snapshotState(checkpointId);
  }

  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    operator.notifyCheckpointComplete(checkpointId);
  }

  /** The end of input is the end of the harness's one-operator job: finish(), then notifyJobFinished(). */
  protected void finishOperator() throws Exception {
    operator.finish();
    operator.notifyJobFinished();
    phase = Phase.FINISHED;
  }

  @Override
  public void close() throws Exception {
    if (phase == Phase.CLOSED) {
      return;
    }
    Phase before = phase;
    phase = Phase.CLOSED;
    if (before != Phase.CREATED) {
      operator.close();
    }
  }

  protected void checkOpen(String what) {
    checkPhase(Phase.OPEN, what);
  }

  private void checkPhase(Phase expected, String what) {
    if (phase != expected) {
      String hint = switch (phase) {
        case CREATED -> "call open() first";
        case OPEN -> "the harness is already open";
        case FINISHED -> "the input already ended";
        case CLOSED -> "the harness is closed";
      };
      throw new IllegalStateException(what + "(): " + hint);
    }
  }

  // ---------------------------------------------------------------- output

  /** Records of the main output, in emission order (wrappers copied, values as emitted). */
  @SuppressWarnings("unchecked")
  public List<StreamRecord<OUT>> getOutputRecords() {
    List<StreamRecord<OUT>> records = new ArrayList<>();
    for (StreamElement e : output) {
      if (e.isRecord()) {
        records.add((StreamRecord<OUT>) e);
      }
    }
    return records;
  }

  public List<OUT> extractOutputValues() {
    List<OUT> values = new ArrayList<>();
    for (StreamRecord<OUT> r : getOutputRecords()) {
      values.add(r.getValue());
    }
    return values;
  }

  public List<Watermark> getOutputWatermarks() {
    List<Watermark> marks = new ArrayList<>();
    for (StreamElement e : output) {
      if (e.isWatermark()) {
        marks.add(e.asWatermark());
      }
    }
    return marks;
  }

  /** Everything on the main output in order: records, watermarks and watermark statuses. */
  public List<StreamElement> getOutput() {
    return Collections.unmodifiableList(output);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public <X> List<StreamRecord<X>> getSideOutput(OutputTag<X> tag) {
    return (List) sideOutputs.getOrDefault(tag, List.of());
  }

  /** Side outputs by tag (for {@link OperatorTestSupport}). */
  Map<OutputTag<?>, List<StreamRecord<?>>> sideOutputs() {
    return sideOutputs;
  }

  public void clearOutput() {
    output.clear();
    sideOutputs.clear();
  }

  /** While set, emitted watermarks are dropped (the support re-sends a restored watermark). */
  void setDiscardWatermarks(boolean discard) {
    this.discardWatermarks = discard;
  }

  public Map<String, Long> getSkippedRecords() {
    return Collections.unmodifiableMap(skippedRecords);
  }

  // ---------------------------------------------------------------- access for assertions

  /** The harness's own copy of the operator (the prototype passed in is never used). */
  public StreamOperator<OUT> getOperator() {
    return operator;
  }

  /** The operator's keyed state backend, if it is an {@link AbstractStreamOperator} on a keyed input. */
  public <K> KeyedStateBackend<K> getKeyedStateBackend() {
    if (operator instanceof AbstractStreamOperator<?> op) {
      return op.getKeyedStateBackend();
    }
    return null;
  }

  public TestProcessingTimeService getTestProcessingTimeService() {
    return processingTimeService;
  }

  // ---------------------------------------------------------------- OperatorContext

  @Override
  public String getJobId() {
    return "test";
  }

  @Override
  public String getTaskName() {
    return operator.getName();
  }

  @Override
  public int getSubtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public int getParallelism() {
    return parallelism;
  }

  @Override
  public int getMaxParallelism() {
    return maxParallelism;
  }

  @Override
  public int getAttemptNumber() {
    return attemptNumber;
  }

  @Override
  public RuntimeExecutionMode getExecutionMode() {
    return mode;
  }

  @Override
  public Configuration getConfiguration() {
    return configuration;
  }

  @Override
  public ProcessingTimeService getProcessingTimeService() {
    return processingTimeService;
  }

  @Override
  public KeySelector<?, ?> getStateKeySelector(int input) {
    return input == 1 ? keySelector1 : input == 2 ? keySelector2 : null;
  }

  @Override
  public TypeSerializer<?> getStateKeySerializer() {
    return keySerializer;
  }

  @Override
  public List<OperatorSnapshot> getRestoredState() {
    return restoredState;
  }

  @Override
  public ClassLoader getUserClassLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : getClass().getClassLoader();
  }

  @Override
  public void reportSkippedRecord(String source, String reason) {
    skippedRecords.merge(source, 1L, Long::sum);
  }

  RuntimeExecutionMode mode() {
    return mode;
  }

  TypeInfo<?> keyType() {
    return keyType;
  }

  KeySelector<?, ?> keySelector(int input) {
    return getStateKeySelector(input);
  }

  private final class CollectingOutput implements Output<OUT> {
    @Override
    public void collect(StreamRecord<OUT> record) {
      output.add(new StreamRecord<>(record.getValue(), record.getTimestamp()));
    }

    @Override
    public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
      sideOutputs.computeIfAbsent(tag, t -> new ArrayList<>())
          .add(new StreamRecord<>(record.getValue(), record.getTimestamp()));
    }

    @Override
    public void emitWatermark(Watermark mark) {
      if (!discardWatermarks) {
        output.add(mark);
      }
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
      output.add(status);
    }
  }
}
