package io.weir.runtime.streamrecord;

/** Event time has reached {@code timestamp}: no record with a timestamp <= it should follow. */
public final class Watermark extends StreamElement {
  public static final Watermark MAX_WATERMARK = new Watermark(Long.MAX_VALUE);
  public static final Watermark MIN_WATERMARK = new Watermark(Long.MIN_VALUE);

  private final long timestamp;

  public Watermark(long timestamp) {
    this.timestamp = timestamp;
  }

  public long getTimestamp() {
    return timestamp;
  }

  @Override
  public boolean isWatermark() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Watermark w && w.timestamp == timestamp;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp);
  }

  @Override
  public String toString() {
    return "Watermark(" + (timestamp == Long.MAX_VALUE ? "+inf" : timestamp == Long.MIN_VALUE ? "-inf" : timestamp) + ")";
  }
}
