package io.weir.datastream;

import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.join.IntervalJoinOperator;
import io.weir.datastream.join.ProcessJoinFunction;
import java.time.Duration;
import java.util.Objects;

/**
 * Interval join of two keyed streams:
 * {@code left.intervalJoin(right).between(lower, upper).process(fn)} calls {@code fn} for every
 * pair with the same key and {@code right.ts in [left.ts + lower, left.ts + upper]} (bounds
 * inclusive unless made exclusive). Event time only: records need timestamps. Results carry
 * max(left.ts, right.ts). In STREAMING a record at or below the current watermark is late and
 * dropped (or sent to a side output); BATCH never drops.
 */
public class IntervalJoin<T1, T2, K> {
  private final KeyedStream<T1, K> left;
  private final KeyedStream<T2, K> right;

  public IntervalJoin(KeyedStream<T1, K> left, KeyedStream<T2, K> right) {
    this.left = Objects.requireNonNull(left, "left input");
    this.right = Objects.requireNonNull(right, "right input");
    if (!KeyTypes.sameType(left.getKeyType(), right.getKeyType())) {
      throw new IllegalArgumentException("intervalJoin: the two keyed streams have different key types ("
          + left.getKeyType() + " and " + right.getKeyType() + ")");
    }
  }

  /** Joins right elements with timestamps in [left.ts + lowerBound, left.ts + upperBound]. */
  public IntervalJoined<T1, T2, K> between(Duration lowerBound, Duration upperBound) {
    Objects.requireNonNull(lowerBound, "intervalJoin.between: lower bound");
    Objects.requireNonNull(upperBound, "intervalJoin.between: upper bound");
    long lower = lowerBound.toMillis();
    long upper = upperBound.toMillis();
    if (lower > upper) {
      throw new IllegalArgumentException("intervalJoin.between: the lower bound (" + lowerBound
          + ") must not be greater than the upper bound (" + upperBound + ")");
    }
    return new IntervalJoined<>(left, right, lower, upper);
  }

  public static class IntervalJoined<T1, T2, K> {
    private final KeyedStream<T1, K> left;
    private final KeyedStream<T2, K> right;
    private final long lowerBound;
    private final long upperBound;
    private boolean lowerExclusive;
    private boolean upperExclusive;
    private OutputTag<T1> leftLateTag;
    private OutputTag<T2> rightLateTag;

    IntervalJoined(KeyedStream<T1, K> left, KeyedStream<T2, K> right, long lowerBound, long upperBound) {
      this.left = left;
      this.right = right;
      this.lowerBound = lowerBound;
      this.upperBound = upperBound;
    }

    public IntervalJoined<T1, T2, K> lowerBoundExclusive() {
      this.lowerExclusive = true;
      return this;
    }

    public IntervalJoined<T1, T2, K> upperBoundExclusive() {
      this.upperExclusive = true;
      return this;
    }

    /** Late left records go to this side output instead of being dropped. */
    public IntervalJoined<T1, T2, K> sideOutputLeftLateData(OutputTag<T1> tag) {
      this.leftLateTag = Objects.requireNonNull(tag, "tag");
      return this;
    }

    /** Late right records go to this side output instead of being dropped. */
    public IntervalJoined<T1, T2, K> sideOutputRightLateData(OutputTag<T2> tag) {
      this.rightLateTag = Objects.requireNonNull(tag, "tag");
      return this;
    }

    public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> function) {
      return process(function, OutputTypes.of(function, ProcessJoinFunction.class, 2, left.getType()));
    }

    public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> function, TypeInfo<OUT> resultType) {
      Functions.checkSerializable(function, "intervalJoin.process");
      long lower = lowerExclusive ? lowerBound + 1 : lowerBound;
      long upper = upperExclusive ? upperBound - 1 : upperBound;
      if (lower > upper) {
        throw new IllegalArgumentException("intervalJoin: with exclusive bounds the interval [" + lowerBound + ", "
            + upperBound + "] ms is empty");
      }
      IntervalJoinOperator<K, T1, T2, OUT> operator = new IntervalJoinOperator<>(
          lower, upper, left.getType(), right.getType(), function, leftLateTag, rightLateTag);
      return left.connect(right).transform("IntervalJoin(" + lower + ", " + upper + ")", resultType, operator);
    }
  }
}
