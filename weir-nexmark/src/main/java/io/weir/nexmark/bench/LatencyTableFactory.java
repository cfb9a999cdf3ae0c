package io.weir.nexmark.bench;

import io.weir.core.config.ConfigOption;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.TableOptionException;
import io.weir.sql.runtime.util.RowUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * {@code 'connector' = 'nexmark-latency'}: a sink that measures, for every result row, {@code now -
 * due(t)}: the delay between the moment the rate-limited source was due to emit the event of
 * time t and the moment the row reaches the sink. Options:
 * <ul>
 *   <li>{@code 'recorder'}: the runner's {@link LatencyRecorder} (only the Nexmark runner makes one);
 *   <li>{@code 'time-column'}: the TIMESTAMP column(s), comma-separated, holding the event time the
 *       row answers (several: the latest of them, e.g. a join answers its later input); absent:
 *       the record's event timestamp as the engine carries it;
 *   <li>{@code 'time-offset'}: added to t (e.g. a window's size when the row carries its start);
 *   <li>{@code 'time-domain'}: {@code event} (default) or {@code processing} when the column is a
 *       processing-time instant (q12's windows): then the delay is simply now - t.
 * </ul>
 * Retractions (-U, -D) repeat an earlier row, so they are not measured; inserts and +U are.
 * Rows with no usable time are counted as skipped, rows due after they arrived (windows that the
 * end of a bounded input fired before their time) as early.
 */
public final class LatencyTableFactory implements DynamicTableFactory {
  public static final String IDENTIFIER = "nexmark-latency";
  public static final ConfigOption<String> RECORDER =
      ConfigOption.of("recorder", String.class, null, "Id of the runner's latency recorder");
  public static final ConfigOption<String> TIME_COLUMN = ConfigOption.of("time-column", String.class, null,
      "The TIMESTAMP column(s), comma-separated, holding the event time a row answers");
  public static final ConfigOption<Duration> TIME_OFFSET =
      ConfigOption.of("time-offset", Duration.class, Duration.ZERO, "Added to the row's time");
  public static final ConfigOption<String> TIME_DOMAIN =
      ConfigOption.of("time-domain", String.class, "event", "event or processing");

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(RECORDER);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(TIME_COLUMN, TIME_OFFSET, TIME_DOMAIN);
  }

  @Override
  public DynamicTableSink createSink(TableFactoryContext context) {
    String recorder = context.get(RECORDER);
    String columns = context.get(TIME_COLUMN);
    List<Integer> indexes = new ArrayList<>();
    if (columns != null) {
      for (String c : columns.split(",")) {
        int i = context.schema().physicalNames().indexOf(c.strip());
        if (i < 0) {
          throw new TableOptionException("table " + context.tableName() + ": option 'time-column' names '" + c.strip()
              + "', which is not one of its columns " + context.schema().physicalNames());
        }
        indexes.add(i);
      }
    }
    String domain = context.get(TIME_DOMAIN);
    if (!domain.equals("event") && !domain.equals("processing")) {
      throw new TableOptionException("table " + context.tableName() + ": option 'time-domain' must be 'event' or"
          + " 'processing' but is '" + domain + "'");
    }
    int[] timeIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    long offsetMillis = context.get(TIME_OFFSET).toMillis();
    boolean processing = domain.equals("processing");
    return new DynamicTableSink() {
      @Override
      public Sink<Row> createSink() {
        return new LatencySink(recorder, timeIndexes, offsetMillis, processing);
      }

      @Override
      public boolean acceptsUpdates() {
        return true;
      }

      @Override
      public String describe() {
        return IDENTIFIER + (columns != null ? " on " + columns : " on the record timestamp");
      }
    };
  }

  static final class LatencySink implements Sink<Row> {
    private static final long serialVersionUID = 1L;
    private final String recorderId;
    private final int[] timeIndexes;
    private final long offsetMillis;
    private final boolean processing;

    LatencySink(String recorderId, int[] timeIndexes, long offsetMillis, boolean processing) {
      this.recorderId = recorderId;
      this.timeIndexes = timeIndexes;
      this.offsetMillis = offsetMillis;
      this.processing = processing;
    }

    @Override
    public SinkWriter<Row> createWriter(SinkContext context) {
      return new LatencyWriter(LatencyRecorder.get(recorderId), timeIndexes, offsetMillis, processing);
    }
  }

  /** Records into its own histogram (no lock per row) and merges it into the recorder at the end. */
  static final class LatencyWriter implements SinkWriter<Row> {
    private final LatencyRecorder recorder;
    private final int[] timeIndexes;
    private final long offsetMillis;
    private final boolean processing;
    private final Histogram micros = new Histogram(3);
    private long skipped;
    private long early;

    LatencyWriter(LatencyRecorder recorder, int[] timeIndexes, long offsetMillis, boolean processing) {
      this.recorder = recorder;
      this.timeIndexes = timeIndexes;
      this.offsetMillis = offsetMillis;
      this.processing = processing;
    }

    @Override
    public void write(Row row, Context context) {
      if (row.getKind() == RowKind.UPDATE_BEFORE || row.getKind() == RowKind.DELETE) {
        return;
      }
      long nowNanos = System.nanoTime();
      long t = Long.MIN_VALUE;
      if (timeIndexes.length == 0) {
        Long ts = context.timestamp();
        if (ts != null) {
          t = ts;
        }
      } else {
        for (int i : timeIndexes) {
          Object v = row.getField(i);
          if (v != null) {
            t = Math.max(t, RowUtil.toMillis(v));
          }
        }
      }
      if (t == Long.MIN_VALUE) {
        skipped++;
        return;
      }
      t += offsetMillis;
      long delayMicros;
      if (processing) {
        delayMicros = System.currentTimeMillis() * 1000 - t * 1000;
      } else {
        LatencySchedule schedule = recorder.schedule();
        long due = schedule == null ? LatencySchedule.UNKNOWN : schedule.dueNanos(t);
        if (due == LatencySchedule.UNKNOWN) {
          skipped++;
          return;
        }
        delayMicros = (nowNanos - due) / 1000;
      }
      if (delayMicros < -1000) {
        // due after now: a window that the end of the input fired early (final watermark), not a latency
        early++;
        return;
      }
      // a result can't precede its event; a slightly negative delay is clock granularity
      micros.recordValue(Math.max(0, delayMicros));
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput) {
        publish();
      }
    }

    @Override
    public void close() {
      publish();
    }

    private void publish() {
      if (micros.getTotalCount() > 0 || skipped > 0 || early > 0) {
        recorder.merge(micros, skipped, early);
        micros.reset();
        skipped = 0;
        early = 0;
      }
    }
  }
}
