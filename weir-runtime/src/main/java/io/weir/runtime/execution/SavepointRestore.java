package io.weir.runtime.execution;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.checkpoint.CheckpointStorage;
import io.weir.runtime.checkpoint.CompletedCheckpoint;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.runtime.state.OperatorSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start from a checkpoint the user names ({@code execution.savepoint.path}). State is matched
 * to operators by uid, so state whose uid no operator of the new job has would be lost without a
 * trace (a changed SQL query, a uid renamed or never set); as in Flink, that refuses the start
 * unless {@code execution.savepoint.ignore-unclaimed-state} is true. Failover restarts restore the
 * run's own checkpoints of the same graph and never come here.
 */
final class SavepointRestore {
  private static final Logger LOG = LoggerFactory.getLogger(SavepointRestore.class);
  private static final int MAX_LISTED_NEW_OPERATORS = 10;

  private SavepointRestore() {}

  /** The checkpoint to start from, or null when none is configured; throws if it cannot be used. */
  static RestoredCheckpoint load(JobGraph graph) {
    Configuration config = graph.getConfiguration();
    String configured = config.get(CoreOptions.SAVEPOINT_PATH);
    if (configured == null || configured.isBlank()) {
      return null;
    }
    String job = graph.getJobName();
    if (graph.getMode() == RuntimeExecutionMode.BATCH) {
      throw new IllegalArgumentException("Job '" + job + "' runs in BATCH mode, which does not restore state, "
          + "but execution.savepoint.path is set (" + configured + "): run it in STREAMING mode or unset the option");
    }
    Path dir = checkpointDirectory(job, Paths.get(configured.trim()));
    CompletedCheckpoint cp;
    try {
      cp = new CheckpointStorage(dir.getParent() != null ? dir.getParent() : dir, 1).load(dir);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("Job '" + job + "' cannot start from " + dir + ": " + e.getMessage(), e);
    }

    Map<String, String> jobOperators = new LinkedHashMap<>();
    for (StreamNode n : graph.getNodes()) {
      jobOperators.put(n.getUid(), n.getName());
    }
    Map<String, Set<String>> unclaimed = unclaimedState(cp, jobOperators.keySet());
    if (!unclaimed.isEmpty()) {
      String listed = describe(unclaimed, cp.operatorNames());
      if (!config.get(CoreOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)) {
        throw new IllegalStateException("Job '" + job + "' cannot start from checkpoint " + cp.checkpointId()
            + " in " + dir + ": it holds state of operators the job does not have (matched by uid): " + listed
            + ". Give those operators their old uids, or set execution.savepoint.ignore-unclaimed-state=true "
            + "(CLI: --allow-non-restored-state) to start without that state." + newOperators(cp, jobOperators));
      }
      LOG.warn("Job '{}' starts from checkpoint {} in {} WITHOUT the state of operators it does not have "
          + "(execution.savepoint.ignore-unclaimed-state=true); dropped: {}", job, cp.checkpointId(), dir, listed);
    }
    LOG.info("Job '{}' starts from checkpoint {} in {}", job, cp.checkpointId(), dir);
    Map<String, List<OperatorSnapshot>> ops = new LinkedHashMap<>(cp.operatorStates());
    ops.keySet().retainAll(jobOperators.keySet());
    Map<String, byte[]> coords = new LinkedHashMap<>(cp.coordinatorStates());
    coords.keySet().retainAll(jobOperators.keySet());
    return new RestoredCheckpoint(cp.checkpointId(), ops, coords);
  }

  /**
   * Accepts a {@code chk-<id>} directory, its {@code _metadata} file, or a job's checkpoint
   * directory (then its newest checkpoint that verifies, as a failover would pick).
   */
  static Path checkpointDirectory(String job, Path path) {
    String prefix = "Job '" + job + "' cannot start from " + path + ": ";
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(prefix + "no such file or directory (execution.savepoint.path)");
    }
    if (Files.isRegularFile(path)) {
      if (path.getFileName().toString().equals(CheckpointStorage.METADATA) && path.getParent() != null) {
        return path.getParent();
      }
      throw new IllegalArgumentException(prefix + "expected a checkpoint directory (chk-<id>), its "
          + CheckpointStorage.METADATA + " file, or a job's checkpoint directory");
    }
    if (Files.exists(path.resolve(CheckpointStorage.METADATA))) {
      return path;
    }
    CheckpointStorage storage = new CheckpointStorage(path, 1);
    Optional<CompletedCheckpoint> latest;
    try {
      latest = storage.latest();
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
    if (latest.isPresent()) {
      return storage.checkpointDir(latest.get().checkpointId());
    }
    String hint = looksLikeCheckpointRoot(path)
        ? " (it looks like state.checkpoints.dir: pass one job's directory below it)"
        : " (expected a chk-<id> directory with a " + CheckpointStorage.METADATA
            + " file, or a job's checkpoint directory holding them)";
    throw new IllegalArgumentException(prefix + "it holds no complete checkpoint" + hint);
  }

  private static boolean looksLikeCheckpointRoot(Path path) {
    try (Stream<Path> children = Files.list(path)) {
      return children.filter(Files::isDirectory).anyMatch(child -> {
        try (Stream<Path> grandChildren = Files.list(child)) {
          return grandChildren.anyMatch(g -> g.getFileName().toString().matches("chk-\\d+"));
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  /** Uid to the kinds of non-empty state the checkpoint holds for it, for uids not in {@code claimed}. */
  static Map<String, Set<String>> unclaimedState(CompletedCheckpoint cp, Set<String> claimed) {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    cp.operatorStates().forEach((uid, snapshots) -> {
      if (claimed.contains(uid)) {
        return;
      }
      Set<String> kinds = new LinkedHashSet<>();
      for (OperatorSnapshot s : snapshots) {
        if (s == null) {
          continue;
        }
        if (!s.keyedState.isEmpty()) {
          kinds.add("keyed state");
        }
        if (!s.timers.isEmpty()) {
          kinds.add("timers");
        }
        s.listState.forEach((name, list) -> {
          if (!list.isEmpty()) {
            kinds.add("operator state '" + name + "'");
          }
        });
        s.unionListState.forEach((name, list) -> {
          if (!list.isEmpty()) {
            kinds.add("union state '" + name + "'");
          }
        });
        s.broadcastState.keySet().forEach(name -> kinds.add("broadcast state '" + name + "'"));
      }
      if (!kinds.isEmpty()) {
        result.put(uid, kinds);
      }
    });
    cp.coordinatorStates().forEach((uid, state) -> {
      if (!claimed.contains(uid) && state != null) {
        result.computeIfAbsent(uid, u -> new LinkedHashSet<>()).add("split enumerator state");
      }
    });
    return result;
  }

  private static String describe(Map<String, Set<String>> unclaimed, Map<String, String> names) {
    List<String> parts = new ArrayList<>();
    unclaimed.forEach((uid, kinds) -> {
      String name = names.get(uid);
      parts.add("'" + uid + "' (" + (name != null ? "operator '" + name + "': " : "") + String.join(", ", kinds) + ")");
    });
    return String.join(", ", parts);
  }

  /** The job's operators the checkpoint does not know: likely where the unclaimed state should go. */
  private static String newOperators(CompletedCheckpoint cp, Map<String, String> jobOperators) {
    List<String> fresh = jobOperators.entrySet().stream()
        .filter(e -> !cp.operatorStates().containsKey(e.getKey()) && !cp.coordinatorStates().containsKey(e.getKey()))
        .map(e -> "'" + e.getKey() + "' ('" + e.getValue() + "')")
        .collect(Collectors.toList());
    if (fresh.isEmpty()) {
      return "";
    }
    String more = fresh.size() > MAX_LISTED_NEW_OPERATORS
        ? " and " + (fresh.size() - MAX_LISTED_NEW_OPERATORS) + " more" : "";
    return " Operators of the job that the checkpoint does not know: "
        + String.join(", ", fresh.subList(0, Math.min(fresh.size(), MAX_LISTED_NEW_OPERATORS))) + more + ".";
  }
}
