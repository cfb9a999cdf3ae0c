package io.weir.runtime.state;

import io.weir.core.state.AppendingState;
import java.util.Collection;

/**
 * List, reducing and aggregating state can merge the values of several namespaces into one
 * (merging session windows): afterwards {@code target} holds the combination and the sources are
 * empty. Merging into an empty target just moves the value.
 */
public interface InternalMergingState<K, N, IN, SV, OUT>
    extends InternalKvState<K, N, SV>, AppendingState<IN, OUT> {
  void mergeNamespaces(N target, Collection<N> sources) throws Exception;
}
