package io.weir.datastream.windowing.operators;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.state.KeyedStateBackend;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a window (or a pane of windows) keeps its elements in keyed state, with the window or pane
 * as namespace: a running reduce value, an aggregate accumulator, or the element list.
 * {@code ACC} is what is stored, {@code R} what the window function receives.
 *
 * <p>State objects returned by the backend may be reused across namespaces, so every operation
 * fetches the state for its namespace right before using it and never keeps it.
 */
public abstract class WindowContents<IN, ACC, R> implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String STATE_NAME = "_window-contents";

  /** Binds the contents to a subtask's keyed state; namespaces are serialized with {@code nsSerializer}. */
  public abstract <N> Handle<IN, ACC, R, N> bind(KeyedStateBackend<?> backend, TypeSerializer<N> nsSerializer);

  /** Short description for operator names. */
  public abstract String describe();

  public static <T> WindowContents<T, T, T> reducing(ReduceFunction<T> fn, TypeInfo<T> type) {
    return new Reducing<>(fn, type);
  }

  public static <IN, ACC, OUT> WindowContents<IN, ACC, OUT> aggregating(
      AggregateFunction<IN, ACC, OUT> fn, TypeInfo<ACC> accType) {
    return new Aggregating<>(fn, accType);
  }

  public static <T> WindowContents<T, List<T>, Iterable<T>> listing(TypeInfo<T> type) {
    return new Listing<>(type);
  }

  /** Contents bound to one subtask's state. All calls apply to the backend's current key. */
  public interface Handle<IN, ACC, R, N> {
    void add(N namespace, IN value) throws Exception;

    /** The stored accumulator, or null when the namespace holds nothing. */
    ACC get(N namespace) throws Exception;

    /** The value for the window function. */
    R result(ACC acc) throws Exception;

    /** Combines the accumulators of several panes into one window result (the inputs stay untouched); null when empty. */
    R combine(List<ACC> accs) throws Exception;

    void clear(N namespace);

    /** Moves the contents of {@code sources} into {@code target} (session merging). */
    void merge(N target, Collection<N> sources) throws Exception;
  }

  // ------------------------------------------------------------------ reduce

  static final class Reducing<T> extends WindowContents<T, T, T> {
    private static final long serialVersionUID = 1L;
    private final ReduceFunction<T> fn;
    private final TypeInfo<T> type;
    private final ValueStateDescriptor<T> descriptor;

    Reducing(ReduceFunction<T> fn, TypeInfo<T> type) {
      this.fn = fn;
      this.type = type;
      this.descriptor = new ValueStateDescriptor<>(STATE_NAME, type);
    }

    @Override
    public String describe() {
      return "Reduce";
    }

    @Override
    public <N> Handle<T, T, T, N> bind(KeyedStateBackend<?> backend, TypeSerializer<N> ns) {
      TypeSerializer<T> serializer = type.createSerializer();
      return new Handle<>() {
        private ValueState<T> state(N n) {
          return backend.getPartitionedState(n, ns, descriptor);
        }

        @Override
        public void add(N n, T value) throws Exception {
          ValueState<T> s = state(n);
          T current = s.value();
          // The first value is copied: reduce may modify its first argument, and the record may
          // be shared with other consumers of the stream.
          s.update(current == null ? serializer.copy(value) : fn.reduce(current, value));
        }

        @Override
        public T get(N n) {
          return state(n).value();
        }

        @Override
        public T result(T acc) {
          // Results travel downstream by reference: never hand out the object kept in state.
          return serializer.copy(acc);
        }

        @Override
        public T combine(List<T> accs) throws Exception {
          T result = null;
          for (T t : accs) {
            // The panes stay in state for later windows: reduce into a copy, never into them.
            result = result == null ? serializer.copy(t) : fn.reduce(result, t);
          }
          return result;
        }

        @Override
        public void clear(N n) {
          state(n).clear();
        }

        @Override
        public void merge(N target, Collection<N> sources) throws Exception {
          List<T> values = new ArrayList<>();
          for (N src : sources) {
            ValueState<T> s = state(src);
            T v = s.value();
            if (v != null) {
              values.add(v);
            }
            s.clear();
          }
          if (values.isEmpty()) {
            return;
          }
          ValueState<T> t = state(target);
          T acc = t.value();
          for (T v : values) {
            acc = acc == null ? v : fn.reduce(acc, v);
          }
          t.update(acc);
        }
      };
    }
  }

  // ------------------------------------------------------------------ aggregate

  static final class Aggregating<IN, ACC, OUT> extends WindowContents<IN, ACC, OUT> {
    private static final long serialVersionUID = 1L;
    private final AggregateFunction<IN, ACC, OUT> fn;
    private final ValueStateDescriptor<ACC> descriptor;

    Aggregating(AggregateFunction<IN, ACC, OUT> fn, TypeInfo<ACC> accType) {
      this.fn = fn;
      this.descriptor = new ValueStateDescriptor<>(STATE_NAME, accType);
    }

    @Override
    public String describe() {
      return "Aggregate";
    }

    @Override
    public <N> Handle<IN, ACC, OUT, N> bind(KeyedStateBackend<?> backend, TypeSerializer<N> ns) {
      TypeSerializer<ACC> accSerializer = descriptor.getValueType().createSerializer();
      return new Handle<>() {
        private ValueState<ACC> state(N n) {
          return backend.getPartitionedState(n, ns, descriptor);
        }

        @Override
        public void add(N n, IN value) {
          ValueState<ACC> s = state(n);
          ACC acc = s.value();
          s.update(fn.add(value, acc == null ? fn.createAccumulator() : acc));
        }

        @Override
        public ACC get(N n) {
          return state(n).value();
        }

        @Override
        public OUT result(ACC acc) {
          // getResult may return (part of) the accumulator, which stays in state: use a copy.
          return fn.getResult(accSerializer.copy(acc));
        }

        @Override
        public OUT combine(List<ACC> accs) {
          if (accs.isEmpty()) {
            return null;
          }
          if (accs.size() == 1) {
            return result(accs.get(0));
          }
          // merge(a, b) may reuse a: start from a fresh accumulator so pane state stays intact.
          ACC acc = fn.createAccumulator();
          for (ACC a : accs) {
            acc = fn.merge(acc, a);
          }
          return fn.getResult(acc);
        }

        @Override
        public void clear(N n) {
          state(n).clear();
        }

        @Override
        public void merge(N target, Collection<N> sources) {
          List<ACC> values = new ArrayList<>();
          for (N src : sources) {
            ValueState<ACC> s = state(src);
            ACC v = s.value();
            if (v != null) {
              values.add(v);
            }
            s.clear();
          }
          if (values.isEmpty()) {
            return;
          }
          ValueState<ACC> t = state(target);
          ACC acc = t.value();
          for (ACC v : values) {
            acc = acc == null ? v : fn.merge(acc, v);
          }
          t.update(acc);
        }
      };
    }
  }

  // ------------------------------------------------------------------ element list

  static final class Listing<T> extends WindowContents<T, List<T>, Iterable<T>> {
    private static final long serialVersionUID = 1L;
    private final ListStateDescriptor<T> descriptor;

    Listing(TypeInfo<T> type) {
      this.descriptor = new ListStateDescriptor<>(STATE_NAME, type);
    }

    @Override
    public String describe() {
      return "List";
    }

    @Override
    public <N> ListHandle<T, N> bind(KeyedStateBackend<?> backend, TypeSerializer<N> ns) {
      return new ListHandle<>(backend, ns, descriptor);
    }
  }

  /** Element lists; also supports keeping only the last n elements (sliding count windows). */
  public static final class ListHandle<T, N> implements Handle<T, List<T>, Iterable<T>, N> {
    private final KeyedStateBackend<?> backend;
    private final TypeSerializer<N> ns;
    private final ListStateDescriptor<T> descriptor;

    ListHandle(KeyedStateBackend<?> backend, TypeSerializer<N> ns, ListStateDescriptor<T> descriptor) {
      this.backend = backend;
      this.ns = ns;
      this.descriptor = descriptor;
    }

    private ListState<T> state(N n) {
      return backend.getPartitionedState(n, ns, descriptor);
    }

    @Override
    public void add(N n, T value) {
      state(n).add(value);
    }

    /** A copy of the list (state objects may be reused), or null when empty. */
    @Override
    public List<T> get(N n) {
      Iterable<T> it = state(n).get();
      if (it == null) {
        return null;
      }
      List<T> copy = new ArrayList<>();
      for (T t : it) {
        copy.add(t);
      }
      return copy.isEmpty() ? null : copy;
    }

    /** Drops all but the last {@code n} elements and returns what is left (null when empty). */
    public List<T> keepLast(N namespace, long n) {
      List<T> all = get(namespace);
      if (all == null || all.size() <= n) {
        return all;
      }
      List<T> kept = new ArrayList<>(all.subList((int) (all.size() - n), all.size()));
      state(namespace).update(kept);
      return kept;
    }

    @Override
    public Iterable<T> result(List<T> acc) {
      return acc;
    }

    @Override
    public Iterable<T> combine(List<List<T>> accs) {
      if (accs.isEmpty()) {
        return null;
      }
      if (accs.size() == 1) {
        return accs.get(0);
      }
      int n = 0;
      for (List<T> l : accs) {
        n += l.size();
      }
      List<T> all = new ArrayList<>(n);
      for (List<T> l : accs) {
        all.addAll(l);
      }
      return all;
    }

    @Override
    public void clear(N n) {
      state(n).clear();
    }

    @Override
    public void merge(N target, Collection<N> sources) {
      List<T> moved = new ArrayList<>();
      for (N src : sources) {
        List<T> l = get(src);
        if (l != null) {
          moved.addAll(l);
        }
        state(src).clear();
      }
      if (!moved.isEmpty()) {
        state(target).addAll(moved);
      }
    }
  }
}
