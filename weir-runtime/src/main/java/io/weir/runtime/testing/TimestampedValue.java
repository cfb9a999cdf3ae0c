package io.weir.runtime.testing;

import io.weir.runtime.streamrecord.StreamRecord;

/**
 * A value with its event timestamp: an input record or an expected output record in
 * {@link OperatorTestSupport}. {@link StreamRecord#NO_TIMESTAMP} means "no timestamp".
 */
public record TimestampedValue<T>(T value, long timestamp) {
  public static <T> TimestampedValue<T> of(StreamRecord<T> record) {
    return new TimestampedValue<>(record.getValue(), record.getTimestamp());
  }

  @Override
  public String toString() {
    return value + (timestamp == StreamRecord.NO_TIMESTAMP ? "" : "@" + timestamp);
  }
}
