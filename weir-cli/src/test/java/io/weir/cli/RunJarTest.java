package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.runtime.execution.JobExecutionException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir run --jar}: a job compiled at test time into a jar that is NOT on the test
 * classpath, so the job's classes (and its lambdas, which the engine copies per subtask by
 * serialization) can only come from the jar's class loader.
 */
class RunJarTest {
  @TempDir static Path dir;
  static Path jobJar;
  static Path noManifestJar;

  private static final String JOB_SOURCE = """
      package testjob;

      import io.weir.core.config.CoreOptions;
      import io.weir.datastream.StreamExecutionEnvironment;
      import java.util.ArrayList;
      import java.util.List;

      public class SquaresJob {
        public static void main(String[] args) throws Exception {
          StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
          boolean fail = List.of(args).contains("fail");
          long to = 20;
          System.out.println("mode=" + env.getConfiguration().get(CoreOptions.RUNTIME_MODE)
              + " parallelism=" + env.getParallelism() + " args=" + String.join(",", args));
          System.out.println("contextLoaderIsJobLoader="
              + (Thread.currentThread().getContextClassLoader() == SquaresJob.class.getClassLoader()));
          List<Long> squares = new ArrayList<>(env.fromSequence(1, to)
              .map(x -> {
                if (fail && x == 7) {
                  throw new IllegalStateException("seven is not allowed");
                }
                return x * x;
              })
              .name("square")
              .executeAndCollect(1000));
          long sum = 0;
          for (long s : squares) {
            sum += s;
          }
          System.out.println("count=" + squares.size() + " sum=" + sum);
        }
      }
      """;

  @BeforeAll
  static void buildJobJar() throws Exception {
    Path src = dir.resolve("src/testjob/SquaresJob.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, JOB_SOURCE);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK with javac runs the tests").isNotNull();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", weirClasspath(), "--release", "17",
        src.toString());
    assertThat(rc).as("compiling the test job").isZero();
    jobJar = dir.resolve("squares-job.jar");
    writeJar(classes, jobJar, "testjob.SquaresJob");
    noManifestJar = dir.resolve("no-main.jar");
    writeJar(classes, noManifestJar, null);
  }

  @Test
  void runsTheManifestMainClassWithModeParallelismAndArgs() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", jobJar.toString(), "--mode", "batch", "-p", "2",
        "--", "alpha", "beta");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode=BATCH parallelism=2 args=alpha,beta");
    assertThat(r.out()).contains("contextLoaderIsJobLoader=true");
    assertThat(r.out()).contains("count=20 sum=" + sumOfSquares(20));
  }

  @Test
  void jobOptionsAfterTheJarArePassedThrough() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", jobJar.toString(), "--input", "x.csv", "--mode", "streaming");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode=STREAMING parallelism=1 args=--input,x.csv");
    assertThat(r.out()).contains("count=20 sum=" + sumOfSquares(20));
  }

  @Test
  void explicitClassWorksWithoutManifest() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", noManifestJar.toString(), "--class", "testjob.SquaresJob");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("count=20 sum=" + sumOfSquares(20));
  }

  @Test
  void missingManifestMainClassIsAUsageError() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", noManifestJar.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no Main-Class in the manifest").contains("--class");
  }

  @Test
  void unknownClassIsAUsageError() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", jobJar.toString(), "--class", "testjob.Nope");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("class testjob.Nope not found in");
  }

  @Test
  void failingJobPrintsTheOneLineCauseAndExitsOne() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", jobJar.toString(), "fail");
    assertThat(r.exitCode()).isEqualTo(1);
    String firstErrorLine = r.err().lines().filter(l -> l.startsWith("Error: ")).findFirst().orElse("");
    assertThat(firstErrorLine)
        .contains("'square'")
        .contains("7")
        .contains("IllegalStateException: seven is not allowed");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void verboseAddsTheStackTrace() {
    WeirCliTest.Run r = WeirCliTest.run("--verbose", "run", "--jar", jobJar.toString(), "fail");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: ").contains("\tat ").contains(JobExecutionException.class.getName());
  }

  @Test
  void defaultsAreResetAfterTheJob() {
    WeirCliTest.Run r = WeirCliTest.run("run", "--jar", jobJar.toString(), "--mode", "batch");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // a later job in the same JVM must not inherit the CLI's settings
    assertThat(StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration().get(CoreOptions.RUNTIME_MODE))
        .isEqualTo(RuntimeExecutionMode.STREAMING);
  }

  private static long sumOfSquares(long n) {
    long s = 0;
    for (long i = 1; i <= n; i++) {
      s += i * i;
    }
    return s;
  }

  /** The directories/jars holding Weir's classes, found from the classes themselves. */
  private static String weirClasspath() throws URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(
        io.weir.core.config.Configuration.class,
        io.weir.runtime.execution.LocalExecutor.class,
        StreamExecutionEnvironment.class)) {
      entries.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void writeJar(Path classes, Path jar, String mainClass) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os, m);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
  }
}
