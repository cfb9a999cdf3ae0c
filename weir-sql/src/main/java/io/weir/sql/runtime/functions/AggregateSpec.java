package io.weir.sql.runtime.functions;

import io.weir.core.types.TypeInfo;
import java.io.Serializable;

/**
 * One aggregate call of a SQL GROUP BY / window / OVER aggregation as the planner hands it to the
 * runtime operators.
 *
 * @param kind the aggregate function
 * @param argIndex input field index of the argument; -1 for COUNT(*)
 * @param distinct whether DISTINCT applies to the argument
 * @param filterIndex input field index of a BOOLEAN field holding the FILTER (WHERE ..) condition, or -1
 * @param resultType the result type (Java class per io.weir.sql.catalog type mapping)
 * @param name output name, for plans and errors
 * @param userFunction the user function for {@link Kind#USER_DEFINED}, else null
 */
public record AggregateSpec(
    Kind kind, int argIndex, boolean distinct, int filterIndex, TypeInfo<?> resultType, String name,
    UserAggregateCall userFunction)
    implements Serializable {

  /** A built-in aggregate call. */
  public AggregateSpec(Kind kind, int argIndex, boolean distinct, int filterIndex, TypeInfo<?> resultType, String name) {
    this(kind, argIndex, distinct, filterIndex, resultType, name, null);
  }

  /** Aggregate functions known to the runtime. */
  public enum Kind {
    COUNT, COUNT_STAR, SUM, SUM0, AVG, MIN, MAX, STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP,
    FIRST_VALUE, LAST_VALUE, SINGLE_VALUE,
    /** Ranking functions: only valid in an OVER window (OverAggregateOperator). */
    ROW_NUMBER, RANK, DENSE_RANK,
    /** A user {@link io.weir.sql.functions.AggregateFunction}: see {@link #userFunction()}. */
    USER_DEFINED
  }
}
