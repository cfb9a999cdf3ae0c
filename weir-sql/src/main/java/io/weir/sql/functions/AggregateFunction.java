package io.weir.sql.functions;

/**
 * A user aggregate function, used like SUM in GROUP BY queries. Besides {@link #createAccumulator}
 * and {@link #getValue}, declare public {@code accumulate(ACC acc, args...)} methods (resolved by
 * the SQL argument types like {@link ScalarFunction#eval}); optionally
 * {@code retract(ACC acc, args...)} (needed when the input is an update changelog in STREAMING
 * mode; without it the planner rejects such queries) and {@code merge(ACC acc, Iterable<ACC> others)}.
 * Accumulators are stored with Java serialization, so {@code ACC} must be {@link java.io.Serializable}.
 * The result type is {@code T} from the generic superclass or a class-level {@link FunctionHint}.
 */
public abstract class AggregateFunction<T, ACC> extends UserDefinedFunction {
  public abstract ACC createAccumulator();

  public abstract T getValue(ACC accumulator);
}
