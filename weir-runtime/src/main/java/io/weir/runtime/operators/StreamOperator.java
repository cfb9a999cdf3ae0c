package io.weir.runtime.operators;

import io.weir.runtime.state.AsyncSnapshot;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.Watermark;
import java.io.Serializable;

/**
 * The operator contract (one screen). An operator is built once as a prototype when the job graph
 * is made; the runtime makes one copy per parallel subtask by Java serialization, so fields that
 * are only valid at runtime must be {@code transient} and created in {@link #open()}.
 *
 * <p>Lifecycle, all on the subtask's own thread, never concurrently:
 * <ol>
 *   <li>{@link #setup} — context and output.
 *   <li>{@link #initializeState} — state backends created and, after a failure, restored.
 *   <li>{@link #open} — user functions opened.
 *   <li>processElement / processWatermark / timers, interleaved with
 *       {@link #prepareSnapshotPreBarrier} + {@link #snapshotState} at checkpoint barriers and
 *       {@link #notifyCheckpointComplete} when a checkpoint completes.
 *   <li>{@link #finish} — all input ended (after the final watermark): emit what is pending.
 *   <li>{@link #close} — release resources; also called after a failure.
 * </ol>
 * Exceptions thrown by any method fail the task; the runtime adds the operator name, the subtask
 * and the record to the message.
 */
public interface StreamOperator<OUT> extends Serializable {
  void setup(OperatorContext context, Output<OUT> output);

  void initializeState() throws Exception;

  void open() throws Exception;

  /** Event time advanced. Operators with several inputs receive it per input (see two-input). */
  void processWatermark(Watermark mark) throws Exception;

  /** Called before the barrier is forwarded, e.g. to flush buffered output downstream. */
  default void prepareSnapshotPreBarrier(long checkpointId) throws Exception {}

  /** Writes all state of this subtask (keyed, timers, operator state, user hook). */
  OperatorSnapshot snapshotState(long checkpointId) throws Exception;

  /**
   * The same snapshot, possibly in two parts: what must be captured at the barrier now, the rest
   * written by the returned snapshot on another thread while this operator goes on processing.
   * Default: everything now.
   */
  default AsyncSnapshot<OperatorSnapshot> snapshotStateAsync(
      long checkpointId) throws Exception {
    return AsyncSnapshot.done(snapshotState(checkpointId));
  }

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  void finish() throws Exception;

  /**
   * Every task of the job finished successfully (called after {@link #finish()}, before
   * {@link #close()}, only on success). Output pre-committed in finish() becomes final here, not
   * in finish(): until the whole job is done another subtask may still fail and restart the job
   * from a checkpoint, which would replay what this subtask had already published.
   */
  default void notifyJobFinished() throws Exception {}

  void close() throws Exception;

  /** Name shown in errors and plans. */
  String getName();

  void setName(String name);

  /** Whether this operator may be chained to its predecessor (same parallelism, forward edge). */
  default boolean isChainable() {
    return true;
  }
}
