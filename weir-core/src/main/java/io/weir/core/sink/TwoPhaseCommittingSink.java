package io.weir.core.sink;

import io.weir.core.types.TypeSerializer;

/**
 * An exactly-once sink: at a checkpoint barrier the writer pre-commits (e.g. closes and renames
 * a file to a pending name) and returns committables, which are stored in the checkpoint; once the
 * checkpoint completes the committer publishes them. After a restore, committables from the
 * restored checkpoint are committed again, so {@link Committer#commit} must be idempotent. In
 * BATCH mode (and at the end of a bounded STREAMING job) the committables are committed when the
 * input ends.
 */
public interface TwoPhaseCommittingSink<T, CommT> extends Sink<T> {
  @Override
  PrecommittingSinkWriter<T, CommT> createWriter(SinkContext context) throws Exception;

  Committer<CommT> createCommitter() throws Exception;

  TypeSerializer<CommT> getCommittableSerializer();
}
