package io.weir.datastream.operators;

import io.weir.core.config.CoreOptions;
import io.weir.core.eventtime.TimestampAssigner;
import io.weir.core.eventtime.WatermarkGenerator;
import io.weir.core.eventtime.WatermarkOutput;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import io.weir.runtime.timers.ProcessingTimeService;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.types.Types;
import java.time.Duration;
import java.util.List;

/**
 * assignTimestampsAndWatermarks(): sets each record's timestamp and, in STREAMING mode, generates
 * watermarks (per event and periodically), replacing the upstream ones; only the final +inf
 * watermark from upstream passes. In BATCH mode it only assigns timestamps, since event time there
 * jumps from -inf to +inf at the end of input.
 */
public class TimestampsAndWatermarksOperator<T> extends AbstractStreamOperator<T>
    implements OneInputStreamOperator<T, T> {
  private final WatermarkStrategy<T> strategy;

  private transient TimestampAssigner<T> assigner;
  private transient WatermarkGenerator<T> generator;
  private transient WatermarkOutput watermarkOutput;
  private transient ProcessingTimeService.Cancellable periodic;
  private transient long emitted;
  private transient boolean idle;
  /** The last emitted watermark survives a restore, so the watermark never goes back. */
  private transient ListState<Long> emittedState;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) {
    this.strategy = java.util.Objects.requireNonNull(strategy, "watermark strategy");
  }

  @Override
  protected void restoreOrInitState(boolean restored) throws Exception {
    emitted = Long.MIN_VALUE;
    emittedState = getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("emitted-watermark", Types.LONG));
    if (restored) {
      // union state: all previous subtasks' watermarks; the smallest is safe for any new subtask
      long min = Long.MAX_VALUE;
      boolean any = false;
      Iterable<Long> all = emittedState.get();
      if (all != null) {
        for (Long w : all) {
          min = Math.min(min, w);
          any = true;
        }
      }
      emitted = any ? min : Long.MIN_VALUE;
    }
  }

  @Override
  protected void snapshotOperatorState(long checkpointId) throws Exception {
    emittedState.update(List.of(emitted));
  }

  @Override
  public void open() throws Exception {
    super.open();
    assigner = strategy.createTimestampAssigner();
    if (!isBatchMode() && strategy.generatesWatermarks()) {
      generator = strategy.createWatermarkGenerator();
      watermarkOutput = new Out();
      Duration interval = context.getConfiguration().get(CoreOptions.AUTO_WATERMARK_INTERVAL);
      if (interval != null && interval.toMillis() > 0) {
        long ms = interval.toMillis();
        periodic = context.getProcessingTimeService().scheduleAtFixedRate(
            time -> generator.onPeriodicEmit(watermarkOutput), ms, ms);
      }
    }
  }

  @Override
  public void processElement(StreamRecord<T> record) throws Exception {
    T value = record.getValue();
    long previous = record.hasTimestamp() ? record.getTimestamp() : TimestampAssigner.NO_TIMESTAMP;
    long timestamp = assigner.extractTimestamp(value, previous);
    record.setTimestamp(timestamp);
    output.collect(record);
    if (generator != null) {
      generator.onEvent(value, timestamp, watermarkOutput);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    // Upstream watermarks are replaced by ours; only end-of-input (+inf) must get through.
    if (mark.getTimestamp() == Long.MAX_VALUE && emitted != Long.MAX_VALUE) {
      emitted = Long.MAX_VALUE;
      currentWatermark = Long.MAX_VALUE;
      output.emitWatermark(Watermark.MAX_WATERMARK);
    }
  }

  @Override
  public void finish() throws Exception {
    super.finish();
    if (generator != null) {
      generator.onPeriodicEmit(watermarkOutput);
    }
  }

  @Override
  public void close() throws Exception {
    if (periodic != null) {
      periodic.cancel();
      periodic = null;
    }
    super.close();
  }

  private final class Out implements WatermarkOutput {
    @Override
    public void emitWatermark(long watermark) {
      if (watermark > emitted) {
        markActive();
        emitted = watermark;
        currentWatermark = watermark;
        output.emitWatermark(new Watermark(watermark));
      }
    }

    @Override
    public void markIdle() {
      if (!idle) {
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
      }
    }

    @Override
    public void markActive() {
      if (idle) {
        idle = false;
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
      }
    }
  }
}
