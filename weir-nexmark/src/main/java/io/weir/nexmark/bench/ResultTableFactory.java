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
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code 'connector' = 'nexmark-result'}: materializes an updating result (its changelog applied:
 * +I/+U add a row, -U/-D remove one) so that {@code weir nexmark run --output DIR} can write the
 * final result of a query whose result is not append-only. Writers count rows per subtask and
 * merge their counts in a {@link Collector} of this JVM at the end of input, so a retraction may
 * reach a different subtask than the row it retracts.
 */
public final class ResultTableFactory implements DynamicTableFactory {
  public static final String IDENTIFIER = "nexmark-result";
  public static final ConfigOption<String> COLLECTOR =
      ConfigOption.of("collector", String.class, null, "Id of the runner's result collector");

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(COLLECTOR);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public DynamicTableSink createSink(TableFactoryContext context) {
    String id = context.get(COLLECTOR);
    return new DynamicTableSink() {
      @Override
      public Sink<Row> createSink() {
        return new ResultSink(id);
      }

      @Override
      public boolean acceptsUpdates() {
        return true;
      }

      @Override
      public String describe() {
        return IDENTIFIER;
      }
    };
  }

  /** The materialized result of one run: row -> multiplicity. */
  public static final class Collector implements AutoCloseable {
    private static final Map<String, Collector> REGISTRY = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();
    private final Map<Row, Long> counts = new HashMap<>();

    public static Collector open() {
      Collector c = new Collector();
      REGISTRY.put(c.id, c);
      return c;
    }

    static Collector get(String id) {
      Collector c = REGISTRY.get(id);
      if (c == null) {
        throw new IllegalStateException("no result collector '" + id + "' in this JVM: the 'nexmark-result' connector"
            + " is only usable from the Nexmark runner (weir nexmark run --output)");
      }
      return c;
    }

    public String id() {
      return id;
    }

    synchronized void merge(Map<Row, Long> writerCounts) {
      writerCounts.forEach((row, n) -> counts.merge(row, n, Long::sum));
      counts.values().removeIf(n -> n == 0);
    }

    /** The final rows, each repeated by its multiplicity; fails if the changelog retracted more than it added. */
    public synchronized List<Row> rows() {
      List<Row> out = new ArrayList<>();
      counts.forEach((row, n) -> {
        if (n < 0) {
          throw new IllegalStateException("the changelog retracts a row that is not in the result: " + row);
        }
        for (long i = 0; i < n; i++) {
          out.add(row);
        }
      });
      return out;
    }

    /**
     * Writes the rows as CSV (a header line, then the rows sorted by their text so that runs in
     * both modes and at any parallelism give identical files), in the filesystem connector's value
     * format.
     */
    public void writeCsv(Path file, List<String> columnNames) throws IOException {
      List<String> lines = new ArrayList<>();
      for (Row r : rows()) {
        lines.add(csvLine(r));
      }
      lines.sort(null);
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        List<String> header = new ArrayList<>();
        for (String n : columnNames) {
          header.add(SqlValueFormat.csvField(n, ','));
        }
        w.write(String.join(",", header));
        w.write('\n');
        for (String line : lines) {
          w.write(line);
          w.write('\n');
        }
      }
    }

    static String csvLine(Row row) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.getArity(); i++) {
        Object v = row.getField(i);
        sb.append(i > 0 ? "," : "");
        if (v != null) {
          sb.append(SqlValueFormat.csvField(SqlValueFormat.format(v), ','));
        }
      }
      return sb.toString();
    }

    @Override
    public void close() {
      REGISTRY.remove(id);
    }
  }

  static final class ResultSink implements Sink<Row> {
    private static final long serialVersionUID = 1L;
    private final String collectorId;

    ResultSink(String collectorId) {
      this.collectorId = collectorId;
    }

    @Override
    public SinkWriter<Row> createWriter(SinkContext context) {
      Collector collector = Collector.get(collectorId);
      Map<Row, Long> counts = new HashMap<>();
      return new SinkWriter<>() {
        @Override
        public void write(Row row, Context ctx) {
          boolean add = row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER;
          // values crossing an exchange are shared: never change the row we were handed
          Row key = row.copy();
          key.setKind(RowKind.INSERT);
          counts.merge(key, add ? 1L : -1L, Long::sum);
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
          if (!counts.isEmpty()) {
            collector.merge(counts);
            counts.clear();
          }
        }
      };
    }
  }
}
