package io.weir.connectors.file;

import java.io.Serializable;

/**
 * Chooses the subdirectory (relative to the sink's directory) a record is written to, e.g. a
 * date: {@code order -> order.day().toString()}. Null or empty means the sink's directory itself.
 */
@FunctionalInterface
public interface BucketAssigner<T> extends Serializable {
  String getBucketId(T element);
}
