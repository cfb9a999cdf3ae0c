package io.weir.core.eventtime;

import java.io.Serializable;

/** Extracts the event timestamp (epoch millis) of a record. */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
  /** Marker for "record has no timestamp". */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  long extractTimestamp(T element, long recordTimestamp);
}
