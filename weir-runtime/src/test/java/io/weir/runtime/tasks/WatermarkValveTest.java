package io.weir.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.runtime.streamrecord.WatermarkStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkValveTest {
  final List<Object> out = new ArrayList<>();
  final WatermarkValve.ValveOutput output = new WatermarkValve.ValveOutput() {
    @Override
    public void emitWatermark(long watermark) {
      out.add(watermark);
    }

    @Override
    public void emitStatus(WatermarkStatus status) {
      out.add(status);
    }
  };

  @Test
  void emitsTheMinimumOverChannelsOnlyWhenItIncreases() throws Exception {
    WatermarkValve valve = new WatermarkValve(3, output);
    valve.inputWatermark(10, 0);
    valve.inputWatermark(5, 1);
    assertThat(out).isEmpty(); // channel 2 has no watermark yet
    valve.inputWatermark(7, 2);
    assertThat(out).containsExactly(5L);
    valve.inputWatermark(20, 1);
    assertThat(out).containsExactly(5L, 7L);
    valve.inputWatermark(6, 2); // going backwards on a channel changes nothing
    valve.inputWatermark(8, 2);
    assertThat(out).containsExactly(5L, 7L, 8L);
  }

  @Test
  void idleChannelDoesNotHoldBackAndRealignsWhenActiveAgain() throws Exception {
    WatermarkValve valve = new WatermarkValve(2, output);
    valve.inputWatermark(100, 0);
    valve.inputWatermark(3, 1);
    assertThat(out).containsExactly(3L);
    valve.inputStatus(WatermarkStatus.IDLE, 1);
    assertThat(out).containsExactly(3L, 100L);
    valve.inputWatermark(200, 0);
    assertThat(out).containsExactly(3L, 100L, 200L);
    // channel 1 comes back behind the output watermark: it counts only once it caught up
    valve.inputStatus(WatermarkStatus.ACTIVE, 1);
    valve.inputWatermark(50, 1);
    valve.inputWatermark(300, 0);
    assertThat(out).containsExactly(3L, 100L, 200L, 300L);
    valve.inputWatermark(250, 1); // still behind 300: not aligned, does not hold back
    valve.inputWatermark(400, 0);
    assertThat(out).containsExactly(3L, 100L, 200L, 300L, 400L);
    valve.inputWatermark(500, 1); // caught up: aligned again
    valve.inputWatermark(600, 0);
    assertThat(out).containsExactly(3L, 100L, 200L, 300L, 400L, 500L);
  }

  @Test
  void allChannelsIdleMakesTheInputIdle() throws Exception {
    WatermarkValve valve = new WatermarkValve(2, output);
    valve.inputStatus(WatermarkStatus.IDLE, 0);
    assertThat(out).isEmpty();
    valve.inputStatus(WatermarkStatus.IDLE, 1);
    assertThat(out).containsExactly(WatermarkStatus.IDLE);
    assertThat(valve.isIdle()).isTrue();
    valve.inputStatus(WatermarkStatus.ACTIVE, 0);
    assertThat(out).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
    valve.inputWatermark(9, 0);
    assertThat(out).containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE, 9L);
  }

  @Test
  void endedChannelsNeverHoldBackAndAllEndedGivesPlusInfinity() throws Exception {
    WatermarkValve valve = new WatermarkValve(2, output);
    valve.inputWatermark(10, 0);
    valve.inputWatermark(20, 1);
    valve.channelEnded(0);
    assertThat(out).containsExactly(10L, 20L);
    valve.inputWatermark(30, 1);
    valve.channelEnded(1);
    assertThat(out).containsExactly(10L, 20L, 30L, Long.MAX_VALUE);
  }

  @Test
  void onlyIdleChannelsLeftDoNotJumpToPlusInfinity() throws Exception {
    WatermarkValve valve = new WatermarkValve(2, output);
    valve.inputWatermark(10, 0);
    valve.inputWatermark(20, 1);
    valve.inputStatus(WatermarkStatus.IDLE, 1);
    valve.channelEnded(0);
    assertThat(out).containsExactly(10L, WatermarkStatus.IDLE);
    valve.inputStatus(WatermarkStatus.ACTIVE, 1);
    valve.inputWatermark(25, 1);
    assertThat(out).containsExactly(10L, WatermarkStatus.IDLE, WatermarkStatus.ACTIVE, 25L);
  }
}
