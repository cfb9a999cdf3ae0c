package io.weir.runtime.source;

import java.util.List;

/**
 * What the source coordinator sends to one reader's task, in order, through a queue the task
 * reads on its own thread. Checkpoint triggers travel in the same queue as split assignments, so
 * a reader's checkpoint contains exactly the splits assigned before the enumerator's snapshot.
 */
public sealed interface SourceEvent {
  record AddSplits(List<?> splits) implements SourceEvent {}

  record NoMoreSplits() implements SourceEvent {}

  record TriggerCheckpoint(long checkpointId, long timestamp) implements SourceEvent {}
}
