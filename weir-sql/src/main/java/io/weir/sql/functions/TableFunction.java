package io.weir.sql.functions;

import java.util.function.Consumer;

/**
 * A user table function, used as {@code FROM t, LATERAL TABLE(f(t.x))} or
 * {@code LEFT JOIN LATERAL TABLE(f(t.x)) ON TRUE}: public {@code eval(...)} methods (resolved like
 * {@link ScalarFunction}'s) emit zero or more rows with {@link #collect}. The output type is the
 * {@link FunctionHint} ({@code ROW<...>} emits {@link io.weir.core.types.Row}s with those fields)
 * or else {@code T} (one column named {@code f0}) taken from the class's generic superclass.
 *
 * <pre>{@code
 * @FunctionHint(output = "ROW<word STRING, len INT>")
 * public class Split extends TableFunction<Row> {
 *   public void eval(String s) { for (String w : s.split(" ")) collect(Row.of(w, w.length())); }
 * }
 * }</pre>
 */
public abstract class TableFunction<T> extends UserDefinedFunction {
  private transient Consumer<Object> collector;

  /** Emits one output row (or value, for a non-ROW output type). */
  protected final void collect(T row) {
    collector.accept(row);
  }

  /** Runtime plumbing: where {@link #collect} sends its values. */
  @SuppressWarnings("unchecked")
  public final void setCollector(Consumer<?> collector) {
    this.collector = (Consumer<Object>) collector;
  }
}
