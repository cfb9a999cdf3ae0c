package io.weir.sql.runtime.functions;

import io.weir.sql.functions.AggregateFunction;
import java.io.Serializable;

/**
 * A user aggregate function call as the planner hands it to the runtime: the function prototype
 * (copied per subtask with its operator) and the input fields of its arguments; the
 * {@code accumulate} overload is chosen by the input field types when the operator is built, and
 * {@code retract} with the same parameters is used when present.
 */
public record UserAggregateCall(String name, AggregateFunction<?, ?> function, int[] argIndexes,
    boolean hasRetract, boolean hasMerge) implements Serializable {}
