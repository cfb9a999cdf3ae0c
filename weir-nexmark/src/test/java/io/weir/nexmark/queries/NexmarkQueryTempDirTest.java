package io.weir.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link NexmarkQuery#load(String)} without a work dir leaves nothing behind when the JVM exits. */
class NexmarkQueryTempDirTest {
  /** Run in a child JVM: loads q10 and q13 and prints their work dirs. */
  public static final class LoadAndExit {
    public static void main(String[] args) {
      for (String q : args) {
        Path dir = NexmarkQuery.load(q).workDir();
        System.out.println(dir.toAbsolutePath());
      }
    }
  }

  @Test
  void temporaryWorkDirsAreDeletedAtJvmExit() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LoadAndExit.class.getName(), "q10", "q13").redirectErrorStream(false).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    String[] dirs = out.split("\\R");
    assertThat(dirs).hasSize(2);
    for (String d : dirs) {
      assertThat(d).contains("weir-nexmark-q1");
      assertThat(new File(d)).doesNotExist();
    }
  }

  @Test
  void theSideInputIsWrittenWhileTheJvmRuns() {
    Path dir = NexmarkQuery.load("q13").workDir();
    assertThat(dir).isNotNull();
    assertThat(Files.exists(dir.resolve("side_input").resolve("side_input.csv"))).isTrue();
  }
}
