package io.weir.nexmark.bench;

import io.weir.core.config.Configuration;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.queries.NexmarkQuery;
import io.weir.nexmark.source.NexmarkSource;
import io.weir.nexmark.source.RateSchedules;
import io.weir.nexmark.sql.NexmarkTables;
import io.weir.runtime.execution.JobExecutionResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The Nexmark queries (q0-q23 files), the {@code nexmark} connector tables and the Nexmark source. */
public final class NexmarkWorkload implements Workload {
  @Override
  public List<String> names() {
    return NexmarkQuery.names();
  }

  @Override
  public Query load(String name, Path workDir) {
    NexmarkQuery q = NexmarkQuery.load(name, workDir);
    return new Query() {
      @Override
      public String name() {
        return q.name();
      }

      @Override
      public List<String> setupStatements() {
        return q.setupStatements();
      }

      @Override
      public String sinkDdl() {
        return q.sinkDdl();
      }

      @Override
      public String sinkTableName() {
        return q.sinkTableName();
      }

      @Override
      public String insertSql() {
        return q.insertSql();
      }
    };
  }

  @Override
  public List<String> tableDdl(Map<String, String> connectorOptions) {
    return NexmarkTables.ddl(connectorOptions);
  }

  @Override
  public JobExecutionResult drainSource(Configuration jobConfig, Map<String, String> connectorOptions) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(jobConfig);
    env.fromSource(new NexmarkSource(NexmarkConfig.fromOptions(connectorOptions)), WatermarkStrategy.<Event>noWatermarks(),
            "nexmark")
        .sinkTo(new DiscardingSink<>());
    return env.execute("nexmark generator");
  }

  /**
   * Event time t is due {@code t - timestamp(first event)} ms after the source's schedule started;
   * with several readers the earliest start counts, so a reader that starts later adds its start
   * delay to the latency of its events.
   */
  @Override
  public LatencySchedule latencySchedule(Map<String, String> connectorOptions) {
    NexmarkConfig config = NexmarkConfig.fromOptions(connectorOptions);
    long firstTimestamp = new NexmarkGenerator(config).timestampAt(0);
    AtomicLong start = new AtomicLong(Long.MAX_VALUE);
    AutoCloseable listening = RateSchedules.listen(config, s -> start.accumulateAndGet(s, Math::min));
    return new LatencySchedule() {
      @Override
      public long dueNanos(long eventTimeMillis) {
        long s = start.get();
        return s == Long.MAX_VALUE ? UNKNOWN : s + (eventTimeMillis - firstTimestamp) * 1_000_000L;
      }

      @Override
      public void close() {
        try {
          listening.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
