package io.weir.datastream.collect;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-JVM rendezvous between collect sinks and result iterators, keyed by a random id that the
 * sink carries (the sink itself is copied per subtask, the channel is not).
 */
public final class CollectRegistry {
  private static final Map<String, CollectChannel<?>> CHANNELS = new ConcurrentHashMap<>();

  private CollectRegistry() {}

  public static <T> CollectChannel<T> open() {
    return open(CollectChannel.DEFAULT_CAPACITY);
  }

  public static <T> CollectChannel<T> open(int capacity) {
    String id = UUID.randomUUID().toString();
    CollectChannel<T> channel = new CollectChannel<>(id, capacity);
    CHANNELS.put(id, channel);
    return channel;
  }

  @SuppressWarnings("unchecked")
  public static <T> CollectChannel<T> lookup(String id) {
    CollectChannel<T> channel = (CollectChannel<T>) CHANNELS.get(id);
    if (channel == null) {
      throw new IllegalStateException(
          "collect sink " + id + " has no reader in this JVM: executeAndCollect() works only with the "
              + "embedded engine, and the result iterator may already be closed");
    }
    return channel;
  }

  /** Forgets a channel whose job never started or whose iterator is closed. */
  public static void release(String id) {
    CHANNELS.remove(id);
  }

  static int openChannels() {
    return CHANNELS.size();
  }
}
