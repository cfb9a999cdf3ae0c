package io.weir.datastream.operators;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static io.weir.runtime.testing.OperatorTestSupport.watermark1;
import static io.weir.runtime.testing.OperatorTestSupport.watermark2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Types;
import io.weir.datastream.functions.BroadcastProcessFunction;
import io.weir.datastream.functions.CoMapFunction;
import io.weir.datastream.functions.KeyedBroadcastProcessFunction;
import io.weir.datastream.functions.KeyedCoProcessFunction;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.runtime.testing.TwoInputOperatorTestHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoInputOperatorsTest {
  static final OutputTag<String> UNPAID = new OutputTag<>("unpaid", Types.STRING);
  static final KeySelector<Tuple2<String, Long>, String> F0 = t -> t.f0;
  static final KeySelector<String, String> SELF = s -> s;

  /** Matches orders (input 1) with payments (input 2); an order unpaid 10 time units later goes to a side output. */
  static final class PaymentMatcher extends KeyedCoProcessFunction<String, Tuple2<String, Long>, String, String> {
    private transient ValueState<Long> amount;
    private transient ValueState<Boolean> paid;

    @Override
    public void open(OpenContext context) {
      amount = getRuntimeContext().getState(new ValueStateDescriptor<>("amount", Types.LONG));
      paid = getRuntimeContext().getState(new ValueStateDescriptor<>("paid", Types.BOOLEAN));
    }

    @Override
    public void processElement1(Tuple2<String, Long> order, Context ctx, Collector<String> out) throws Exception {
      if (paid.value() != null) {
        out.collect(ctx.getCurrentKey() + " paid " + order.f1);
        paid.clear();
      } else {
        amount.update(order.f1);
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
      }
    }

    @Override
    public void processElement2(String payment, Context ctx, Collector<String> out) throws Exception {
      if (amount.value() != null) {
        out.collect(payment + " paid " + amount.value());
        amount.clear();
      } else {
        paid.update(true);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      if (amount.value() != null) {
        ctx.output(UNPAID, ctx.getCurrentKey());
        amount.clear();
      }
    }
  }

  @Test
  void keyedCoProcessSharesStateAndTimersAcrossInputs() throws Exception {
    OperatorTestSupport.forKeyedTwoInputOperator(new KeyedCoProcessOperator<>(new PaymentMatcher()), F0, SELF, Types.STRING)
        .input(record1(Tuple2.of("o1", 10L), 1), record2("o2", 2), record1(Tuple2.of("o2", 20L), 3),
            record1(Tuple2.of("o3", 30L), 4), watermark(12), record2("o1", 13), record2("o3", 13), watermark(20))
        .expectOutput(record("o2 paid 20", 3), watermark(12), record("o3 paid 30", 13), watermark(20))
        .expectSideOutput(UNPAID, List.of(record("o1", 11)))
        // BATCH: a key's timers fire only after all of its records, so o1's payment still counts
        .expectBatchOutput("o1 paid 10", "o2 paid 20", "o3 paid 30")
        .expectBatchSideOutput(UNPAID, List.of())
        .run();
  }

  @Test
  void watermarkIsTheMinimumOfBothInputs() throws Exception {
    CoMapFunction<String, String, String> concat = new Concat();
    OperatorTestSupport.forTwoInputOperator(new CoStreamMap<>(concat))
        .input(record1("a", 1), watermark1(5), record2("b", 2), watermark2(3), watermark2(9), watermark1(7))
        .expectOutput(record("1:a", 1), record("2:b", 2), watermark(3), watermark(5), watermark(7))
        .run();
  }

  static final class Concat implements CoMapFunction<String, String, String> {
    @Override
    public String map1(String value) {
      return "1:" + value;
    }

    @Override
    public String map2(String value) {
      return "2:" + value;
    }
  }

  static final MapStateDescriptor<String, Long> RULES = new MapStateDescriptor<>("rules", Types.STRING, Types.LONG);
  static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Types.LONG);

  /** Rules (prefix -> threshold) are broadcast; keyed values above their prefix's threshold alert. */
  static final class ThresholdAlerts
      extends KeyedBroadcastProcessFunction<String, Tuple2<String, Long>, Tuple2<String, Long>, String> {
    @Override
    public void processElement(Tuple2<String, Long> value, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      ValueState<Long> count = getRuntimeContext().getState(COUNT);
      count.update(count.value() == null ? 1 : count.value() + 1);
      ReadOnlyBroadcastState<String, Long> rules = ctx.getBroadcastState(RULES);
      assertThat(rules).isNotInstanceOf(BroadcastState.class);
      Long threshold = rules.get(value.f0.substring(0, 1));
      if (threshold != null && value.f1 > threshold) {
        out.collect("alert " + ctx.getCurrentKey() + " " + value.f1);
      }
    }

    @Override
    public void processBroadcastElement(Tuple2<String, Long> rule, Context ctx, Collector<String> out) throws Exception {
      ctx.getBroadcastState(RULES).put(rule.f0, rule.f1);
      ctx.applyToKeyedState(COUNT, (key, state) -> out.collect("rule " + rule.f0 + " sees " + key + "=" + state.value()));
    }
  }

  @Test
  void keyedBroadcastStateReachesEveryKeyAndBatchReadsTheBroadcastSideFirst() throws Exception {
    CoBroadcastWithKeyedOperator<String, Tuple2<String, Long>, Tuple2<String, Long>, String> op =
        new CoBroadcastWithKeyedOperator<>(new ThresholdAlerts(), List.of(RULES));
    OperatorTestSupport.forKeyedTwoInputOperator(op, F0, null, Types.STRING)
        .input(record2(Tuple2.of("a", 5L), 1), record1(Tuple2.of("a1", 7L), 2), record1(Tuple2.of("b1", 100L), 3),
            record1(Tuple2.of("a2", 3L), 4), record2(Tuple2.of("b", 50L), 5), record1(Tuple2.of("b1", 60L), 6))
        .expectOutput(record("alert a1 7", 2),
            record("rule b sees a1=1", 5), record("rule b sees b1=1", 5), record("rule b sees a2=1", 5),
            record("alert b1 60", 6))
        .ignoreOrderWithinTimestamp()
        .expectBatchOutput("alert a1 7", "alert b1 100", "alert b1 60")
        .run();
  }

  /** Only words in the broadcast allow-list pass. */
  static final class AllowList extends BroadcastProcessFunction<String, String, String> {
    static final MapStateDescriptor<String, Boolean> ALLOWED = new MapStateDescriptor<>("allowed", Types.STRING, Types.BOOLEAN);

    @Override
    public void processElement(String value, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      if (ctx.getBroadcastState(ALLOWED).contains(value)) {
        out.collect(value);
      }
    }

    @Override
    public void processBroadcastElement(String value, Context ctx, Collector<String> out) throws Exception {
      ctx.getBroadcastState(ALLOWED).put(value, true);
    }
  }

  @Test
  void nonKeyedBroadcastState() throws Exception {
    OperatorTestSupport.forTwoInputOperator(new CoBroadcastWithNonKeyedOperator<>(new AllowList(), List.of(AllowList.ALLOWED)))
        .input(record1("x", 1), record2("x", 2), record1("x", 3), record1("y", 4), record2("y", 5), record1("y", 6))
        .expectOutput(record("x", 3), record("y", 6))
        .expectBatchOutput("x", "x", "y", "y")
        .run();
  }

  @Test
  void undeclaredBroadcastStateIsAClearError() throws Exception {
    MapStateDescriptor<String, Boolean> other = new MapStateDescriptor<>("typo", Types.STRING, Types.BOOLEAN);
    CoBroadcastWithNonKeyedOperator<String, String, String> op =
        new CoBroadcastWithNonKeyedOperator<>(new AllowList(), List.of(other));
    op.setName("Filter words");
    try (TwoInputOperatorTestHarness<String, String, String> h = new TwoInputOperatorTestHarness<>(op)) {
      h.open();
      assertThatThrownBy(() -> h.processElement2("x", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'Filter words'").hasMessageContaining("'allowed'").hasMessageContaining("[typo]");
    }
  }
}
