package io.weir.sql.planner;

/** Table/SQL option keys (Flink's names). */
public final class TableConfigOptions {
  private TableConfigOptions() {}

  public static final String STATE_TTL = "table.exec.state.ttl";
  public static final String MINI_BATCH_ENABLED = "table.exec.mini-batch.enabled";
  public static final String MINI_BATCH_SIZE = "table.exec.mini-batch.size";
  /** With mini-batch on, buffered rows also wait at most this long (processing time); default 1 s. */
  public static final String MINI_BATCH_ALLOW_LATENCY = "table.exec.mini-batch.allow-latency";
  /**
   * BATCH: a ROW_NUMBER Top-N (insert-only input) whose rankEnd is at most this many rows runs as a
   * HashRank (hash map of partition -> best rows) instead of sorting every row by partition key;
   * 0 never. Default 100.
   */
  public static final String RANK_HASH_THRESHOLD = "table.exec.rank.hash-threshold";
  public static final String SOURCE_PUSHDOWN_ENABLED = "table.optimizer.source-pushdown.enabled";
  /**
   * Whether the logical plan drops the columns no operator above reads (joins, aggregates and
   * their state then carry only the used columns); default true. false is for comparisons.
   */
  public static final String TRIM_UNUSED_FIELDS = "table.optimizer.trim-unused-fields";
  /**
   * BATCH operators the planner must not choose, comma-separated (Flink's names): HashJoin (=
   * ShuffleHashJoin and BroadcastHashJoin), ShuffleHashJoin, BroadcastHashJoin, SortMergeJoin,
   * HashAgg, SortAgg, HashRank (Top-N then sorts by partition key), HashSessionAgg (SESSION window
   * aggregation then sorts by key and time, as when HashAgg is named). One STREAMING operator
   * can be named too: Deduplicate (a Top-1 over inserts then runs as a general Top-N).
   */
  public static final String DISABLED_OPERATORS = "table.exec.disabled-operators";
  /**
   * BATCH: a join input whose estimated row count is at most this many ROWS (not bytes, unlike
   * Flink: Weir estimates rows) is broadcast to a hash join; -1 never broadcasts. Default 10000.
   */
  public static final String BROADCAST_THRESHOLD = "table.optimizer.join.broadcast-threshold";
  /**
   * BATCH: window aggregations, window joins and window Top-N over an event time that cannot be
   * late (the rowtime of a source that guarantees it ascends, {@code SupportsAscendingRowtime}, with
   * a WATERMARK of rowtime minus a constant) run on watermarks as in STREAMING: each window is
   * emitted and dropped when it closes, instead of holding every window to the end of the input.
   * Default true; false plans the BATCH hash and sort operators.
   */
  public static final String BATCH_WINDOWS_ON_WATERMARKS = "table.optimizer.batch-windows-on-watermarks";
}
