package io.weir.nexmark.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Measures one engine in a JVM of its own: this program again with {@code --engines ENGINE --json},
 * the same JVM options and class path. Sharing a JVM lets the engine that runs first warm the JIT,
 * fill the heap and leave its threads for the other, so the honest comparison forks.
 */
final class ForkedRuns {
  /** What a forked run reported for one query: a measurement, or the error it printed. */
  record Result(Measurement measurement, String error) {}

  private ForkedRuns() {}

  /** Runs {@code engine} on all {@code queries} in a child JVM; the child's stderr goes to ours. */
  static Map<String, Result> run(String engine, List<String> queries, List<String> options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    String classPath = System.getProperty("java.class.path");
    if (startedAsJar(classPath)) {
      // started with -jar: the manifest carries the class path and Flink's --add-opens
      command.add("-jar");
      command.add(classPath);
    } else {
      command.add("-cp");
      command.add(classPath);
      command.add(CompareMain.class.getName());
    }
    command.add("--engines");
    command.add(engine);
    command.add("--json");
    command.add("--verify-events");
    command.add("0");
    command.add("--same-jvm");
    command.add("--query");
    command.add(String.join(",", queries));
    command.addAll(options);

    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, Result> results = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (!line.startsWith("{")) {
          continue; // a library's own output on stdout
        }
        JsonNode o = json.readTree(line);
        String query = o.get("query").asText();
        JsonNode error = o.get(engine + "_error");
        JsonNode wall = o.get(engine + "_wall_s");
        Measurement m = wall == null || wall.isNull() ? null
            : new Measurement(engine, query, o.get("parallelism").asInt(), o.get("events").asLong(), wall.asDouble(),
                o.get(engine + "_cpu_s").asDouble());
        results.put(query, new Result(m, error == null || error.isNull() ? null : error.asText()));
      }
    }
    int exit = child.waitFor();
    if (exit != 0) {
      throw new IOException("the " + engine + " JVM (" + String.join(" ", command) + ") exited with " + exit);
    }
    return results;
  }

  /** Whether the class path is this program's own jar (and not, say, a test runner's manifest-only jar). */
  private static boolean startedAsJar(String classPath) throws IOException {
    if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return false;
    }
    try (JarFile jar = new JarFile(classPath)) {
      Manifest manifest = jar.getManifest();
      return manifest != null
          && CompareMain.class.getName().equals(manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
    }
  }
}
