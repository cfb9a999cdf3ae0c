package io.weir.cli;

import io.weir.examples.Example;
import io.weir.examples.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "examples", description = "List the bundled example jobs.")
class ExamplesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    var out = spec.commandLine().getOut();
    int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (Example e : Examples.all()) {
      out.printf("  %-" + width + "s  %s%n", e.name(), e.description());
      if (!e.usage().isEmpty()) {
        out.printf("  %-" + width + "s  options: %s%n", "", e.usage());
      }
    }
    out.println();
    out.println("Run one with: weir example NAME [--mode streaming|batch|automatic] [--parallelism N] [OPTIONS]");
    out.flush();
  }
}
