package io.weir.datastream.join;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FunctionUtils;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RuntimeContext;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The window function of a window join: splits the window's elements by side and calls the join
 * function for every pair (inner join: nothing when one side is empty).
 */
public final class JoinWindowFunction<T1, T2, OUT, K, W extends Window>
    extends ProcessWindowFunction<TaggedUnion<T1, T2>, OUT, K, W> {
  private static final long serialVersionUID = 1L;

  private final FlatJoinFunction<T1, T2, OUT> flatJoin;
  private final JoinFunction<T1, T2, OUT> join;

  private JoinWindowFunction(FlatJoinFunction<T1, T2, OUT> flatJoin, JoinFunction<T1, T2, OUT> join) {
    this.flatJoin = flatJoin;
    this.join = join;
  }

  public static <T1, T2, OUT, K, W extends Window> JoinWindowFunction<T1, T2, OUT, K, W> of(JoinFunction<T1, T2, OUT> fn) {
    return new JoinWindowFunction<>(null, java.util.Objects.requireNonNull(fn, "join function"));
  }

  public static <T1, T2, OUT, K, W extends Window> JoinWindowFunction<T1, T2, OUT, K, W> of(FlatJoinFunction<T1, T2, OUT> fn) {
    return new JoinWindowFunction<>(java.util.Objects.requireNonNull(fn, "join function"), null);
  }

  private Object wrapped() {
    return join != null ? join : flatJoin;
  }

  @Override
  public void process(K key, Context context, Iterable<TaggedUnion<T1, T2>> elements, Collector<OUT> out) throws Exception {
    List<T1> ones = new ArrayList<>();
    List<T2> twos = new ArrayList<>();
    for (TaggedUnion<T1, T2> e : elements) {
      if (e.isOne()) {
        ones.add(e.getOne());
      } else {
        twos.add(e.getTwo());
      }
    }
    if (ones.isEmpty() || twos.isEmpty()) {
      return;
    }
    for (T1 a : ones) {
      for (T2 b : twos) {
        if (join != null) {
          out.collect(join.join(a, b));
        } else {
          flatJoin.join(a, b, out);
        }
      }
    }
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    super.setRuntimeContext(context);
    FunctionUtils.setRuntimeContext(wrapped(), context);
  }

  @Override
  public void open(OpenContext context) throws Exception {
    FunctionUtils.open(wrapped());
  }

  @Override
  public void close() throws Exception {
    FunctionUtils.close(wrapped());
  }

  @Override
  public String toString() {
    return wrapped().getClass().getSimpleName();
  }
}
