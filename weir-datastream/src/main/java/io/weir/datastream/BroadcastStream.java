package io.weir.datastream;

import io.weir.core.state.MapStateDescriptor;
import java.util.List;

/**
 * A stream sent to every parallel instance of the operator it is connected to, together with the
 * descriptors of the broadcast state that operator keeps. Made by {@link DataStream#broadcast(MapStateDescriptor[])}.
 */
public class BroadcastStream<T> {
  private final StreamExecutionEnvironment environment;
  private final DataStream<T> broadcastPartitioned;
  private final List<MapStateDescriptor<?, ?>> descriptors;

  public BroadcastStream(StreamExecutionEnvironment environment, DataStream<T> broadcastPartitioned,
      List<MapStateDescriptor<?, ?>> descriptors) {
    this.environment = environment;
    this.broadcastPartitioned = broadcastPartitioned;
    this.descriptors = List.copyOf(descriptors);
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  /** The input with broadcast partitioning. */
  public DataStream<T> getBroadcastPartitionedStream() {
    return broadcastPartitioned;
  }

  public List<MapStateDescriptor<?, ?>> getBroadcastStateDescriptors() {
    return descriptors;
  }

  public io.weir.core.types.TypeInfo<T> getType() {
    return broadcastPartitioned.getType();
  }
}
