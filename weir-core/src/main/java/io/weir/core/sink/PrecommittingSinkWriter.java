package io.weir.core.sink;

import java.util.Collection;

public interface PrecommittingSinkWriter<T, CommT> extends SinkWriter<T> {
  /** Pre-commits what was written since the last call; after flush. */
  Collection<CommT> prepareCommit() throws Exception;
}
