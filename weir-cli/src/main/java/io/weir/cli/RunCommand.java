package io.weir.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = {
      "Run a DataStream job from a jar, embedded in this JVM.",
      "Arguments after the options (or after --) are passed to the job's main method."
    })
class RunCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = {"-j", "--jar"}, required = true, paramLabel = "JOB.jar", description = "The job jar.")
  File jar;

  @Option(
      names = {"-c", "--class"},
      paramLabel = "MAIN",
      description = "The job's main class (default: Main-Class of the jar's manifest).")
  String mainClassName;

  @Mixin JobOptions jobOptions;

  @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments for the job.")
  List<String> jobArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    var conf = jobOptions.toConfiguration(cl);
    if (!jar.isFile()) {
      throw new CommandLine.ParameterException(cl, "job jar not found: " + jar);
    }
    String className = mainClassName != null ? mainClassName : manifestMainClass(cl, jar);
    Logging.configure(WeirCli.isVerbose(cl));
    // Parent-first: the job sees the same Weir classes as the engine (one copy of the API).
    try (URLClassLoader loader = new URLClassLoader(
        "weir-job", new URL[] {jarUrl(jar)}, WeirCli.class.getClassLoader())) {
      Class<?> mainClass;
      try {
        mainClass = Class.forName(className, false, loader);
      } catch (ClassNotFoundException | NoClassDefFoundError e) {
        throw new CommandLine.ParameterException(cl, "class " + className + " not found in " + jar);
      }
      JobLauncher.runMain(mainClass, jobArgs.toArray(String[]::new), conf);
    }
    return 0;
  }

  private static String manifestMainClass(CommandLine cl, File jar) {
    try (JarFile jf = new JarFile(jar)) {
      Manifest m = jf.getManifest();
      String main = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      if (main == null || main.isBlank()) {
        throw new CommandLine.ParameterException(cl,
            "no Main-Class in the manifest of " + jar + ": pass the job's main class with --class");
      }
      return main.trim();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cl, "cannot read " + jar + " as a jar: " + e.getMessage());
    }
  }

  private static URL jarUrl(File jar) throws MalformedURLException {
    return jar.getAbsoluteFile().toURI().toURL();
  }
}
