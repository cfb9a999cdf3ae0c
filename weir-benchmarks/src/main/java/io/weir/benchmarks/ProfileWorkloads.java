package io.weir.benchmarks;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.types.Tuple3;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.datastream.sources.NumberSequenceSource;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.sql.api.TableEnvironment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Nexmark-shaped workloads for profiling (JFR) and before/after timing of hot-spot fixes: a
 * bid-like datagen table (7 columns, a TIMESTAMP(3) event time and an 80-character string)
 * through q0/q1/q2-like projections and filters, a keyed GROUP BY and TUMBLE/HOP window
 * aggregates into a blackhole, and DataStream equivalents. Not a JMH benchmark: one job per run
 * so that a JFR recording covers exactly one workload.
 *
 * <pre>
 * java -cp ... io.weir.benchmarks.ProfileWorkloads WORKLOAD MODE PARALLELISM ROWS [REPEAT]
 * </pre>
 * prints one line per run: workload, mode, p, rows, wall s, process CPU s, rows/s, rows/cpu-s.
 */
public final class ProfileWorkloads {
  private ProfileWorkloads() {}

  /** A bid-like table: ids, a price, a channel, a url, an event time 1 ms apart and ~80 chars of extra. */
  static String bidDdl(long rows) {
    return "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR(10), url VARCHAR(40), "
        + "dateTime TIMESTAMP(3), extra VARCHAR(100), "
        + "WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND) WITH ('connector' = 'datagen', "
        + "'number-of-rows' = '" + rows + "', 'seed' = '7', "
        + "'fields.auction.min' = '1000', 'fields.auction.max' = '1999', "
        + "'fields.bidder.min' = '1000', 'fields.bidder.max' = '100999', "
        + "'fields.price.min' = '1', 'fields.price.max' = '100000', "
        + "'fields.channel.length' = '6', 'fields.url.length' = '30', "
        + "'fields.dateTime.kind' = 'sequence', 'fields.dateTime.start' = '2015-07-15 00:00:00', "
        + "'fields.dateTime.step' = '1 ms', 'fields.extra.length' = '80')";
  }

  static String query(String workload) {
    return switch (workload) {
      case "sql-q0" -> "CREATE TABLE sink (auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), "
          + "extra VARCHAR) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, bidder, price, dateTime, extra FROM bid;";
      case "sql-q1" -> "CREATE TABLE sink (auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), dateTime TIMESTAMP(3), "
          + "extra VARCHAR) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid;";
      case "sql-q2" -> "CREATE TABLE sink (auction BIGINT, price BIGINT) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;";
      case "sql-agg" -> "CREATE TABLE sink (bidder BIGINT, c BIGINT, m BIGINT) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT bidder, COUNT(*), MAX(price) FROM bid GROUP BY bidder;";
      case "sql-tumble" -> "CREATE TABLE sink (auction BIGINT, ws TIMESTAMP(3), we TIMESTAMP(3), c BIGINT, m BIGINT) "
          + "WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, window_start, window_end, COUNT(*), MAX(price) "
          + "FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) "
          + "GROUP BY auction, window_start, window_end;";
      case "sql-hop" -> "CREATE TABLE sink (auction BIGINT, ws TIMESTAMP(3), we TIMESTAMP(3), c BIGINT) "
          + "WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, window_start, window_end, COUNT(*) "
          + "FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
          + "GROUP BY auction, window_start, window_end;";
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
  }

  /**
   * Nexmark queries as in the Flink Nexmark tool (written here so that profiling does not wait for
   * the query files; the benchmark proper runs {@code weir nexmark run}).
   */
  static String nexmarkQuery(String q) {
    return switch (q) {
      case "nx-q0" -> "CREATE TABLE sink (auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3), "
          + "extra VARCHAR) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, bidder, price, dateTime, extra FROM bid;";
      case "nx-q1" -> "CREATE TABLE sink (auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), dateTime TIMESTAMP(3), "
          + "extra VARCHAR) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid;";
      case "nx-q2" -> "CREATE TABLE sink (auction BIGINT, price BIGINT) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;";
      case "nx-q5" -> "CREATE TABLE sink (auction BIGINT, num BIGINT) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT AuctionBids.auction, AuctionBids.num FROM ("
          + " SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
          + " GROUP BY auction, window_start, window_end) AS AuctionBids JOIN ("
          + " SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
          + "  SELECT count(*) AS num, window_start AS starttime, window_end AS endtime"
          + "  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
          + "  GROUP BY auction, window_start, window_end) AS CountBids"
          + " GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids"
          + " ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime"
          + " AND AuctionBids.num >= MaxBids.maxn;";
      case "nx-q7" -> "CREATE TABLE sink (auction BIGINT, price BIGINT, bidder BIGINT, dateTime TIMESTAMP(3), "
          + "extra VARCHAR) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B JOIN ("
          + " SELECT MAX(price) AS maxprice, window_end AS dateTime"
          + " FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice"
          + " WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime;";
      case "nx-q8" -> "CREATE TABLE sink (id BIGINT, name VARCHAR, stime TIMESTAMP(3)) WITH ('connector' = 'blackhole');\n"
          + "INSERT INTO sink SELECT P.id, P.name, P.starttime FROM ("
          + " SELECT id, name, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY id, name, window_start, window_end) P JOIN ("
          + " SELECT seller, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY seller, window_start, window_end) A"
          + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime;";
      default -> throw new IllegalArgumentException("unknown workload " + q);
    };
  }

  /** Engine options from system properties {@code -Dweir.conf.<key>=<value>} (e.g. the batch memory budget). */
  static Configuration config() {
    Configuration c = new Configuration();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("weir.conf.")) {
        c.setString(name.substring("weir.conf.".length()), System.getProperty(name));
      }
    }
    return c;
  }

  static void run(String workload, RuntimeExecutionMode mode, int parallelism, long rows) throws Exception {
    if (workload.startsWith("nx-")) {
      Configuration c = config();
      c.set(CoreOptions.RUNTIME_MODE, mode);
      c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
      TableEnvironment env = TableEnvironment.create(c);
      for (String ddl : io.weir.nexmark.sql.NexmarkTables.ddl(
          java.util.Map.of("events.num", Long.toString(rows), "first-event.rate", "10000"))) {
        env.executeSql(ddl);
      }
      env.executeSql(nexmarkQuery(workload));
      return;
    }
    if (workload.startsWith("sql-")) {
      Configuration c = config();
      c.set(CoreOptions.RUNTIME_MODE, mode);
      c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
      TableEnvironment env = TableEnvironment.create(c);
      env.executeSql(bidDdl(rows) + ";\n" + query(workload));
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config());
    env.setRuntimeMode(mode);
    env.setParallelism(parallelism);
    switch (workload) {
      case "ds-map" -> env.fromSequence(1, rows).map(x -> x * 3 + 1).filter(x -> (x & 3) != 0)
          .sinkTo(new DiscardingSink<>());
      case "ds-keyed" -> env.fromSequence(1, rows)
          .map(x -> Tuple3.of(x % 100_000, x, x % 1000), TypeInfo.of(new TypeHint<Tuple3<Long, Long, Long>>() {}))
          .keyBy(t -> t.f0)
          .max(2)
          .sinkTo(new DiscardingSink<>());
      case "ds-tumble" -> env.fromSource(new NumberSequenceSource(0, rows - 1),
              WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofSeconds(4)).withTimestampAssigner((x, ts) -> x),
              "sequence")
          .keyBy(x -> x % 1000)
          .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
          .aggregate(new Jobs.Count())
          .sinkTo(new DiscardingSink<>());
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    }
    env.execute(workload);
  }

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    RuntimeExecutionMode mode = RuntimeExecutionMode.valueOf(args[1].toUpperCase(Locale.ROOT));
    int parallelism = Integer.parseInt(args[2]);
    long rows = Long.parseLong(args[3]);
    int repeat = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < repeat; i++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      run(workload, mode, parallelism, rows);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "%s %s p=%d rows=%d wall=%.2fs cpu=%.2fs rows/s=%.0f rows/cpu-s=%.0f%n",
          workload, mode, parallelism, rows, wall, cpu, rows / wall, rows / cpu);
    }
  }
}
