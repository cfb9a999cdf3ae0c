package io.weir.runtime.graph;

import io.weir.core.types.TypeInfo;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node of the logical job: what the DataStream API and the SQL planner build, and what the
 * runtime turns into tasks. Virtual transformations (partition, union, side output) only shape the
 * edges. Parallelism -1 means "the job's default".
 */
public abstract class Transformation<T> {
  private static final AtomicInteger ID_COUNTER = new AtomicInteger();

  private final int id;
  private String name;
  private TypeInfo<T> outputType;
  private int parallelism;
  private int maxParallelism = -1;
  private String uid;
  private String slotSharingGroup;
  private ChainingStrategy chainingStrategy = ChainingStrategy.ALWAYS;
  private boolean watermarkDrivenInBatch;

  protected Transformation(String name, TypeInfo<T> outputType, int parallelism) {
    this.id = ID_COUNTER.incrementAndGet();
    this.name = Objects.requireNonNull(name, "name");
    this.outputType = outputType;
    this.parallelism = parallelism;
  }

  public int getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public TypeInfo<T> getOutputType() {
    return outputType;
  }

  public void setOutputType(TypeInfo<T> outputType) {
    this.outputType = outputType;
  }

  public int getParallelism() {
    return parallelism;
  }

  public void setParallelism(int parallelism) {
    if (parallelism < 1 && parallelism != -1) {
      throw new IllegalArgumentException("parallelism of '" + name + "' must be >= 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  public int getMaxParallelism() {
    return maxParallelism;
  }

  public void setMaxParallelism(int maxParallelism) {
    this.maxParallelism = maxParallelism;
  }

  /** Stable id used to match state in checkpoints and savepoints; defaults to a generated one. */
  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getSlotSharingGroup() {
    return slotSharingGroup;
  }

  public void setSlotSharingGroup(String slotSharingGroup) {
    this.slotSharingGroup = slotSharingGroup;
  }

  /**
   * Whether this operator may share a task with its neighbours: ALWAYS (default: chain when the
   * edge allows it), NEVER (disableChaining: no chaining with predecessor or successor), HEAD
   * (startNewChain: a new chain starts here, successors may chain to it).
   */
  public enum ChainingStrategy { ALWAYS, NEVER, HEAD }

  public ChainingStrategy getChainingStrategy() {
    return chainingStrategy;
  }

  public void setChainingStrategy(ChainingStrategy chainingStrategy) {
    this.chainingStrategy = Objects.requireNonNull(chainingStrategy, "chaining strategy");
  }

  /**
   * In a BATCH job, whether this operator runs as it would in STREAMING: its input is not sorted by
   * key, keyed state lives on the heap, event-time timers fire as watermarks arrive, and watermarks
   * cross its pipelined exchanges. Only correct when no input record is ever behind the watermark
   * (no late data, e.g. event time from a source with an ascending rowtime); the SQL planner sets
   * it for window operators over such inputs, which then emit each window as soon as it closes
   * instead of holding all windows to the end of the input.
   */
  public boolean isWatermarkDrivenInBatch() {
    return watermarkDrivenInBatch;
  }

  public void setWatermarkDrivenInBatch(boolean watermarkDrivenInBatch) {
    this.watermarkDrivenInBatch = watermarkDrivenInBatch;
  }

  public abstract List<Transformation<?>> getInputs();

  /** Virtual transformations have no operator of their own. */
  public boolean isVirtual() {
    return false;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{id=" + id + ", name='" + name + "', parallelism=" + parallelism + "}";
  }
}
