package io.weir.runtime.testing;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;

/**
 * Drives one copy of a one-input operator. Example:
 * <pre>{@code
 * var h = new OneInputOperatorTestHarness<>(op, Event::user, Types.STRING);
 * h.open();
 * h.processElement(event, 10);
 * h.processWatermark(20);
 * OperatorSnapshot s = h.snapshot(1);
 * assertThat(h.extractOutputValues()).containsExactly(...);
 * }</pre>
 * In BATCH mode ({@code withMode}) the harness feeds records as given: sort them by key first and
 * send {@code processWatermark(Long.MAX_VALUE)} before {@link #endInput()}, as the engine does (or
 * let {@link OperatorTestSupport} do both).
 */
public class OneInputOperatorTestHarness<IN, OUT>
    extends AbstractOperatorTestHarness<OUT, OneInputOperatorTestHarness<IN, OUT>> {
  private final OneInputStreamOperator<IN, OUT> oneInput;

  public OneInputOperatorTestHarness(OneInputStreamOperator<IN, OUT> operator) {
    super(operator, null, null, null);
    this.oneInput = (OneInputStreamOperator<IN, OUT>) this.operator;
  }

  public <K> OneInputOperatorTestHarness(
      OneInputStreamOperator<IN, OUT> operator, KeySelector<IN, K> keySelector, TypeInfo<K> keyType) {
    super(operator, java.util.Objects.requireNonNull(keySelector, "key selector"), null, keyType);
    this.oneInput = (OneInputStreamOperator<IN, OUT>) this.operator;
  }

  public void processElement(IN value, long timestamp) throws Exception {
    processElement(new StreamRecord<>(value, timestamp));
  }

  public void processElement(IN value) throws Exception {
    processElement(new StreamRecord<>(value));
  }

  public void processElement(StreamRecord<IN> record) throws Exception {
    checkOpen("processElement");
    oneInput.setKeyContextElement1(record);
    oneInput.processElement(record);
  }

  public void processWatermark(long timestamp) throws Exception {
    processWatermark(new Watermark(timestamp));
  }

  public void processWatermark(Watermark mark) throws Exception {
    checkOpen("processWatermark");
    oneInput.processWatermark(mark);
  }

  /** The input ended: endInput() then finish(). */
  public void endInput() throws Exception {
    checkOpen("endInput");
    oneInput.endInput();
    finishOperator();
  }

  @Override
  public OneInputStreamOperator<IN, OUT> getOperator() {
    return oneInput;
  }
}
