package io.weir.datastream.functions;

import io.weir.core.state.State;

/** Applied to the state of every key, e.g. from the broadcast side of a keyed broadcast function. */
@FunctionalInterface
public interface KeyedStateFunction<K, S extends State> {
  void process(K key, S state) throws Exception;
}
