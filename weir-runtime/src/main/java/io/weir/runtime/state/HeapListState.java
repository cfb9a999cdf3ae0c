package io.weir.runtime.state;

import io.weir.core.state.ListState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * {@link #get()} returns an empty list rather than null when there is nothing stored (as Flink's
 * user-facing list state does), so callers can always iterate. The returned list is a read-only
 * view of the stored one.
 */
final class HeapListState<K, N, T> extends AbstractHeapState<K, N, List<T>>
    implements ListState<T>, InternalMergingState<K, N, T, List<T>, Iterable<T>> {
  HeapListState(HeapKeyedStateBackend<K> backend, StateTable<K, N, List<T>> table) {
    super(backend, table);
  }

  @Override
  public Iterable<T> get() {
    List<T> list = getInternal();
    return list == null ? Collections.emptyList() : Collections.unmodifiableList(list);
  }

  @Override
  public void add(T value) {
    if (value == null) {
      throw new NullPointerException("list state '" + table.name + "' does not accept null elements");
    }
    List<T> list = getInternal();
    if (list == null) {
      list = new ArrayList<>();
      updateInternal(list);
    }
    list.add(value);
  }

  @Override
  public void update(List<T> values) {
    if (values == null) {
      throw new NullPointerException("list state '" + table.name + "': update(null), use clear() to empty it");
    }
    if (values.isEmpty()) {
      clear();
      return;
    }
    updateInternal(checkedCopy(values));
  }

  @Override
  public void addAll(List<T> values) {
    if (values == null) {
      throw new NullPointerException("list state '" + table.name + "': addAll(null)");
    }
    if (values.isEmpty()) {
      return;
    }
    List<T> copy = checkedCopy(values);
    List<T> list = getInternal();
    if (list == null) {
      updateInternal(copy);
    } else {
      list.addAll(copy);
    }
  }

  private List<T> checkedCopy(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    for (T t : copy) {
      if (t == null) {
        throw new NullPointerException("list state '" + table.name + "' does not accept null elements");
      }
    }
    return copy;
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    List<T> merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      List<T> list = getInternal(source);
      if (list != null) {
        updateInternal(source, null);
        if (merged == null) {
          merged = list;
        } else {
          merged.addAll(list);
        }
      }
    }
    if (merged != null) {
      List<T> existing = getInternal(target);
      if (existing == null) {
        updateInternal(target, merged);
      } else {
        existing.addAll(merged);
      }
    }
  }
}
