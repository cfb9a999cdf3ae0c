package io.weir.datastream.sinks;

import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.datastream.collect.CollectChannel;
import io.weir.datastream.collect.CollectRegistry;

/**
 * Sends records to the {@link io.weir.datastream.collect.CollectResultIterator} of
 * executeAndCollect() in the same JVM. Writing waits while the iterator's queue is full
 * (backpressure). After a restart records may be delivered again (at least once).
 */
public class CollectSink<T> implements Sink<T> {
  private final String channelId;

  public CollectSink(String channelId) {
    this.channelId = channelId;
  }

  public String getChannelId() {
    return channelId;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    CollectChannel<T> channel = CollectRegistry.lookup(channelId);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) throws InterruptedException {
        channel.put(element);
      }

      @Override
      public void flush(boolean endOfInput) {}
    };
  }
}
