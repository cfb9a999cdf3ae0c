package io.weir.runtime.tasks;

import io.weir.core.source.InputStatus;
import io.weir.runtime.checkpoint.CheckpointBarrier;
import io.weir.runtime.checkpoint.CheckpointType;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.source.SourceEvent;
import io.weir.runtime.source.SourceOperator;
import io.weir.runtime.source.SourceReaderGateway;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A task whose head is a {@link SourceOperator}. Each call first drains the events from the
 * coordinator (split assignments, end of splits and checkpoint triggers, in the order the
 * coordinator produced them), then polls the reader once if the outputs have room. A checkpoint
 * trigger makes this task snapshot and emit the barrier right away.
 */
public final class SourceStreamTask extends StreamTask {
  private final SourceOperator<?, ?> source;
  private final SourceReaderGateway gateway;
  private CompletableFuture<Void> availability;

  SourceStreamTask(JobVertex vertex, int subtaskIndex, TaskServices services, Map<StreamEdge, OutputChannel[]> outputChannels,
      int batchSize, boolean batchExchanges, SourceReaderGateway gateway) {
    super(vertex, subtaskIndex, services, outputChannels, batchSize, batchExchanges);
    this.source = (SourceOperator<?, ?>) chain.head();
    this.gateway = gateway;
    source.setGateway(gateway);
  }

  @Override
  protected boolean processInput() throws Exception {
    boolean progress = false;
    SourceEvent event;
    while ((event = gateway.pollEvent()) != null) {
      progress = true;
      if (event instanceof SourceEvent.TriggerCheckpoint t) {
        performCheckpoint(new CheckpointBarrier(t.checkpointId(), t.timestamp(), CheckpointType.CHECKPOINT, false));
      } else {
        source.handleEvent(event);
      }
      availability = null; // new splits may make the reader available
    }
    if (!chain.outputsHaveCapacity()) {
      return chain.flushOutputs() | progress;
    }
    if (availability != null) {
      if (!availability.isDone()) {
        return chain.flushOutputs() | progress;
      }
      availability = null;
    }
    InputStatus status;
    try {
      status = source.emitNext();
    } catch (Throwable t) {
      OperatorFailure f = OperatorFailure.find(t);
      throw f != null ? f
          : OperatorFailure.during(source.getName(), subtaskIndex, vertex.getParallelism(), "while reading from the source", t);
    }
    switch (status) {
      case MORE_AVAILABLE:
        return true;
      case END_OF_INPUT:
        source.endOfInput();
        inputFinished = true;
        return true;
      default:
        availability = source.isAvailable();
        chain.flushOutputs();
        return progress;
    }
  }

  @Override
  protected void releaseInputs() {}
}
