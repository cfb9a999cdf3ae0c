package io.weir.cli;

import io.weir.examples.Example;
import io.weir.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "example",
    description = {
      "Run a bundled example job (see 'weir examples').",
      "Options the CLI does not know (e.g. --orders 5000) are passed to the example."
    })
class ExampleCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "Example name: ${COMPLETION-CANDIDATES}",
      completionCandidates = Names.class)
  String name;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the example.")
  List<String> jobArgs = new ArrayList<>();

  @Mixin JobOptions jobOptions;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    Example example = Examples.find(name).orElseThrow(() -> new CommandLine.ParameterException(cl,
        "unknown example '" + name + "' (available: "
            + Examples.all().stream().map(Example::name).collect(Collectors.joining(", ")) + ")"));
    var conf = jobOptions.toConfiguration(cl);
    Logging.configure(WeirCli.isVerbose(cl));
    JobLauncher.runMain(example.mainClass(), jobArgs.toArray(String[]::new), conf);
    return 0;
  }

  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Examples.all().stream().map(Example::name).iterator();
    }
  }
}
