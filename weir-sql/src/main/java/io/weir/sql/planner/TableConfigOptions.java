package io.weir.sql.planner;

/** Table/SQL option keys (Flink's names). */
public final class TableConfigOptions {
  private TableConfigOptions() {}

  public static final String STATE_TTL = "table.exec.state.ttl";
  public static final String MINI_BATCH_ENABLED = "table.exec.mini-batch.enabled";
  public static final String MINI_BATCH_SIZE = "table.exec.mini-batch.size";
  public static final String SOURCE_PUSHDOWN_ENABLED = "table.optimizer.source-pushdown.enabled";
}
