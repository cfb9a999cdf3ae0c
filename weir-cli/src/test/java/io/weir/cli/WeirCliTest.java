package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.examples.Example;
import io.weir.examples.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line without running jobs: parsing, exit codes, help, version, listing. */
class WeirCliTest {

  /** Exit code plus what the CLI (and any job) wrote to stdout and stderr. */
  record Run(int exitCode, String out, String err) {}

  static synchronized Run run(String... args) {
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
      code = WeirCli.newCommandLine()
          .setOut(new PrintWriter(out, true))
          .setErr(new PrintWriter(err, true))
          .execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(code, out + jobOut.toString(StandardCharsets.UTF_8), err + jobErr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommands() {
    Run r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("run", "examples", "example", "version");
  }

  @Test
  void noCommandPrintsUsage() {
    Run r = run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: weir");
  }

  @Test
  void versionPrintsWeirAndJavaVersions() {
    Run r = run("version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsPattern("Weir \\d+\\.\\d+\\.\\d+");
    assertThat(r.out()).contains("Java " + System.getProperty("java.version"));
    assertThat(r.out()).doesNotContain("${");
  }

  @Test
  void examplesListsEveryExampleWithItsDescription() {
    Run r = run("examples");
    assertThat(r.exitCode()).isZero();
    assertThat(Examples.all()).hasSizeGreaterThanOrEqualTo(3);
    for (Example e : Examples.all()) {
      assertThat(r.out()).contains(e.name()).contains(e.description());
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run r = run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void unknownExampleIsAUsageErrorNamingTheChoices() {
    Run r = run("example", "nosuchexample");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown example 'nosuchexample'").contains("wordcount");
  }

  @Test
  void badModeIsAUsageError() {
    Run r = run("example", "wordcount", "--mode", "sideways");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'sideways' is not a mode");
  }

  @Test
  void parallelismBelowOneIsAUsageError() {
    Run r = run("example", "wordcount", "--parallelism", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--parallelism").contains("at least 1");
  }

  @Test
  void runWithoutJarIsAUsageError() {
    Run r = run("run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--jar");
  }

  @Test
  void runWithMissingJarFileIsAUsageError() {
    Run r = run("run", "--jar", "/no/such/job.jar");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("job jar not found: /no/such/job.jar");
  }

  @Test
  void unknownExampleOptionFailsWithOneLine() {
    Run r = run("example", "wordcount", "--frobs", "3");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: example wordcount: unknown option --frobs");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void exampleRunsWithModeAndPassesItsOwnOptions() {
    Run r = run("example", "wordcount", "--top", "3", "--mode", "batch");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Top 3 words:");
    assertThat(r.out().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(3);
    assertThat(r.out()).containsPattern("Counted \\d+ words \\(\\d+ distinct\\) in \\d+\\.\\d\\d s \\[BATCH, parallelism 1\\]");
  }

  @Test
  void configurationOptionsReachTheJob() {
    Run r = run("example", "wordcount", "-D", "parallelism.default=2", "--mode", "automatic");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // AUTOMATIC with only bounded sources runs as BATCH
    assertThat(r.out()).contains("[BATCH, parallelism 2]");
  }
}
