package io.weir.runtime.tasks;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.exchange.OutputChannel;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.source.SourceReaderGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the task of one subtask of a vertex, with the input processing its mode needs. */
public final class TaskFactory {
  private TaskFactory() {}

  public static StreamTask createSourceTask(JobVertex vertex, int subtaskIndex, TaskServices services,
      Map<StreamEdge, OutputChannel[]> outputs, int batchSize, boolean batchMode, SourceReaderGateway gateway) {
    return new SourceStreamTask(vertex, subtaskIndex, services, outputs, batchSize, batchMode, gateway);
  }

  /**
   * STREAMING (and non-keyed or watermark-driven BATCH): a pipelined {@link StreamInputProcessor}.
   * BATCH with a keyed head: a {@link SortingInputProcessor}. A two-input head's {@code batchReadFirst()} orders the
   * inputs in BATCH.
   */
  public static StreamTask createInputTask(JobVertex vertex, int subtaskIndex, TaskServices services,
      Map<StreamEdge, OutputChannel[]> outputs, List<InputChannelInfo> inputs, int batchSize, boolean batchMode) {
    StreamNode head = vertex.getHead();
    int numInputs = head.getNumberOfInputs();
    return new InputStreamTask(vertex, subtaskIndex, services, outputs, batchSize, batchMode, task -> {
      int firstInput = 0;
      if (batchMode && task.chain().head() instanceof TwoInputStreamOperator<?, ?, ?> two) {
        firstInput = two.batchReadFirst();
      }
      if (batchMode && head.sortsInputInBatch()) {
        return new SortingInputProcessor(task.chain(), services, head, subtaskIndex, inputs,
            inputSerializers(vertex, numInputs), numInputs, firstInput, batchSize);
      }
      return new StreamInputProcessor(task.chain(), inputs, numInputs, firstInput, task::checkpoint);
    });
  }

  private static List<TypeSerializer<?>> inputSerializers(JobVertex vertex, int numInputs) {
    List<TypeSerializer<?>> serializers = new ArrayList<>();
    for (int i = 1; i <= numInputs; i++) {
      serializers.add(serializerOfInput(vertex, i));
    }
    return serializers;
  }

  /** The serializer of the records on input {@code input} of the vertex's head. */
  public static TypeSerializer<?> serializerOfInput(JobVertex vertex, int input) {
    for (StreamEdge e : vertex.getInputs()) {
      if (e.getTargetInput() == input) {
        TypeInfo<?> type = e.getType();
        if (type == null) {
          throw new IllegalStateException("BATCH mode needs the type of the records from '" + e.getSource().getName()
              + "' to '" + e.getTarget().getName() + "' to buffer and sort them, but none is known");
        }
        return type.createSerializer();
      }
    }
    throw new IllegalStateException("input " + input + " of " + vertex + " has no edges");
  }
}
