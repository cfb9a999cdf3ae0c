package io.weir.runtime.streamrecord;

/**
 * A record value with its event timestamp. The wrapper is mutable and reused along a chain
 * ({@link #replace}); operators must not keep a reference to it, only to its value.
 */
public final class StreamRecord<T> extends StreamElement {
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private T value;
  private long timestamp;

  public StreamRecord(T value) {
    this(value, NO_TIMESTAMP);
  }

  public StreamRecord(T value, long timestamp) {
    this.value = value;
    this.timestamp = timestamp;
  }

  public T getValue() {
    return value;
  }

  public long getTimestamp() {
    return timestamp;
  }

  public boolean hasTimestamp() {
    return timestamp != NO_TIMESTAMP;
  }

  /** Reuses this wrapper for another value, keeping the timestamp. */
  @SuppressWarnings("unchecked")
  public <X> StreamRecord<X> replace(X newValue) {
    this.value = (T) newValue;
    return (StreamRecord<X>) this;
  }

  @SuppressWarnings("unchecked")
  public <X> StreamRecord<X> replace(X newValue, long newTimestamp) {
    this.value = (T) newValue;
    this.timestamp = newTimestamp;
    return (StreamRecord<X>) this;
  }

  public void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  public void eraseTimestamp() {
    this.timestamp = NO_TIMESTAMP;
  }

  public StreamRecord<T> copy(T newValue) {
    return new StreamRecord<>(newValue, timestamp);
  }

  @Override
  public boolean isRecord() {
    return true;
  }

  @Override
  public String toString() {
    return "Record(" + value + (hasTimestamp() ? " @" + timestamp : "") + ")";
  }
}
