package io.weir.sql.planner;

/** Table/SQL option keys (Flink's names). */
public final class TableConfigOptions {
  private TableConfigOptions() {}

  public static final String STATE_TTL = "table.exec.state.ttl";
  public static final String MINI_BATCH_ENABLED = "table.exec.mini-batch.enabled";
  public static final String MINI_BATCH_SIZE = "table.exec.mini-batch.size";
  public static final String SOURCE_PUSHDOWN_ENABLED = "table.optimizer.source-pushdown.enabled";
  /**
   * BATCH operators the planner must not choose, comma-separated (Flink's names): HashJoin (=
   * ShuffleHashJoin and BroadcastHashJoin), ShuffleHashJoin, BroadcastHashJoin, SortMergeJoin,
   * HashAgg, SortAgg.
   */
  public static final String DISABLED_OPERATORS = "table.exec.disabled-operators";
  /**
   * BATCH: a join input whose estimated row count is at most this many ROWS (not bytes, unlike
   * Flink: Weir estimates rows) is broadcast to a hash join; -1 never broadcasts. Default 10000.
   */
  public static final String BROADCAST_THRESHOLD = "table.optimizer.join.broadcast-threshold";
}
