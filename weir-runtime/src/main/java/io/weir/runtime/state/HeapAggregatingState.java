package io.weir.runtime.state;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.state.AggregatingState;
import java.util.Collection;

/** Stores the accumulator; {@link #get()} is {@code getResult(acc)}, null when nothing was added. */
final class HeapAggregatingState<K, N, IN, ACC, OUT> extends AbstractHeapState<K, N, ACC>
    implements AggregatingState<IN, OUT>, InternalMergingState<K, N, IN, ACC, OUT> {
  private final AggregateFunction<IN, ACC, OUT> fn;

  HeapAggregatingState(
      HeapKeyedStateBackend<K> backend, StateTable<K, N, ACC> table, AggregateFunction<IN, ACC, OUT> fn) {
    super(backend, table);
    this.fn = fn;
  }

  @Override
  public OUT get() {
    ACC acc = getInternal();
    return acc == null ? null : fn.getResult(acc);
  }

  @Override
  public void add(IN value) {
    if (value == null) {
      clear();
      return;
    }
    ACC acc = getInternal();
    if (acc == null) {
      acc = fn.createAccumulator();
    }
    updateInternal(fn.add(value, acc));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ACC merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      ACC acc = getInternal(source);
      if (acc != null) {
        updateInternal(source, null);
        merged = merged == null ? acc : fn.merge(merged, acc);
      }
    }
    if (merged != null) {
      ACC existing = getInternal(target);
      updateInternal(target, existing == null ? merged : fn.merge(existing, merged));
    }
  }
}
