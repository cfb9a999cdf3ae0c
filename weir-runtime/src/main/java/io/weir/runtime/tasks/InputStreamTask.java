package io.weir.runtime.tasks;

import io.weir.core.source.InputStatus;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import java.util.Map;
import java.util.function.Function;

/** A task whose head operator reads exchanges (one or two inputs). */
public final class InputStreamTask extends StreamTask {
  private final InputProcessor input;

  /**
   * @param processorFactory builds the input processor for the chain (pipelined or, in BATCH,
   *     sorting); given the chain and this task's checkpoint action
   */
  InputStreamTask(JobVertex vertex, int subtaskIndex, TaskServices services, Map<StreamEdge, OutputChannel[]> outputChannels,
      int batchSize, boolean batchExchanges, Function<InputStreamTask, InputProcessor> processorFactory) {
    super(vertex, subtaskIndex, services, outputChannels, batchSize, batchExchanges);
    this.input = processorFactory.apply(this);
  }

  OperatorChain chain() {
    return chain;
  }

  void checkpoint(io.weir.runtime.checkpoint.CheckpointBarrier barrier) {
    performCheckpoint(barrier);
  }

  @Override
  protected boolean processInput() throws Exception {
    if (!chain.outputsHaveCapacity()) {
      return chain.flushOutputs();
    }
    InputStatus status = input.processInput();
    switch (status) {
      case END_OF_INPUT:
        inputFinished = true;
        return true;
      case NOTHING_AVAILABLE:
        return chain.flushOutputs();
      default:
        return true;
    }
  }

  @Override
  protected void releaseInputs() {
    input.release();
  }
}
