package io.weir.runtime.operators;

import io.weir.core.functions.Collector;
import io.weir.runtime.streamrecord.StreamRecord;

/** A {@link Collector} that emits to an {@link Output} with a given timestamp, reusing one wrapper. */
public final class TimestampedCollector<T> implements Collector<T> {
  private final Output<T> output;
  private final StreamRecord<T> reuse = new StreamRecord<>(null);

  public TimestampedCollector(Output<T> output) {
    this.output = output;
  }

  public void setTimestamp(StreamRecord<?> from) {
    reuse.setTimestamp(from.getTimestamp());
  }

  public void setAbsoluteTimestamp(long timestamp) {
    reuse.setTimestamp(timestamp);
  }

  public void eraseTimestamp() {
    reuse.eraseTimestamp();
  }

  @Override
  public void collect(T record) {
    output.collect(reuse.replace(record));
  }
}
