package io.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cli.WeirCliTest.Run;
import io.weir.runtime.checkpoint.CheckpointStorage;
import io.weir.runtime.checkpoint.CompletedCheckpoint;
import io.weir.runtime.state.OperatorSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --from-savepoint} and {@code --allow-non-restored-state} reach the job. */
class FromSavepointOptionTest {

  /** A checkpoint holding keyed state of an operator uid no example has. */
  private static Path checkpointWithForeignState(Path root) {
    OperatorSnapshot s = new OperatorSnapshot();
    s.keyedState.put(7, new byte[] {1, 2, 3});
    CheckpointStorage storage = new CheckpointStorage(root, 1);
    storage.store(new CompletedCheckpoint(4, 0, Map.of("removed-operator", List.of(s)), Map.of(),
        Map.of("removed-operator", "Old Counter")));
    return storage.checkpointDir(4);
  }

  @Test
  void unclaimedStateRefusesTheStartWithOneLineNamingIt(@TempDir Path root) {
    Path chk = checkpointWithForeignState(root);
    Run r = WeirCliTest.run("example", "wordcount", "--mode", "streaming", "--from-savepoint", chk.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("'removed-operator' (operator 'Old Counter': keyed state)")
        .contains(chk.toString())
        .contains("--allow-non-restored-state")
        .doesNotContain("\tat ");
  }

  @Test
  void allowNonRestoredStateStartsWithoutIt(@TempDir Path root) {
    Path chk = checkpointWithForeignState(root);
    Run r = WeirCliTest.run("example", "wordcount", "--top", "3", "--mode", "streaming", "-s", chk.toString(), "-n");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Top 3 words:");
  }

  @Test
  void sqlCommandPassesTheOptionsToItsJobs(@TempDir Path root) throws Exception {
    Path chk = checkpointWithForeignState(root.resolve("cp"));
    Path script = java.nio.file.Files.writeString(root.resolve("q.sql"), "SELECT 1 AS x;\n");
    Run refused = WeirCliTest.run("sql", "-f", script.toString(), "-m", "streaming", "--from-savepoint", chk.toString());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("'removed-operator'").doesNotContain("\tat ");
    Run allowed = WeirCliTest.run("sql", "-f", script.toString(), "-m", "streaming", "-s", chk.toString(), "-n");
    assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("1");
  }

  @Test
  void missingSavepointIsOneLine(@TempDir Path root) {
    Run r = WeirCliTest.run("example", "wordcount", "--mode", "streaming", "-s", root.resolve("gone").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(root.resolve("gone") + ": no such file or directory").doesNotContain("\tat ");
  }
}
