package io.weir.nexmark.bench;

import io.weir.core.config.Configuration;
import io.weir.runtime.execution.JobExecutionResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the runner needs of the Nexmark queries, tables and source. {@link NexmarkWorkload} is the
 * real one; tests can substitute a small one.
 */
public interface Workload {
  /** Query names in the order {@code --query all} runs them. */
  List<String> names();

  /** The query, with its working files (q10's output, q13's side input) under {@code workDir}. */
  Query load(String name, Path workDir);

  /** The statements that create the event table and the person/auction/bid views. */
  List<String> tableDdl(Map<String, String> connectorOptions);

  /** Runs a job that only drains the event source into a discarding sink (the generator baseline). */
  JobExecutionResult drainSource(Configuration jobConfig, Map<String, String> connectorOptions) throws Exception;

  /**
   * The emission schedule of a rate-limited source with these options. Called before the job
   * starts; it learns when the source starts and is closed after the job.
   */
  LatencySchedule latencySchedule(Map<String, String> connectorOptions);

  /** One query: setup statements, the sink table, and the INSERT that fills it. */
  interface Query {
    String name();

    List<String> setupStatements();

    /** {@code CREATE TABLE <sinkTableName> (...) WITH (...)}: the runner replaces its WITH clause. */
    String sinkDdl();

    String sinkTableName();

    /** {@code INSERT INTO <sinkTableName> SELECT ...}. */
    String insertSql();
  }
}
