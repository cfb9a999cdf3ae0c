package io.weir.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.runtime.checkpoint.CheckpointBarrier;
import io.weir.runtime.checkpoint.CheckpointType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignedCheckpointBarrierHandlerTest {
  final List<Long> triggered = new ArrayList<>();
  final AlignedCheckpointBarrierHandler handler = new AlignedCheckpointBarrierHandler(3, b -> triggered.add(b.getCheckpointId()));

  static CheckpointBarrier barrier(long id) {
    return new CheckpointBarrier(id, 0, CheckpointType.CHECKPOINT, false);
  }

  @Test
  void blocksEachChannelAfterItsBarrierUntilAllArrived() throws Exception {
    handler.processBarrier(barrier(1), 0);
    assertThat(handler.isBlocked(0)).isTrue();
    assertThat(handler.isBlocked(1)).isFalse();
    handler.processBarrier(barrier(1), 2);
    assertThat(triggered).isEmpty();
    handler.processBarrier(barrier(1), 1);
    assertThat(triggered).containsExactly(1L);
    assertThat(handler.isBlocked(0) || handler.isBlocked(1) || handler.isBlocked(2)).isFalse();
  }

  @Test
  void endedChannelsCountAsAligned() throws Exception {
    handler.processBarrier(barrier(4), 0);
    handler.processEndOfPartition(1);
    assertThat(triggered).isEmpty();
    handler.processEndOfPartition(2);
    assertThat(triggered).containsExactly(4L);
  }

  @Test
  void newerBarrierAbandonsTheOlderAlignment() throws Exception {
    handler.processBarrier(barrier(1), 0);
    handler.processBarrier(barrier(2), 1);
    assertThat(handler.isBlocked(0)).isFalse();
    assertThat(handler.isBlocked(1)).isTrue();
    handler.processBarrier(barrier(1), 2); // late barrier of the abandoned checkpoint
    assertThat(handler.isBlocked(2)).isFalse();
    handler.processBarrier(barrier(2), 0);
    handler.processBarrier(barrier(2), 2);
    assertThat(triggered).containsExactly(2L);
    assertThat(handler.latestCheckpointId()).isEqualTo(2);
  }
}
