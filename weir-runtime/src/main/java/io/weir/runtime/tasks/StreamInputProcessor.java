package io.weir.runtime.tasks;

import io.weir.core.source.InputStatus;
import io.weir.runtime.checkpoint.CheckpointBarrier;
import io.weir.runtime.exchange.ElementBatch;
import io.weir.runtime.exchange.EndOfPartition;
import io.weir.runtime.exchange.InputChannel;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.WatermarkStatus;
import java.util.List;

/**
 * Reads the channels of a one- or two-input task round-robin, one batch per call, and feeds the
 * head operator: records directly, watermarks and status through one {@link WatermarkValve} per
 * input, barriers to the {@link CheckpointBarrierHandler} (which may block channels), end of
 * partition to all three. When every channel of an input ended, the head gets endInput.
 *
 * <p>{@code firstInput} (BATCH, {@code TwoInputStreamOperator.batchReadFirst()}) restricts reading
 * to that input until it ended.
 */
final class StreamInputProcessor implements InputProcessor {
  private final OperatorChain chain;
  private final InputChannel[] channels;
  private final int[] inputOf;
  private final int[] localIndex;
  private final ElementBatch[] pending;
  private final int[] pos;
  private final boolean[] ended;
  private final int[] open = new int[3];
  private final WatermarkValve[] valves = new WatermarkValve[3];
  private final CheckpointBarrierHandler barriers;
  private final boolean[] enabled = {false, true, true};
  private final int numInputs;
  private int endedInputs;
  private int next;
  private boolean outputIdle;

  StreamInputProcessor(OperatorChain chain, List<InputChannelInfo> inputs, int numInputs, int firstInput,
      CheckpointBarrierHandler.CheckpointAction checkpointAction) {
    this.chain = chain;
    this.numInputs = numInputs;
    int n = inputs.size();
    this.channels = new InputChannel[n];
    this.inputOf = new int[n];
    this.localIndex = new int[n];
    this.pending = new ElementBatch[n];
    this.pos = new int[n];
    this.ended = new boolean[n];
    for (int c = 0; c < n; c++) {
      channels[c] = inputs.get(c).channel();
      inputOf[c] = inputs.get(c).input();
      localIndex[c] = open[inputOf[c]]++;
    }
    for (int i = 1; i <= numInputs; i++) {
      if (open[i] == 0) {
        throw new IllegalStateException("input " + i + " of " + chain.taskName() + " has no channels");
      }
      final int input = i;
      valves[i] = new WatermarkValve(open[i], new WatermarkValve.ValveOutput() {
        @Override
        public void emitWatermark(long watermark) {
          chain.processWatermark(input, watermark);
        }

        @Override
        public void emitStatus(WatermarkStatus status) {
          chain.processWatermarkStatus(input, status);
          updateTaskStatus();
        }
      });
    }
    if (firstInput == 1 || firstInput == 2) {
      enabled[firstInput == 1 ? 2 : 1] = false;
    }
    this.barriers = new AlignedCheckpointBarrierHandler(n, checkpointAction);
  }

  @Override
  public InputStatus processInput() throws Exception {
    int n = channels.length;
    for (int k = 0; k < n; k++) {
      int c = next + k < n ? next + k : next + k - n;
      if (ended[c] || !enabled[inputOf[c]] || barriers.isBlocked(c)) {
        continue;
      }
      if (pending[c] == null) {
        ElementBatch b = channels[c].poll();
        if (b == null) {
          continue;
        }
        pending[c] = b;
        pos[c] = 0;
      }
      next = c + 1 == n ? 0 : c + 1;
      processBatch(c);
      return endedInputs == numInputs ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }
    return endedInputs == numInputs ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
  }

  private void processBatch(int c) throws Exception {
    ElementBatch b = pending[c];
    int input = inputOf[c];
    int size = b.size();
    while (pos[c] < size) {
      StreamElement e = b.get(pos[c]++);
      if (e.isRecord()) {
        chain.processRecord(input, e.asRecord());
      } else if (e.isWatermark()) {
        valves[input].inputWatermark(e.asWatermark().getTimestamp(), localIndex[c]);
      } else if (e instanceof WatermarkStatus s) {
        valves[input].inputStatus(s, localIndex[c]);
      } else if (e instanceof CheckpointBarrier barrier) {
        barriers.processBarrier(barrier, c);
        if (barriers.isBlocked(c)) {
          break;
        }
      } else if (e instanceof EndOfPartition) {
        channelEnded(c);
        return;
      } else {
        throw new IllegalStateException("unexpected stream element " + e);
      }
    }
    if (pos[c] >= size) {
      pending[c] = null;
    }
  }

  private void channelEnded(int c) throws Exception {
    ended[c] = true;
    pending[c] = null;
    channels[c].release();
    int input = inputOf[c];
    valves[input].channelEnded(localIndex[c]);
    barriers.processEndOfPartition(c);
    if (--open[input] == 0) {
      endedInputs++;
      chain.endHeadInput(input);
      int other = input == 1 ? 2 : 1;
      if (numInputs == 2) {
        enabled[other] = true;
      }
      updateTaskStatus();
    }
  }

  /** The task's outputs are idle when every input that has not ended is idle. */
  private void updateTaskStatus() {
    boolean idle = endedInputs < numInputs;
    for (int i = 1; i <= numInputs && idle; i++) {
      if (open[i] > 0 && !valves[i].isIdle()) {
        idle = false;
      }
    }
    if (idle != outputIdle) {
      outputIdle = idle;
      chain.emitWatermarkStatus(idle ? WatermarkStatus.IDLE : WatermarkStatus.ACTIVE);
    }
  }

  @Override
  public void release() {
    for (int c = 0; c < channels.length; c++) {
      if (!ended[c]) {
        ended[c] = true;
        channels[c].release();
      }
    }
  }
}
