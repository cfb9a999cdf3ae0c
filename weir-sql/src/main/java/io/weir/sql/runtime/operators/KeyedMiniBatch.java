package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.streamrecord.Watermark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The mini-batch of a STREAMING keyed SQL operator (group aggregation, deduplication): values are
 * folded per key, and at the flush each key's value is processed with that key current (keys in
 * first-arrival order). The operator flushes when {@link #add} says the batch is full, on its
 * latency timer, before a barrier and at end of input.
 *
 * <p>A watermark that arrives while values are buffered is held until the flush ({@link #hold}):
 * SQL sources advance it nearly every record, so flushing on each one would shrink the batch to one
 * exchange batch (Flink's mini-batch assigner drops rowtime watermarks in front of a group
 * aggregation for the same reason). Held, it never overtakes a result of rows that arrived before
 * it. The final watermark (+inf) is never held.
 */
final class KeyedMiniBatch<V> {
  /** Processes one key's folded value; the key is the operator's current key. */
  interface Processor<V> {
    void process(Row key, V value) throws Exception;
  }

  private final AbstractStreamOperator<?> operator;
  private final int size;
  private final Map<Row, V> buffer = new LinkedHashMap<>();
  private int buffered;
  private Watermark held;

  /** @param size values buffered before the batch is full ({@code table.exec.mini-batch.size}) */
  KeyedMiniBatch(AbstractStreamOperator<?> operator, int size) {
    this.operator = operator;
    this.size = size;
  }

  /** Folds {@code value} into the key's buffered value; true when the batch is now full. */
  boolean add(Row key, V value, BiFunction<? super V, ? super V, ? extends V> fold) {
    buffer.merge(key, value, fold);
    return ++buffered >= size;
  }

  /** Keeps {@code mark} for the next flush if values are buffered; false: flush and forward it now. */
  boolean hold(Watermark mark) {
    if (buffered > 0 && mark.getTimestamp() != Long.MAX_VALUE) {
      held = mark;
      return true;
    }
    return false;
  }

  /**
   * Processes every buffered key (the operator's current key is restored afterwards) and empties
   * the batch; returns the watermark held back meanwhile, which the caller forwards, or null.
   */
  Watermark flush(Processor<V> processor) throws Exception {
    if (buffered == 0) {
      return null;
    }
    Object previousKey = operator.getCurrentKey();
    for (Map.Entry<Row, V> e : buffer.entrySet()) {
      operator.setCurrentKey(e.getKey());
      processor.process(e.getKey(), e.getValue());
    }
    buffer.clear();
    buffered = 0;
    if (previousKey != null) {
      operator.setCurrentKey(previousKey);
    }
    Watermark mark = held;
    held = null;
    return mark;
  }
}
