package io.weir.datastream.windowing;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.windowing.assigners.SliceableWindowAssigner;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.operators.InternalWindowFunction;
import io.weir.datastream.windowing.operators.ProcessWindowFunctionInvoker;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.operators.WindowContents;
import io.weir.datastream.windowing.operators.WindowFunctions;
import io.weir.datastream.windowing.operators.WindowOperator;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.testing.OperatorTestSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Window functions and operator factories shared by the window tests. Inputs are (key, value)
 * tuples; every function variant renders its result together with what the reference model
 * computes for the same window, so the two can be compared.
 */
final class WindowTestFunctions {
  private WindowTestFunctions() {}

  static final TypeInfo<Tuple2<String, Long>> IN = Types.TUPLE(Types.STRING, Types.LONG);
  static final TypeInfo<Tuple2<Long, Long>> COUNT_SUM = Types.TUPLE(Types.LONG, Types.LONG);
  static final KeySelector<Tuple2<String, Long>, String> KEY = t -> t.f0;
  static final OutputTag<Tuple2<String, Long>> LATE = new OutputTag<>("late", IN);

  static Tuple2<String, Long> t(String key, long value) {
    return Tuple2.of(key, value);
  }

  /** Sums into its first argument: checks that operators never hand it state they still need. */
  static final class MutatingSum implements ReduceFunction<Tuple2<String, Long>> {
    @Override
    public Tuple2<String, Long> reduce(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      a.f1 = a.f1 + b.f1;
      return a;
    }
  }

  /** (count, sum) with a mutable accumulator that add and merge modify in place. */
  static final class CountSum implements AggregateFunction<Tuple2<String, Long>, Tuple2<Long, Long>, String> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
      return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(Tuple2<String, Long> value, Tuple2<Long, Long> acc) {
      acc.f0 = acc.f0 + 1;
      acc.f1 = acc.f1 + value.f1;
      return acc;
    }

    @Override
    public String getResult(Tuple2<Long, Long> acc) {
      return "count=" + acc.f0 + ",sum=" + acc.f1;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      a.f0 = a.f0 + b.f0;
      a.f1 = a.f1 + b.f1;
      return a;
    }
  }

  /** Renders all elements of the window, sorted (element order after merges is not defined). */
  static final class Describe extends ProcessWindowFunction<Tuple2<String, Long>, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out) {
      List<Long> values = new ArrayList<>();
      for (Tuple2<String, Long> e : elements) {
        if (!e.f0.equals(key)) {
          throw new IllegalStateException("element " + e + " in a window of key " + key);
        }
        values.add(e.f1);
      }
      values.sort(Comparator.naturalOrder());
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + ":" + values);
    }
  }

  /** Renders the single pre-aggregated value with the window. */
  static final class DescribeSingle<V> extends ProcessWindowFunction<V, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<V> elements, Collector<String> out) {
      List<V> all = new ArrayList<>();
      elements.forEach(all::add);
      if (all.size() != 1) {
        throw new IllegalStateException("expected one pre-aggregated value, got " + all);
      }
      Object v = all.get(0) instanceof Tuple2<?, ?> t ? t.f1 : all.get(0);
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + ":" + v);
    }
  }

  /** The window functions under test, each with the output the reference model predicts. */
  enum Variant {
    REDUCE, AGGREGATE, PROCESS, REDUCE_PROCESS, AGGREGATE_PROCESS;

    /** The expected output of one firing. */
    Object expected(WindowReference.Firing f) {
      String prefix = f.key() + "@" + f.start() + "-" + f.end() + ":";
      long count = f.values().size();
      return switch (this) {
        case REDUCE -> Tuple2.of(f.key(), f.sum());
        case AGGREGATE -> "count=" + count + ",sum=" + f.sum();
        case PROCESS -> prefix + f.values().stream().sorted().toList();
        case REDUCE_PROCESS -> prefix + f.sum();
        case AGGREGATE_PROCESS -> prefix + "count=" + count + ",sum=" + f.sum();
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    WindowContents<Tuple2<String, Long>, Object, Object> contents() {
      return (WindowContents) switch (this) {
        case REDUCE, REDUCE_PROCESS -> WindowContents.reducing(new MutatingSum(), IN);
        case AGGREGATE, AGGREGATE_PROCESS -> WindowContents.aggregating(new CountSum(), COUNT_SUM);
        case PROCESS -> WindowContents.listing(IN);
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    InternalWindowFunction<Object, Object, String, TimeWindow> function() {
      return (InternalWindowFunction) switch (this) {
        case REDUCE, AGGREGATE -> ProcessWindowFunctionInvoker.forSingleValue(WindowFunctions.passThrough());
        case PROCESS -> ProcessWindowFunctionInvoker.forIterable(new Describe());
        case REDUCE_PROCESS, AGGREGATE_PROCESS -> ProcessWindowFunctionInvoker.forSingleValue(new DescribeSingle<>());
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    OneInputStreamOperator<Tuple2<String, Long>, Object> create(
        boolean slicing, WindowAssigner<Object, TimeWindow> assigner, Trigger<Object, TimeWindow> trigger,
        long lateness, OutputTag<Tuple2<String, Long>> lateTag) {
      if (slicing) {
        return new SlicingWindowOperator((SliceableWindowAssigner) assigner, contents(), function(), lateness, lateTag);
      }
      return new WindowOperator(assigner, contents(), function(), trigger != null ? trigger : assigner.getDefaultTrigger(),
          lateness, lateTag, 0);
    }
  }

  /** The script as OperatorTestSupport input items. */
  static List<Object> items(List<WindowReference.Step> steps) {
    List<Object> items = new ArrayList<>();
    for (WindowReference.Step s : steps) {
      if (s instanceof WindowReference.Event e) {
        items.add(OperatorTestSupport.record(t(e.key(), e.value()), e.ts()));
      } else {
        items.add(OperatorTestSupport.watermark(((WindowReference.Mark) s).watermark()));
      }
    }
    return items;
  }

  /** The expected output: each firing as a record at the window's maxTimestamp, and the watermarks. */
  static List<Object> expected(WindowReference.Result result, Variant variant) {
    List<Object> out = new ArrayList<>();
    for (Object o : result.timeline()) {
      if (o instanceof WindowReference.Firing f) {
        out.add(OperatorTestSupport.record(variant.expected(f), f.maxTimestamp()));
      } else {
        out.add(OperatorTestSupport.watermark(((WindowReference.Mark) o).watermark()));
      }
    }
    return out;
  }

  /** Records only, for BATCH (no watermarks are compared there). */
  static List<Object> expectedRecords(WindowReference.Result result, Variant variant) {
    List<Object> out = new ArrayList<>();
    for (WindowReference.Firing f : result.firings()) {
      out.add(OperatorTestSupport.record(variant.expected(f), f.maxTimestamp()));
    }
    return out;
  }

  static List<Object> expectedLate(WindowReference.Result result) {
    List<Object> out = new ArrayList<>();
    for (WindowReference.Event e : result.late()) {
      out.add(OperatorTestSupport.record(t(e.key(), e.value()), e.ts()));
    }
    return out;
  }
}
