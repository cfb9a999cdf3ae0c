package io.weir.examples.windowing;

import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.DataStream;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.examples.Example;
import io.weir.examples.util.Collected;
import io.weir.examples.util.ExampleSupport;
import io.weir.examples.util.Params;
import io.weir.examples.util.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Event-time windows: revenue per seller in tumbling 10-second windows (an incremental
 * aggregate per key and window), then the top 3 sellers of each window (a window over all
 * sellers). Orders arrive up to 3 s out of order; the watermark waits for them, so no order is
 * late and every window is complete when it fires.
 */
public final class TopSellers {
  public static final Example JOB = new Example(
      "topsellers",
      "Event-time tumbling windows over generated orders: the top 3 sellers by revenue per 10 s",
      TopSellers.class,
      "--orders N (default 20000; 100 orders per second of event time), --top N (default 3), "
          + "--rate N (orders per wall-clock second, prints windows as they close; default unlimited)");

  public static final Duration WINDOW = Duration.ofSeconds(10);

  private TopSellers() {}

  public static void main(String[] args) throws Exception {
    Params params = Params.parse(JOB.name(), args);
    long orders = params.getLong("orders", 20_000);
    int top = Math.max(1, params.getInt("top", 3));
    long rate = params.getLong("rate", 0);
    params.checkNoUnknown();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    System.out.println("Top " + top + " sellers by revenue per " + WINDOW.toSeconds() + " s window (event time):");
    long start = System.nanoTime();
    DataStream<WindowTop> job = build(env, orders, top, rate);
    Collected<WindowTop> collected;
    List<WindowTop> windows;
    if (rate > 0) {
      // Rate-limited: show each window as it closes (in STREAMING while the data flows).
      collected = Collected.run(job, "TopSellers", w -> System.out.println(w));
      windows = collected.values();
    } else {
      collected = Collected.run(job, "TopSellers");
      windows = inTimeOrder(collected.values());
      windows.forEach(System.out::println);
    }
    long elapsed = System.nanoTime() - start;
    System.out.println("Ranked " + orders + " orders in " + windows.size() + " windows in "
        + ExampleSupport.seconds(elapsed) + " " + collected.runTag(env.getParallelism()));
  }

  /** Builds and runs the job on {@code env}; returns the ranking of each window, in time order. */
  public static List<WindowTop> run(StreamExecutionEnvironment env, long orders, int top) throws Exception {
    return inTimeOrder(Collected.run(build(env, orders, top, 0), "TopSellers").values());
  }

  static List<WindowTop> inTimeOrder(List<WindowTop> windows) {
    List<WindowTop> result = new ArrayList<>(windows);
    result.sort(Comparator.comparingLong(WindowTop::windowStart));
    return result;
  }

  /**
   * The job: generated orders -> revenue per seller and window -> top sellers per window.
   * {@code ratePerSecond > 0} limits how fast orders are generated.
   */
  public static DataStream<WindowTop> build(StreamExecutionEnvironment env, long orders, int top, long ratePerSecond) {
    DataStream<Order> source = env.fromSource(
        Sources.generated(orders, Order::generate, TypeInfo.of(Order.class), ratePerSecond),
        WatermarkStrategy.<Order>forBoundedOutOfOrderness(Duration.ofMillis(Order.MAX_OUT_OF_ORDER_MS))
            .withTimestampAssigner((o, ts) -> o.timestamp()),
        "orders");
    return source
        .keyBy(Order::seller)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .aggregate(new Revenue(), new WithWindow())
        .name("revenue per seller")
        .windowAll(TumblingEventTimeWindows.of(WINDOW))
        .process(new TopN(top))
        .name("top sellers");
  }

  /** Revenue and order count of one seller in one window, added up as orders arrive. */
  public static final class Revenue implements AggregateFunction<Order, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Order order, long[] acc) {
      acc[0] += order.amountCents();
      acc[1]++;
      return acc;
    }

    @Override
    public long[] getResult(long[] acc) {
      return acc;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {a[0] + b[0], a[1] + b[1]};
    }
  }

  /** Labels the pre-aggregated revenue with its seller and window. */
  public static final class WithWindow extends ProcessWindowFunction<long[], SellerRevenue, String, TimeWindow> {
    @Override
    public void process(String seller, Context ctx, Iterable<long[]> totals, Collector<SellerRevenue> out) {
      for (long[] t : totals) {
        out.collect(new SellerRevenue(ctx.window().getStart(), ctx.window().getEnd(), seller, t[0], t[1]));
      }
    }
  }

  /** Ranks the sellers of one window: highest revenue first, ties by name. */
  public static final class TopN extends ProcessAllWindowFunction<SellerRevenue, WindowTop, TimeWindow> {
    private final int n;

    public TopN(int n) {
      this.n = n;
    }

    @Override
    public void process(Context ctx, Iterable<SellerRevenue> revenues, Collector<WindowTop> out) {
      List<SellerRevenue> all = new ArrayList<>();
      revenues.forEach(all::add);
      all.sort(Comparator.comparingLong(SellerRevenue::revenueCents).reversed()
          .thenComparing(SellerRevenue::seller));
      out.collect(new WindowTop(ctx.window().getStart(), ctx.window().getEnd(),
          List.copyOf(all.subList(0, Math.min(n, all.size())))));
    }
  }
}
