package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.nexmark.bench.NexmarkWorkload;
import io.weir.nexmark.bench.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code weir nexmark generate|run}: option errors, the JSON contract, failing queries, files. */
class NexmarkCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs the CLI, letting the caller adjust the {@code nexmark run} command object first. */
  static synchronized WeirCliTest.Run run(Consumer<NexmarkCommand.Run> adjust, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream jobOut = new ByteArrayOutputStream();
    ByteArrayOutputStream jobErr = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(jobOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(jobErr, true, StandardCharsets.UTF_8));
      CommandLine cl = WeirCli.newCommandLine();
      adjust.accept(cl.getSubcommands().get("nexmark").getSubcommands().get("run").getCommand());
      code = cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new WeirCliTest.Run(code, out + jobOut.toString(StandardCharsets.UTF_8),
        err + jobErr.toString(StandardCharsets.UTF_8));
  }

  static WeirCliTest.Run run(String... args) {
    return run(r -> {}, args);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "run --query q0                                             | --events",
      "run --events 100                                           | --query",
      "run --query q0 --events 0                                  | '--events': must be positive",
      "run --query q0 --events 100 --mode sideways                | '--mode': 'sideways' (expected streaming or batch)",
      "run --query q0 --events 100 --parallelism 0                | '--parallelism': must be at least 1",
      "run --query q0 --events 100 --rate -5                      | '--rate': must be positive",
      "run --query q0 --events 100 --checkpoint-interval soon     | '--checkpoint-interval': 'soon'",
      "run --query q0 --events 100 --checkpoint-interval 10s --mode batch | STREAMING mode only",
      "run --query q0 --events 100 --latency --mode batch         | --latency needs STREAMING",
      "run --query q0,q99 --events 100                            | unknown query 'q99'",
      "run --query q0 --events many                               | --events",
      "generate --events 100                                      | --out",
      "generate --events 100 --out x --format xml                 | '--format': 'xml' (expected csv or json)",
  })
  void badOptionsAreUsageErrorsNamingTheProblem(String args, String expected) {
    List<String> argv = new ArrayList<>(List.of("nexmark"));
    argv.addAll(List.of(args.trim().split("\\s+")));
    WeirCliTest.Run r = run(argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    // the problem on the first line, then the usage
    assertThat(r.err().lines().findFirst().orElse("")).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"run --query q1 --events 100 --output", "generate --events 100 --out"})
  void anOutputPathThatCannotBeADirectoryIsAUsageErrorBeforeAnyEventIsMade(String args, @TempDir Path tmp)
      throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "not a directory");
    String option = args.substring(args.lastIndexOf(' ') + 1);
    List<String> argv = new ArrayList<>(List.of("nexmark"));
    argv.addAll(List.of(args.split(" ")));

    WeirCliTest.Run r = run(concat(argv, file.toString()));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse(""))
        .isEqualTo("Invalid value for option '" + option + "': " + file + " exists and is not a directory");
    assertThat(Files.readString(file)).isEqualTo("not a directory");

    Path under = file.resolve("below");
    r = run(concat(argv, under.toString()));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse(""))
        .startsWith("Invalid value for option '" + option + "': cannot create directory " + under + " (");
  }

  private static String[] concat(List<String> argv, String last) {
    List<String> all = new ArrayList<>(argv);
    all.add(last);
    return all.toArray(String[]::new);
  }

  @Test
  void jsonModePrintsOneContractObjectPerQuery() throws Exception {
    WeirCliTest.Run r = run("nexmark", "run", "--query", "q0,q2", "--events", "20000", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    List<String> queries = new ArrayList<>();
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      List<String> fields = new ArrayList<>();
      o.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactlyInAnyOrder("query", "mode", "parallelism", "events", "wall_s", "events_per_s",
          "cpu_s", "events_per_core_s", "peak_heap_mb");
      assertThat(o.get("events").asLong()).isEqualTo(20_000);
      assertThat(o.get("parallelism").asInt()).isEqualTo(1);
      assertThat(o.get("mode").asText()).isEqualTo("streaming");
      for (String f : List.of("wall_s", "events_per_s", "cpu_s", "events_per_core_s", "peak_heap_mb")) {
        assertThat(o.get(f).asDouble()).as(f).isPositive();
      }
      queries.add(o.get("query").asText());
    }
    assertThat(queries).containsExactly("q0", "q2");
  }

  @Test
  void aFailingQueryIsReportedAndTheOthersStillRun() {
    Workload real = new NexmarkWorkload();
    Workload failingQ1 = new Workload() {
      @Override
      public List<String> names() {
        return real.names();
      }

      @Override
      public Query load(String name, Path workDir) {
        if (name.equals("q1")) {
          throw new IllegalStateException("q1.sql is broken on purpose");
        }
        return real.load(name, workDir);
      }

      @Override
      public List<String> tableDdl(java.util.Map<String, String> options) {
        return real.tableDdl(options);
      }

      @Override
      public io.weir.runtime.execution.JobExecutionResult drainSource(io.weir.core.config.Configuration c,
          java.util.Map<String, String> o) throws Exception {
        return real.drainSource(c, o);
      }

      @Override
      public io.weir.nexmark.bench.LatencySchedule latencySchedule(java.util.Map<String, String> o) {
        return real.latencySchedule(o);
      }
    };
    WeirCliTest.Run r = run(cmd -> cmd.workload = failingQ1,
        "nexmark", "run", "--query", "generator,q1,q0", "--events", "5000");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: q1: q1.sql is broken on purpose");
    assertThat(r.out()).contains("generator [STREAMING, parallelism 1]: 5,000 events", "q0 [STREAMING, parallelism 1]: 5,000 events");
    // the summary table of the two that ran, and q0 relative to the generator
    assertThat(r.out()).contains("events/core-s", "q0 / generator: ");
    assertThat(r.out()).doesNotContain("q1 [");
  }

  @Test
  void generateWritesThreeFilesWithTheSkeletonsCounts(@TempDir Path dir) throws Exception {
    int n = 5_000;
    WeirCliTest.Run r = run("nexmark", "generate", "--events", Integer.toString(n), "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // event k has id k + 2; id mod 50: 0 person, 1..3 auction, else bid
    long persons = 0;
    long auctions = 0;
    long bids = 0;
    for (long k = 0; k < n; k++) {
      long slot = (k + 2) % 50;
      if (slot == 0) {
        persons++;
      } else if (slot < 4) {
        auctions++;
      } else {
        bids++;
      }
    }
    assertThat(Files.readAllLines(dir.resolve("person.csv"))).hasSize((int) persons + 1);
    assertThat(Files.readAllLines(dir.resolve("auction.csv"))).hasSize((int) auctions + 1);
    assertThat(Files.readAllLines(dir.resolve("bid.csv"))).hasSize((int) bids + 1);
    assertThat(r.out()).contains(String.format("%,d persons", persons), String.format("%,d auctions", auctions),
        String.format("%,d bids", bids));
  }
}
