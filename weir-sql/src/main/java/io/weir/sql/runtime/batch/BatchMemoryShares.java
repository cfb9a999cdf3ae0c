package io.weir.sql.runtime.batch;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Divides a BATCH job's {@code execution.batch.memory-budget} among its batch operator subtasks
 * (hash aggregation, hash join, HashRank, session aggregation, sort): each gets the budget divided
 * by their number, at least an eighth and at most half of it. A fixed quarter each left a job with
 * one large table (Nexmark q19's Top-N: one HashRank) spilling at a sixteenth of the heap while
 * the rest of the budget sat unused, and let a job with many operators promise more than the budget.
 */
public final class BatchMemoryShares {
  private BatchMemoryShares() {}

  /** Sets the share of every batch operator reachable from {@code sinks} that has no budget of its own. */
  public static void assign(List<Transformation<?>> sinks, Configuration config) {
    List<BatchOperatorBase> operators = new ArrayList<>();
    long subtasks = 0;
    Set<Transformation<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Transformation<?>> todo = new ArrayDeque<>(sinks);
    while (!todo.isEmpty()) {
      Transformation<?> t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      todo.addAll(t.getInputs());
      Object op = t instanceof OneInputTransformation<?, ?> one ? one.getOperator()
          : t instanceof TwoInputTransformation<?, ?, ?> two ? two.getOperator() : null;
      if (op instanceof BatchOperatorBase b && b.usesJobBudget()) {
        operators.add(b);
        subtasks += t.getParallelism() > 0 ? t.getParallelism() : config.get(CoreOptions.DEFAULT_PARALLELISM);
      }
    }
    if (operators.isEmpty()) {
      return;
    }
    long budget = config.get(CoreOptions.BATCH_MEMORY_BUDGET).bytes();
    long share = Math.min(budget / 2, Math.max(budget / 8, budget / subtasks));
    for (BatchOperatorBase b : operators) {
      b.setBudgetShare(share);
    }
  }
}
