package io.weir.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code weir} command. Exit codes: 0 success, 1 the job (or the command) failed, 2 bad usage.
 * A failure prints one line {@code Error: <cause>} to stderr; {@code --verbose} adds the stack
 * trace. Job output goes to stdout, everything else (logs, progress, errors) to stderr.
 */
@Command(
    name = "weir",
    mixinStandardHelpOptions = true,
    versionProvider = WeirCli.VersionProvider.class,
    description = "Weir: one engine for streams and batches. Runs DataStream jobs embedded in this JVM.",
    subcommands = {
      VersionCommand.class,
      RunCommand.class,
      ExamplesCommand.class,
      ExampleCommand.class,
      io.weir.cli.sql.SqlCommand.class,
      NexmarkCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  weir example wordcount --mode batch",
      "  weir run --jar my-job.jar --parallelism 2 -- --input data/"
    })
public class WeirCli implements Runnable {

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures and log at INFO.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show what there is to do instead of doing nothing silently.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI without exiting the JVM (tests). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new WeirCli());
    cl.setExecutionExceptionHandler(WeirCli::handleFailure);
    // Job arguments look like options (--input x): hand the ones the CLI does not know to the job.
    cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
    cl.getSubcommands().get("example").setUnmatchedOptionsArePositionalParams(true);
    return cl;
  }

  private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = isVerbose(cl);
    if (e instanceof CommandLine.ParameterException pe) {
      err.println("Error: " + pe.getMessage());
      err.flush();
      return 2;
    }
    err.println("Error: " + Failures.oneLine(e));
    if (verbose) {
      Failures.unwrap(e).printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  static boolean isVerbose(CommandLine cl) {
    for (CommandLine c = cl; c != null; c = c.getParent()) {
      if (c.getCommand() instanceof WeirCli w) {
        return w.verbose;
      }
    }
    return false;
  }

  /** The project version baked into the jar at build time. */
  static String weirVersion() {
    try (InputStream in = WeirCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException ignored) {
      // fall through to the manifest
    }
    String v = WeirCli.class.getPackage().getImplementationVersion();
    return v != null ? v : "unknown";
  }

  static String javaVersion() {
    return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
        + System.getProperty("java.vendor") + ")";
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Weir " + weirVersion(), "Java " + javaVersion()};
    }
  }
}
