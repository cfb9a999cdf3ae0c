package io.weir.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar weir-benchmarks/target/benchmarks.jar [JMH options] [regex]}: runs the JMH
 * benchmarks (all of them by default, with the short settings on the classes) and then prints
 * a summary: records/s, records per CPU-second (per core), and both as a ratio to the
 * map/filter STREAMING baseline measured in the same run. Any JMH option works, e.g.
 * {@code -f 3 -wi 5 -i 10} for a longer run or {@code KeyedSum} to run one class.
 */
public final class WeirBenchmarks {
  private WeirBenchmarks() {}

  static final String BASELINE_BENCHMARK = "mapFilter";

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder.include("io\\.weir\\.benchmarks\\..*");
    }
    Options options = builder.build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.println(summary(results));
  }

  /** One row per benchmark and parameter combination. */
  record Row(String benchmark, String mode, int parallelism, double recordsPerSecond, double error,
      double recordsPerCpuSecond, String unit) {}

  static List<Row> rows(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
      String mode = p.getParam("mode");
      String par = p.getParam("parallelism");
      Result<?> primary = r.getPrimaryResult();
      Map<String, Result> secondary = r.getSecondaryResults();
      double perCore = Double.NaN;
      Result<?> records = secondary.get("records");
      Result<?> cpu = secondary.get("cpuSeconds");
      if (records != null && cpu != null && cpu.getScore() > 0) {
        perCore = records.getScore() / cpu.getScore();
      }
      rows.add(new Row(name, mode == null ? "-" : mode, par == null ? 1 : Integer.parseInt(par),
          primary.getScore(), primary.getScoreError(), perCore, primary.getScoreUnit()));
    }
    rows.sort(Comparator.comparing(Row::benchmark).thenComparing(Row::mode, Comparator.reverseOrder())
        .thenComparingInt(Row::parallelism));
    return rows;
  }

  static String summary(Collection<RunResult> results) {
    List<Row> rows = rows(results);
    Row baseline = rows.stream()
        .filter(r -> r.benchmark().equals(BASELINE_BENCHMARK) && r.mode().equals("STREAMING"))
        .findFirst().orElse(null);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Weir benchmarks (%d cores, Java %s)%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    sb.append(String.format(Locale.ROOT, "%-20s %-9s %3s %15s %10s %17s %9s %9s  %s%n",
        "benchmark", "mode", "p", "score", "± error", "records/cpu-s", "x base", "x base/cpu", "unit"));
    for (Row r : rows) {
      // ratios to a records/s baseline only make sense for records/s scores (not e.g. ms/op)
      boolean comparable = baseline != null && r.unit().equals(baseline.unit());
      String fmt = Math.abs(r.recordsPerSecond()) < 1000 ? "%15.3f %10.3f" : "%,15.0f %,10.0f";
      sb.append(String.format(Locale.ROOT, "%-20s %-9s %3d " + fmt + " %,17.0f %9s %9s  %s%n",
          r.benchmark(), r.mode(), r.parallelism(), r.recordsPerSecond(), r.error(), r.recordsPerCpuSecond(),
          !comparable ? "-" : String.format(Locale.ROOT, "%.2f", r.recordsPerSecond() / baseline.recordsPerSecond()),
          !comparable ? "-" : String.format(Locale.ROOT, "%.2f", r.recordsPerCpuSecond() / baseline.recordsPerCpuSecond()),
          r.unit()));
    }
    if (baseline != null) {
      sb.append("x base: ratio to ").append(BASELINE_BENCHMARK).append(" STREAMING p=1 in this run");
    }
    return sb.toString();
  }
}
