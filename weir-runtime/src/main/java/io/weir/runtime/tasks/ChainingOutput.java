package io.weir.runtime.tasks;

import io.weir.core.functions.OutputTag;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.Output;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;

/**
 * Calls the next operator of a chain directly. A failure of that operator is wrapped here, once,
 * with its name, subtask and the record; outer operators let the {@link OperatorFailure} pass.
 * Watermark status is not an operator concern: it goes past the operator to its output.
 */
final class ChainingOutput<T> implements Output<T> {
  private final OneInputStreamOperator<T, ?> operator;
  private final String name;
  private final int subtaskIndex;
  private final int parallelism;
  private Output<?> operatorOutput;

  ChainingOutput(OneInputStreamOperator<T, ?> operator, String name, int subtaskIndex, int parallelism) {
    this.operator = operator;
    this.name = name;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
  }

  void setOperatorOutput(Output<?> operatorOutput) {
    this.operatorOutput = operatorOutput;
  }

  @Override
  public void collect(StreamRecord<T> record) {
    T value = record.getValue();
    try {
      operator.setKeyContextElement1(record);
      operator.processElement(record);
    } catch (Throwable e) {
      throw OperatorFailure.onRecord(name, subtaskIndex, parallelism, value, e);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
    throw new IllegalStateException("side outputs are routed by the emitting operator's output");
  }

  @Override
  public void emitWatermark(Watermark mark) {
    try {
      operator.processWatermark(mark);
    } catch (Throwable e) {
      throw OperatorFailure.onWatermark(name, subtaskIndex, parallelism, mark.getTimestamp(), e);
    }
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {
    operatorOutput.emitWatermarkStatus(status);
  }
}
