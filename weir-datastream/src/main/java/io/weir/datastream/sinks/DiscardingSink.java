package io.weir.datastream.sinks;

import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;

/** Drops every record (benchmarks, jobs run for their side effects). */
public class DiscardingSink<T> implements Sink<T> {
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {}

      @Override
      public void flush(boolean endOfInput) {}
    };
  }
}
