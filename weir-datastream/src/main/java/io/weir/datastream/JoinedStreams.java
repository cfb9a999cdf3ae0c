package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.join.FlatJoinFunction;
import io.weir.datastream.join.JoinFunction;
import io.weir.datastream.join.JoinWindowFunction;
import io.weir.datastream.join.TaggedUnion;
import io.weir.datastream.join.UnionKeySelector;
import io.weir.datastream.join.UnionTypeInfo;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.Window;
import java.time.Duration;
import java.util.Objects;

/**
 * Window join: {@code a.join(b).where(keyA).equalTo(keyB).window(assigner).apply(joinFunction)}.
 * Inner join: for every key and window, the join function is called for every pair of an element
 * of {@code a} and an element of {@code b}; results carry the window's maxTimestamp.
 *
 * <p>Built as: tag each side, union, key by the side's key, and a window whose function pairs the
 * two sides up; sliding windows thus use the pane-based window operator.
 */
public class JoinedStreams<T1, T2> {
  private final DataStream<T1> input1;
  private final DataStream<T2> input2;

  public JoinedStreams(DataStream<T1> input1, DataStream<T2> input2) {
    this.input1 = Objects.requireNonNull(input1, "join input 1");
    this.input2 = Objects.requireNonNull(input2, "join input 2");
  }

  /** The key of the first input. */
  public <KEY> Where<KEY> where(KeySelector<T1, KEY> keySelector) {
    return where(keySelector, OutputTypes.of(keySelector, KeySelector.class, 1, input1.getType()));
  }

  public <KEY> Where<KEY> where(KeySelector<T1, KEY> keySelector, TypeInfo<KEY> keyType) {
    Functions.checkSerializable(keySelector, "join.where");
    return new Where<>(keySelector, Objects.requireNonNull(keyType, "key type"));
  }

  public class Where<KEY> {
    private final KeySelector<T1, KEY> keySelector1;
    private final TypeInfo<KEY> keyType;

    Where(KeySelector<T1, KEY> keySelector1, TypeInfo<KEY> keyType) {
      this.keySelector1 = keySelector1;
      this.keyType = keyType;
    }

    /** The key of the second input; must have the same type as the first input's key. */
    public EqualTo equalTo(KeySelector<T2, KEY> keySelector2) {
      Functions.checkSerializable(keySelector2, "join.equalTo");
      TypeInfo<KEY> otherType = OutputTypes.of(keySelector2, KeySelector.class, 1, input2.getType());
      if (keyType.isPrecise() && otherType.isPrecise() && !KeyTypes.sameType(keyType, otherType)) {
        throw new IllegalArgumentException("join: the keys of the two inputs have different types: where(...) gives "
            + keyType + ", equalTo(...) gives " + otherType);
      }
      return new EqualTo(keySelector2);
    }

    public class EqualTo {
      private final KeySelector<T2, KEY> keySelector2;

      EqualTo(KeySelector<T2, KEY> keySelector2) {
        this.keySelector2 = keySelector2;
      }

      public <W extends Window> WithWindow<T1, T2, KEY, W> window(WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
        return new WithWindow<>(input1, input2, keySelector1, keySelector2, keyType, assigner);
      }
    }
  }

  /** A window join with its window chosen; {@link #apply} completes it. */
  public static class WithWindow<T1, T2, KEY, W extends Window> {
    private final DataStream<T1> input1;
    private final DataStream<T2> input2;
    private final KeySelector<T1, KEY> keySelector1;
    private final KeySelector<T2, KEY> keySelector2;
    private final TypeInfo<KEY> keyType;
    private final WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner;
    private Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger;
    private Duration allowedLateness;

    WithWindow(
        DataStream<T1> input1,
        DataStream<T2> input2,
        KeySelector<T1, KEY> keySelector1,
        KeySelector<T2, KEY> keySelector2,
        TypeInfo<KEY> keyType,
        WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
      this.input1 = input1;
      this.input2 = input2;
      this.keySelector1 = keySelector1;
      this.keySelector2 = keySelector2;
      this.keyType = keyType;
      this.assigner = Objects.requireNonNull(assigner, "window assigner");
    }

    public WithWindow<T1, T2, KEY, W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger) {
      this.trigger = trigger;
      return this;
    }

    public WithWindow<T1, T2, KEY, W> allowedLateness(Duration lateness) {
      this.allowedLateness = lateness;
      return this;
    }

    public <OUT> SingleOutputStreamOperator<OUT> apply(JoinFunction<T1, T2, OUT> function) {
      return apply(function, OutputTypes.of(function, JoinFunction.class, 2, input1.getType()));
    }

    public <OUT> SingleOutputStreamOperator<OUT> apply(JoinFunction<T1, T2, OUT> function, TypeInfo<OUT> resultType) {
      Functions.checkSerializable(function, "join.apply");
      return build(JoinWindowFunction.of(function), resultType);
    }

    public <OUT> SingleOutputStreamOperator<OUT> apply(FlatJoinFunction<T1, T2, OUT> function) {
      return apply(function, OutputTypes.of(function, FlatJoinFunction.class, 2, input1.getType()));
    }

    public <OUT> SingleOutputStreamOperator<OUT> apply(FlatJoinFunction<T1, T2, OUT> function, TypeInfo<OUT> resultType) {
      Functions.checkSerializable(function, "join.apply");
      return build(JoinWindowFunction.of(function), resultType);
    }

    private <OUT> SingleOutputStreamOperator<OUT> build(
        JoinWindowFunction<T1, T2, OUT, KEY, W> function, TypeInfo<OUT> resultType) {
      UnionTypeInfo<T1, T2> unionType = new UnionTypeInfo<>(input1.getType(), input2.getType());
      DataStream<TaggedUnion<T1, T2>> tagged1 = input1.map(TaggedUnion::one, unionType);
      DataStream<TaggedUnion<T1, T2>> tagged2 = input2.map(TaggedUnion::two, unionType);
      KeyedStream<TaggedUnion<T1, T2>, KEY> keyed =
          tagged1.union(tagged2).keyBy(new UnionKeySelector<>(keySelector1, keySelector2), keyType);
      WindowedStream<TaggedUnion<T1, T2>, KEY, W> windowed = new WindowedStream<>(keyed, assigner);
      if (trigger != null) {
        windowed.trigger(trigger);
      }
      if (allowedLateness != null) {
        windowed.allowedLateness(allowedLateness);
      }
      return windowed.process(function, resultType).name("Window Join(" + assigner + ")");
    }
  }
}
