package io.weir.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the Weir and Java versions.")
class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    var out = spec.commandLine().getOut();
    out.println("Weir " + WeirCli.weirVersion());
    out.println("Java " + WeirCli.javaVersion());
    out.flush();
  }
}
