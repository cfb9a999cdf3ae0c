package io.weir.core.sink;

import java.util.Collection;

/** Publishes pre-committed data. Must be idempotent: it may see the same committable twice. */
public interface Committer<CommT> extends AutoCloseable {
  void commit(Collection<CommT> committables) throws Exception;

  @Override
  default void close() throws Exception {}
}
