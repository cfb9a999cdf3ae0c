package io.weir.core.functions;

/** Custom partitioning: chooses a channel for a key. */
@FunctionalInterface
public interface Partitioner<K> extends Function {
  int partition(K key, int numPartitions);
}
