package io.weir.cli.sql;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.weir.cli.RestoreOptions;
import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.sql.api.TableEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir sql}: runs a SQL script ({@code -f FILE.sql}, {@code -f -} for standard input) or,
 * without {@code -f}, opens the interactive shell. Exit codes: 0 success, 1 a statement failed
 * (its message on stderr), 2 bad usage. Only result rows go to stdout in csv/json format.
 */
@Command(
    name = "sql",
    description = {
      "Run SQL: a script with -f, or an interactive shell without it.",
      "Statements end with ';'. In csv/json format stdout holds only result rows."
    },
    footer = {
      "",
      "Examples:",
      "  weir sql -f job.sql --mode batch --format csv > out.csv",
      "  echo \"SELECT 1 AS x;\" | weir sql -f - --format json",
      "  weir sql"
    })
public class SqlCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE.sql", description = "The script to run; '-' reads standard input.")
  String file;

  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      description = "streaming (default), batch or automatic (batch when every source is bounded).")
  String mode;

  @Option(names = {"-p", "--parallelism"}, paramLabel = "N", description = "Default parallelism (default 1).")
  Integer parallelism;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table (default for the shell), csv (default with -f) or json.")
  String format;

  @Option(
      names = "--changelog",
      description = "Print the change stream of updating queries with a leading op column (+I, -U, +U, -D)"
          + " instead of the final result.")
  boolean changelog;

  @CommandLine.Mixin
  RestoreOptions restore = new io.weir.cli.RestoreOptions();

  @Option(names = "-D", paramLabel = "<key=value>", description = "Any session option, e.g. -D table.exec.state.ttl='1 h'.")
  Map<String, String> properties = new LinkedHashMap<>();

  /** Where results go; tests replace them. */
  PrintStream out = System.out;
  PrintStream err = System.err;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    boolean verbose = isVerbose();
    configureLogging(verbose);
    Configuration conf = configuration(cl);
    OutputFormat fmt = format == null ? (file == null ? OutputFormat.TABLE : OutputFormat.CSV) : parseFormat(cl, format);
    if (file == null) {
      return new SqlShell(conf, fmt, changelog, verbose).run();
    }
    String script = readScript(cl);
    TableEnvironment env = TableEnvironment.create(conf);
    ResultPrinter printer = new ResultPrinter(out, err, fmt, changelog);
    return new SqlScriptRunner(env, printer, err, verbose).run(script);
  }

  private String readScript(CommandLine cl) throws IOException {
    if (file.equals("-")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    File f = new File(file);
    if (!f.isFile()) {
      throw new CommandLine.ParameterException(cl, "SQL file not found: " + file);
    }
    return Files.readString(f.toPath(), StandardCharsets.UTF_8);
  }

  Configuration configuration(CommandLine cl) {
    Configuration conf = new Configuration();
    properties.forEach(conf::setString);
    if (mode != null) {
      try {
        conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.parse(mode));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl,
            "Invalid value for option '--mode': '" + mode + "' is not a mode (expected streaming, batch or automatic)");
      }
    }
    restore.applyTo(conf);
    if (parallelism != null) {
      if (parallelism < 1) {
        throw new CommandLine.ParameterException(cl,
            "Invalid value for option '--parallelism': must be at least 1, got " + parallelism);
      }
      conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    }
    return conf;
  }

  private static OutputFormat parseFormat(CommandLine cl, String value) {
    try {
      return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl,
          "Invalid value for option '--format': '" + value + "' (expected table, csv or json)");
    }
  }

  private boolean isVerbose() {
    CommandLine.Model.OptionSpec v = spec.root().findOption("--verbose");
    return v != null && Boolean.TRUE.equals(v.getValue());
  }

  /** Logs go to stderr (logback.xml); WARN unless --verbose. */
  private static void configureLogging(boolean verbose) {
    if (verbose && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}
