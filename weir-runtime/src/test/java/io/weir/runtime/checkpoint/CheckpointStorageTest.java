package io.weir.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.runtime.state.OperatorSnapshot;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointStorageTest {
  @TempDir Path dir;

  static OperatorSnapshot randomSnapshot(Random rnd) {
    OperatorSnapshot s = new OperatorSnapshot();
    for (int i = rnd.nextInt(5); i > 0; i--) {
      s.keyedState.put(rnd.nextInt(128), bytes(rnd));
      s.timers.put(rnd.nextInt(128), bytes(rnd));
    }
    List<byte[]> list = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      list.add(bytes(rnd));
    }
    s.listState.put("splits", list);
    s.unionListState.put("u", List.of(bytes(rnd)));
    s.broadcastState.put("rules", bytes(rnd));
    return s;
  }

  static byte[] bytes(Random rnd) {
    byte[] b = new byte[rnd.nextInt(200)];
    rnd.nextBytes(b);
    return b;
  }

  static CompletedCheckpoint checkpoint(long id, Random rnd) {
    Map<String, List<OperatorSnapshot>> ops = new LinkedHashMap<>();
    ops.put("source-1", List.of(randomSnapshot(rnd), randomSnapshot(rnd)));
    List<OperatorSnapshot> withNull = new ArrayList<>();
    withNull.add(randomSnapshot(rnd));
    withNull.add(null);
    ops.put("keyed/process:2", withNull);
    return new CompletedCheckpoint(id, 1000 + id, ops, Map.of("source-1", bytes(rnd)),
        Map.of("source-1", "Source: numbers", "keyed/process:2", "Process " + rnd.nextInt()));
  }

  static void assertSame(CompletedCheckpoint a, CompletedCheckpoint b) {
    assertThat(b.checkpointId()).isEqualTo(a.checkpointId());
    assertThat(b.timestamp()).isEqualTo(a.timestamp());
    assertThat(b.operatorStates().keySet()).containsExactlyElementsOf(a.operatorStates().keySet());
    a.operatorStates().forEach((uid, list) -> {
      List<OperatorSnapshot> other = b.operatorState(uid);
      assertThat(other).hasSize(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          assertThat(other.get(i)).isNull();
        } else {
          assertThat(bytesOf(other.get(i))).isEqualTo(bytesOf(list.get(i)));
        }
      }
    });
    assertThat(b.coordinatorStates().keySet()).isEqualTo(a.coordinatorStates().keySet());
    a.coordinatorStates().forEach((k, v) -> assertThat(b.coordinatorStates().get(k)).isEqualTo(v));
    assertThat(b.operatorNames()).isEqualTo(a.operatorNames());
  }

  static byte[] bytesOf(OperatorSnapshot s) {
    return OperatorSnapshotSerializer.serialize(s);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void roundTripsEveryPartOfTheState(long seed) throws Exception {
    Random rnd = new Random(seed);
    CheckpointStorage storage = new CheckpointStorage(dir, 1);
    CompletedCheckpoint cp = checkpoint(7, rnd);
    storage.store(cp);
    assertThat(dir.resolve("chk-7").resolve("_metadata")).exists();
    assertSame(cp, storage.latest().orElseThrow());
    // The serializer alone round-trips too (used by the test harness).
    OperatorSnapshot s = randomSnapshot(rnd);
    assertThat(bytesOf(OperatorSnapshotSerializer.deserialize(bytesOf(s)))).isEqualTo(bytesOf(s));
  }

  @Test
  void metadataWithoutOperatorNamesStillLoads() throws Exception {
    // checkpoints written before operator names were recorded end right after the coordinator states
    CheckpointStorage storage = new CheckpointStorage(dir, 1);
    CompletedCheckpoint cp = checkpoint(3, new Random(3));
    storage.store(new CompletedCheckpoint(3, cp.timestamp(), cp.operatorStates(), cp.coordinatorStates()));
    Path meta = storage.checkpointDir(3).resolve(CheckpointStorage.METADATA);
    java.nio.ByteBuffer old = java.nio.ByteBuffer.wrap(Files.readAllBytes(meta));
    int magic = old.getInt();
    byte version = old.get();
    int length = old.getInt() - 4; // without the names section's count (0)
    old.getLong();
    byte[] payload = Arrays.copyOfRange(old.array(), 17, 17 + length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(payload);
    java.nio.ByteBuffer rewritten = java.nio.ByteBuffer.allocate(17 + length);
    rewritten.putInt(magic).put(version).putInt(length).putLong(crc.getValue()).put(payload);
    Files.write(meta, rewritten.array());

    CompletedCheckpoint loaded = storage.latest().orElseThrow();
    assertThat(loaded.operatorNames()).isEmpty();
    assertThat(loaded.operatorStates().keySet()).isEqualTo(cp.operatorStates().keySet());
  }

  @Test
  void emptyDirectoryHasNoLatest() {
    assertThat(new CheckpointStorage(dir.resolve("missing"), 2).latest()).isEmpty();
  }

  @Test
  void checkpointWithoutMetadataIsIgnored() throws Exception {
    Random rnd = new Random(5);
    CheckpointStorage storage = new CheckpointStorage(dir, 3);
    storage.store(checkpoint(1, rnd));
    storage.store(checkpoint(2, rnd));
    // A crash after the state files but before the marker rename:
    Files.delete(dir.resolve("chk-2").resolve("_metadata"));
    assertThat(storage.latest()).get().extracting(CompletedCheckpoint::checkpointId).isEqualTo(1L);
    // Same for a half-written marker that never got renamed.
    Files.write(dir.resolve("chk-2").resolve("_metadata.inprogress"), new byte[] {1, 2, 3});
    assertThat(storage.latest()).get().extracting(CompletedCheckpoint::checkpointId).isEqualTo(1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"op-0-0.state", "op-1-0.state", "coord-0.state", "_metadata"})
  void aFlippedByteAnywhereMakesTheCheckpointInvisible(String file) throws Exception {
    Random rnd = new Random(file.hashCode());
    CheckpointStorage storage = new CheckpointStorage(dir, 3);
    CompletedCheckpoint first = checkpoint(1, rnd);
    storage.store(first);
    storage.store(checkpoint(2, rnd));
    Path victim = dir.resolve("chk-2").resolve(file);
    byte[] b = Files.readAllBytes(victim);
    int pos = 17 + rnd.nextInt(Math.max(1, b.length - 17));
    b[Math.min(pos, b.length - 1)] ^= 0x10;
    Files.write(victim, b);
    assertThatThrownBy(() -> storage.load(dir.resolve("chk-2")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("chk-2");
    assertSame(first, storage.latest().orElseThrow());
  }

  @Test
  void truncatedOrMissingStateFileIsDetected() throws Exception {
    Random rnd = new Random(9);
    CheckpointStorage storage = new CheckpointStorage(dir, 3);
    storage.store(checkpoint(1, rnd));
    storage.store(checkpoint(2, rnd));
    storage.store(checkpoint(3, rnd));
    Path f2 = dir.resolve("chk-2").resolve("op-0-1.state");
    Files.write(f2, Arrays.copyOf(Files.readAllBytes(f2), 20));
    Files.delete(dir.resolve("chk-3").resolve("coord-0.state"));
    assertThat(storage.latest()).get().extracting(CompletedCheckpoint::checkpointId).isEqualTo(1L);
  }

  @Test
  void keepsOnlyTheRetainedNewestAndRemovesAbandonedOnes() throws Exception {
    Random rnd = new Random(11);
    CheckpointStorage storage = new CheckpointStorage(dir, 2);
    storage.store(checkpoint(1, rnd));
    Files.createDirectories(dir.resolve("chk-2")); // abandoned attempt, older than what follows
    storage.store(checkpoint(3, rnd));
    storage.store(checkpoint(4, rnd));
    storage.store(checkpoint(5, rnd));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("chk-4", "chk-5");
    }
    assertThat(storage.latest()).get().extracting(CompletedCheckpoint::checkpointId).isEqualTo(5L);
  }

  @Test
  void storingAnIdAgainReplacesTheLeftover() throws Exception {
    Random rnd = new Random(13);
    CheckpointStorage storage = new CheckpointStorage(dir, 1);
    Path leftover = dir.resolve("chk-1");
    Files.createDirectories(leftover);
    Files.write(leftover.resolve("op-0-0.state"), new byte[] {9, 9});
    CompletedCheckpoint cp = checkpoint(1, rnd);
    storage.store(cp);
    assertSame(cp, storage.load(leftover));
  }
}
