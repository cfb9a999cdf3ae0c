package io.weir.cli;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code example}: they become the jobs' default configuration. */
class JobOptions {
  @Option(
      names = {"-m", "--mode"},
      paramLabel = "MODE",
      converter = ModeConverter.class,
      description = "streaming, batch or automatic (batch when every source is bounded). Default: the job's own choice, else streaming.")
  RuntimeExecutionMode mode;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "N",
      description = "Default parallelism of the job's operators (default: the job's own choice, else 1).")
  Integer parallelism;

  @CommandLine.Mixin
  RestoreOptions restore = new RestoreOptions();

  @Option(
      names = "-D",
      paramLabel = "<key=value>",
      description = "Any configuration option, e.g. -D execution.batch.memory-budget=64mb (may repeat).")
  Map<String, String> properties = new LinkedHashMap<>();

  Configuration toConfiguration(CommandLine cl) {
    Configuration conf = new Configuration();
    properties.forEach(conf::setString);
    if (mode != null) {
      conf.set(CoreOptions.RUNTIME_MODE, mode);
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

  static final class ModeConverter implements CommandLine.ITypeConverter<RuntimeExecutionMode> {
    @Override
    public RuntimeExecutionMode convert(String value) {
      try {
        return RuntimeExecutionMode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a mode (expected streaming, batch or automatic)");
      }
    }
  }
}
