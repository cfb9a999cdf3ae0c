package io.weir.core.sink;

import java.io.Serializable;

/** Consumes a stream: one writer per parallel subtask. */
public interface Sink<T> extends Serializable {
  SinkWriter<T> createWriter(SinkContext context) throws Exception;
}
