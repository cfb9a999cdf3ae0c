package io.weir.sql.planner;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * Common subplan reuse (Flink's {@code table.optimizer.reuse-sub-plan-enabled}): two
 * identical subtrees of one query (the same operators with the same attributes over the same
 * scans) are translated once, and the one physical node feeds every consumer. Nexmark q5 aggregates
 * the same HOP window twice (once for the join, once under the MAX): with reuse the bids are
 * keyed, stored and counted once.
 *
 * <p>Identical means the same key: the tree's text with every attribute but without node ids
 * ({@link SqlExplainLevel#DIGEST_ATTRIBUTES}), plus, per scan, what its text leaves out (the
 * pushed-down projection and filter, which keep the table's name, and the table's options), plus
 * the row type. Subtrees with a nondeterministic or dynamic function (RAND, CURRENT_TIMESTAMP, a
 * UDF declared nondeterministic) are not reused: two occurrences are two independent evaluations.
 * Scans have their own reuse (PhysicalPlanner#reuseScansWith).
 *
 * <p>BATCH too: a reused node may feed both inputs of one two-input operator (a hash join reads its
 * build side to the end before its probe side) without deadlock, because a two-input operator is
 * never chained to its inputs (JobGraphBuilder chains only single-input targets), every BATCH edge
 * between vertices is a blocking channel that never backpressures, and a BATCH vertex starts only
 * when all its upstream vertices have finished (ExecutionAttempt): the shared producer writes its
 * whole output before either input is read. SubplanReuseTest keeps this so (self-joins of a reused
 * aggregation under every BATCH join strategy, p=1 and 2, with a timeout). EXPLAIN prints a reused
 * node's second occurrence as {@code Reused(...)}.
 */
final class SubplanReuse {
  /** Flink's option name; default true. */
  static final String ENABLED = "table.optimizer.reuse-sub-plan-enabled";

  private final Map<String, PhysicalNode> translated = new HashMap<>();
  private final Map<RelNode, String> keys = new IdentityHashMap<>();

  /** The physical node of a subtree identical to {@code rel} translated before, else {@code translate}'s, remembered. */
  PhysicalNode translate(RelNode rel, Function<RelNode, PhysicalNode> translate) {
    if (rel instanceof TableScan) {
      return translate.apply(rel);
    }
    String key = key(rel);
    if (key == null) {
      return translate.apply(rel);
    }
    PhysicalNode node = translated.get(key);
    if (node == null) {
      node = translate.apply(rel);
      translated.put(key, node);
    }
    return node;
  }

  /** The reuse key of {@code rel}, or null when it must not be reused. */
  String key(RelNode rel) {
    if (keys.containsKey(rel)) {
      return keys.get(rel);
    }
    String key = deterministic(rel) ? digest(rel) : null;
    keys.put(rel, key);
    return key;
  }

  static String digest(RelNode rel) {
    StringBuilder sb = new StringBuilder(RelOptUtil.toString(rel, SqlExplainLevel.DIGEST_ATTRIBUTES));
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof TableScan scan) {
          sb.append("\nscan ").append(scan.getTable().getQualifiedName());
          WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
          if (ct instanceof SourcePushDown.PushedTable pushed) {
            sb.append(' ').append(pushed.explain());
          }
          if (ct != null) {
            sb.append(' ').append(new TreeMap<>(ct.catalogTable().options()));
          }
          sb.append(' ').append(scan.getRowType().getFullTypeString());
        }
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return sb.append("\ntype ").append(rel.getRowType().getFullTypeString()).toString();
  }

  /** Whether no expression of the tree calls a nondeterministic or dynamic function. */
  static boolean deterministic(RelNode rel) {
    boolean[] ok = {true};
    RexShuttle check = new RexShuttle() {
      @Override
      public org.apache.calcite.rex.RexNode visitCall(RexCall call) {
        if (!call.getOperator().isDeterministic() || call.getOperator().isDynamicFunction()) {
          ok[0] = false;
        }
        return super.visitCall(call);
      }
    };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(check);
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return ok[0];
  }
}
