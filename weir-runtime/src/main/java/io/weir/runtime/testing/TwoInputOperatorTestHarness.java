package io.weir.runtime.testing;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;

/**
 * Drives one copy of a two-input operator (connect, joins, broadcast). Keyed: one key selector per
 * input, both producing keys of {@code keyType}; a null selector leaves that input unkeyed (the
 * broadcast side).
 */
public class TwoInputOperatorTestHarness<IN1, IN2, OUT>
    extends AbstractOperatorTestHarness<OUT, TwoInputOperatorTestHarness<IN1, IN2, OUT>> {
  private final TwoInputStreamOperator<IN1, IN2, OUT> twoInput;
  private boolean input1Ended;
  private boolean input2Ended;

  public TwoInputOperatorTestHarness(TwoInputStreamOperator<IN1, IN2, OUT> operator) {
    super(operator, null, null, null);
    this.twoInput = (TwoInputStreamOperator<IN1, IN2, OUT>) this.operator;
  }

  public <K> TwoInputOperatorTestHarness(
      TwoInputStreamOperator<IN1, IN2, OUT> operator, KeySelector<IN1, K> keySelector1,
      KeySelector<IN2, K> keySelector2, TypeInfo<K> keyType) {
    super(operator, keySelector1, keySelector2, keyType);
    if (keySelector1 == null && keySelector2 == null) {
      throw new IllegalArgumentException("a keyed harness needs at least one key selector");
    }
    this.twoInput = (TwoInputStreamOperator<IN1, IN2, OUT>) this.operator;
  }

  public void processElement1(IN1 value, long timestamp) throws Exception {
    processElement1(new StreamRecord<>(value, timestamp));
  }

  public void processElement1(IN1 value) throws Exception {
    processElement1(new StreamRecord<>(value));
  }

  public void processElement1(StreamRecord<IN1> record) throws Exception {
    checkOpen("processElement1");
    twoInput.setKeyContextElement1(record);
    twoInput.processElement1(record);
  }

  public void processElement2(IN2 value, long timestamp) throws Exception {
    processElement2(new StreamRecord<>(value, timestamp));
  }

  public void processElement2(IN2 value) throws Exception {
    processElement2(new StreamRecord<>(value));
  }

  public void processElement2(StreamRecord<IN2> record) throws Exception {
    checkOpen("processElement2");
    twoInput.setKeyContextElement2(record);
    twoInput.processElement2(record);
  }

  public void processWatermark1(long timestamp) throws Exception {
    checkOpen("processWatermark1");
    twoInput.processWatermark1(new Watermark(timestamp));
  }

  public void processWatermark2(long timestamp) throws Exception {
    checkOpen("processWatermark2");
    twoInput.processWatermark2(new Watermark(timestamp));
  }

  /** The same watermark on both inputs. */
  public void processWatermark(long timestamp) throws Exception {
    processWatermark1(timestamp);
    processWatermark2(timestamp);
  }

  public void processWatermarkStatus(int input, WatermarkStatus status) throws Exception {
    checkOpen("processWatermarkStatus");
    twoInput.processWatermarkStatus(input, status);
  }

  /** One input ended (no finish yet). */
  public void endInput(int input) throws Exception {
    checkOpen("endInput");
    if (input == 1 && !input1Ended) {
      input1Ended = true;
      twoInput.endInput(1);
    } else if (input == 2 && !input2Ended) {
      input2Ended = true;
      twoInput.endInput(2);
    }
  }

  /** Both inputs ended: endInput(1), endInput(2) (those not ended yet), then finish(). */
  public void endInput() throws Exception {
    endInput(1);
    endInput(2);
    finishOperator();
  }

  @Override
  public TwoInputStreamOperator<IN1, IN2, OUT> getOperator() {
    return twoInput;
  }
}
