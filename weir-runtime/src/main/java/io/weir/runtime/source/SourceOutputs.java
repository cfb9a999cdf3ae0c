package io.weir.runtime.source;

import io.weir.core.eventtime.TimestampAssigner;
import io.weir.core.eventtime.WatermarkGenerator;
import io.weir.core.eventtime.WatermarkOutput;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceOutput;
import io.weir.runtime.operators.Output;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ReaderOutput} of one source subtask: assigns timestamps and, when watermarks are
 * generated, runs one {@link WatermarkGenerator} per split output (plus one for records emitted
 * directly). The subtask's watermark is the minimum over the non-idle outputs, emitted when it
 * increases; when every output is idle the subtask reports {@link WatermarkStatus#IDLE}.
 */
final class SourceOutputs<T> implements ReaderOutput<T> {
  private final Output<T> output;
  private final TimestampAssigner<T> assigner;
  private final WatermarkStrategy<T> strategy;
  private final boolean generateWatermarks;
  private final RecordFailureHandler failureHandler;
  private final StreamRecord<T> reuse = new StreamRecord<>(null);
  private final Map<String, PerOutput> splitOutputs = new LinkedHashMap<>();
  private PerOutput mainOutput;
  private long lastEmittedWatermark = Long.MIN_VALUE;
  private boolean idle;
  private boolean deferUpdates;

  interface RecordFailureHandler {
    RuntimeException onRecord(Object record, Throwable t);
  }

  SourceOutputs(Output<T> output, WatermarkStrategy<T> strategy, boolean generateWatermarks,
      RecordFailureHandler failureHandler) {
    this.output = output;
    this.strategy = strategy;
    this.assigner = strategy.createTimestampAssigner();
    this.generateWatermarks = generateWatermarks && strategy.generatesWatermarks();
    this.failureHandler = failureHandler;
  }

  private PerOutput main() {
    if (mainOutput == null) {
      mainOutput = new PerOutput();
    }
    return mainOutput;
  }

  @Override
  public void collect(T record) {
    main().collect(record);
  }

  @Override
  public void collect(T record, long timestamp) {
    main().collect(record, timestamp);
  }

  @Override
  public SourceOutput<T> createOutputForSplit(String splitId) {
    return splitOutputs.computeIfAbsent(splitId, id -> new PerOutput());
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    PerOutput o = splitOutputs.get(splitId);
    if (o == null) {
      return;
    }
    if (o.generator != null) {
      // the split is done: its generator's last watermark counts before the split leaves the minimum
      deferUpdates = true;
      try {
        o.generator.onPeriodicEmit(o);
      } finally {
        deferUpdates = false;
      }
      updateCombined();
    }
    splitOutputs.remove(splitId);
    updateCombined();
  }

  /** Asks every generator for its periodic watermark, then emits the combined one once. */
  void emitPeriodicWatermark() {
    if (!generateWatermarks) {
      return;
    }
    deferUpdates = true;
    try {
      for (PerOutput o : outputs()) {
        o.generator.onPeriodicEmit(o);
      }
    } finally {
      deferUpdates = false;
    }
    updateCombined();
  }

  /** End of input: the watermark jumps to +inf (in both modes). */
  void emitFinalWatermark() {
    if (idle) {
      idle = false;
      output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
    }
    if (lastEmittedWatermark < Long.MAX_VALUE) {
      lastEmittedWatermark = Long.MAX_VALUE;
      output.emitWatermark(Watermark.MAX_WATERMARK);
    }
  }

  private List<PerOutput> outputs() {
    List<PerOutput> all = new ArrayList<>(splitOutputs.values());
    if (mainOutput != null) {
      all.add(mainOutput);
    }
    return all;
  }

  private void updateCombined() {
    if (!generateWatermarks || deferUpdates) {
      return;
    }
    long min = Long.MAX_VALUE;
    boolean anyOutput = false;
    boolean anyActive = false;
    for (PerOutput o : splitOutputs.values()) {
      anyOutput = true;
      if (!o.idle) {
        anyActive = true;
        min = Math.min(min, o.watermark);
      }
    }
    if (mainOutput != null) {
      anyOutput = true;
      if (!mainOutput.idle) {
        anyActive = true;
        min = Math.min(min, mainOutput.watermark);
      }
    }
    if (!anyOutput) {
      return;
    }
    if (!anyActive) {
      if (!idle) {
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
      }
      return;
    }
    if (idle) {
      idle = false;
      output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
    }
    if (min > lastEmittedWatermark && min != Long.MIN_VALUE) {
      lastEmittedWatermark = min;
      output.emitWatermark(new Watermark(min));
    }
  }

  private void emitRecord(T record, long sourceTimestamp, PerOutput from) {
    long ts;
    try {
      ts = assigner.extractTimestamp(record, sourceTimestamp);
    } catch (Throwable t) {
      throw failureHandler.onRecord(record, t);
    }
    if (idle) {
      // a record from an idle source makes it active again (downstream must wait for it)
      idle = false;
      output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
    }
    output.collect(reuse.replace(record, ts));
    if (from.generator != null) {
      try {
        from.generator.onEvent(record, ts, from);
      } catch (Throwable t) {
        throw failureHandler.onRecord(record, t);
      }
    }
  }

  /** One output (a split, or the reader's direct output) with its own generator and watermark. */
  private final class PerOutput implements SourceOutput<T>, WatermarkOutput {
    final WatermarkGenerator<T> generator = generateWatermarks ? strategy.createWatermarkGenerator() : null;
    long watermark = Long.MIN_VALUE;
    boolean idle;

    @Override
    public void collect(T record) {
      emitRecord(record, TimestampAssigner.NO_TIMESTAMP, this);
    }

    @Override
    public void collect(T record, long timestamp) {
      emitRecord(record, timestamp, this);
    }

    @Override
    public void emitWatermark(long wm) {
      boolean changed = idle || wm > watermark;
      idle = false;
      if (wm > watermark) {
        watermark = wm;
      }
      if (changed) {
        updateCombined();
      }
    }

    @Override
    public void markIdle() {
      if (!idle) {
        idle = true;
        updateCombined();
      }
    }

    @Override
    public void markActive() {
      if (idle) {
        idle = false;
        updateCombined();
      }
    }
  }
}
