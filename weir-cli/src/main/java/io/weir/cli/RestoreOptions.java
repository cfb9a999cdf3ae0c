package io.weir.cli;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import picocli.CommandLine.Option;

/** Starting STREAMING jobs from a checkpoint: the options of {@code run}, {@code example} and {@code sql}. */
public final class RestoreOptions {
  @Option(
      names = {"-s", "--from-savepoint"},
      paramLabel = "PATH",
      description = "STREAMING: start from this checkpoint: a chk-<id> directory or a job's checkpoint directory "
          + "below state.checkpoints.dir (its newest complete checkpoint). Same as -D execution.savepoint.path=PATH.")
  String fromSavepoint;

  @Option(
      names = {"-n", "--allow-non-restored-state"},
      description = "With --from-savepoint: start even if the checkpoint holds state of operators (uids) the job "
          + "no longer has; that state is dropped. Same as -D execution.savepoint.ignore-unclaimed-state=true.")
  boolean allowNonRestoredState;

  /** Sets the restore options given on the command line (over any -D of the same keys). */
  public void applyTo(Configuration conf) {
    if (fromSavepoint != null) {
      conf.set(CoreOptions.SAVEPOINT_PATH, fromSavepoint);
    }
    if (allowNonRestoredState) {
      conf.set(CoreOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    }
  }
}
