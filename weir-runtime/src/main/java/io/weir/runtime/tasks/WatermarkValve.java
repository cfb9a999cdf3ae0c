package io.weir.runtime.tasks;

import io.weir.runtime.streamrecord.WatermarkStatus;

/**
 * Combines the watermarks and idleness of the channels of one input (after Flink's
 * StatusWatermarkValve). The input's watermark is the minimum over the active, aligned channels
 * and is emitted only when it increases. An idle channel does not hold the watermark back; when it
 * becomes active again it counts only once its watermark has caught up with the emitted one
 * ("aligned"). The input is idle when every channel that has not ended is idle. An ended channel
 * has reached +inf: it never holds anything back, and +inf is emitted once all channels ended.
 */
final class WatermarkValve {
  interface ValveOutput {
    void emitWatermark(long watermark) throws Exception;

    void emitStatus(WatermarkStatus status) throws Exception;
  }

  private final long[] watermarks;
  private final boolean[] idle;
  private final boolean[] aligned;
  private final boolean[] ended;
  private final ValveOutput output;
  private long lastOutputWatermark = Long.MIN_VALUE;
  private boolean outputIdle;
  private int endedCount;

  WatermarkValve(int channels, ValveOutput output) {
    this.watermarks = new long[channels];
    this.idle = new boolean[channels];
    this.aligned = new boolean[channels];
    this.ended = new boolean[channels];
    this.output = output;
    java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
    java.util.Arrays.fill(aligned, true);
  }

  void inputWatermark(long watermark, int channel) throws Exception {
    if (ended[channel] || idle[channel]) {
      return; // watermarks of idle channels are ignored (the producer goes active first)
    }
    if (watermark > watermarks[channel]) {
      watermarks[channel] = watermark;
      if (!aligned[channel] && watermark >= lastOutputWatermark) {
        aligned[channel] = true;
      }
      emitNewMinimum();
    }
  }

  void inputStatus(WatermarkStatus status, int channel) throws Exception {
    if (ended[channel]) {
      return;
    }
    if (status.isIdle() && !idle[channel]) {
      idle[channel] = true;
      aligned[channel] = false;
      emitNewMinimum();
      updateStatus();
    } else if (!status.isIdle() && idle[channel]) {
      idle[channel] = false;
      if (watermarks[channel] >= lastOutputWatermark) {
        aligned[channel] = true;
      }
      updateStatus();
    }
  }

  void channelEnded(int channel) throws Exception {
    if (ended[channel]) {
      return;
    }
    ended[channel] = true;
    endedCount++;
    watermarks[channel] = Long.MAX_VALUE;
    emitNewMinimum();
    if (endedCount < ended.length) {
      updateStatus();
    }
  }

  boolean isIdle() {
    return outputIdle;
  }

  long lastOutputWatermark() {
    return lastOutputWatermark;
  }

  private void updateStatus() throws Exception {
    boolean allIdle = endedCount < ended.length;
    for (int c = 0; c < idle.length && allIdle; c++) {
      if (!ended[c] && !idle[c]) {
        allIdle = false;
      }
    }
    if (allIdle != outputIdle) {
      outputIdle = allIdle;
      output.emitStatus(allIdle ? WatermarkStatus.IDLE : WatermarkStatus.ACTIVE);
    }
  }

  private void emitNewMinimum() throws Exception {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int c = 0; c < watermarks.length; c++) {
      if (!ended[c] && !idle[c] && aligned[c]) {
        any = true;
        min = Math.min(min, watermarks[c]);
      }
    }
    if (!any) {
      if (endedCount < ended.length) {
        return; // only idle channels left: keep the watermark where it is
      }
      min = Long.MAX_VALUE;
    }
    if (min > lastOutputWatermark) {
      lastOutputWatermark = min;
      output.emitWatermark(min);
    }
  }
}
