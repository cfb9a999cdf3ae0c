package io.weir.sql.connector.builtin;

import io.weir.core.config.ConfigOption;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.types.Row;
import io.weir.datastream.sinks.PrintSink;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.TableFactoryContext;
import java.util.Set;

/**
 * {@code 'connector' = 'print'}: writes each row to standard out (or standard error) as {@code
 * +I[1, a]} like Flink's print connector, with the values in SQL text form ({@link
 * SqlValueFormat}); {@code 'print-identifier'} prefixes the lines. Accepts updates.
 */
public final class PrintTableFactory implements DynamicTableFactory {
  public static final ConfigOption<String> PRINT_IDENTIFIER =
      ConfigOption.of("print-identifier", String.class, "", "Prefix of every printed line");
  public static final ConfigOption<Boolean> STANDARD_ERROR =
      ConfigOption.of("standard-error", Boolean.class, false, "Print to standard error instead of standard out");

  @Override
  public String identifier() {
    return "print";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(PRINT_IDENTIFIER, STANDARD_ERROR);
  }

  @Override
  public DynamicTableSink createSink(TableFactoryContext context) {
    String prefix = context.get(PRINT_IDENTIFIER);
    boolean stdErr = context.get(STANDARD_ERROR);
    return new DynamicTableSink() {
      @Override
      public Sink<Row> createSink() {
        return new PrintRowSink(prefix, stdErr);
      }

      @Override
      public boolean acceptsUpdates() {
        return true;
      }

      @Override
      public String describe() {
        return "print" + (prefix.isEmpty() ? "" : " '" + prefix + "'");
      }
    };
  }

  /** Formats rows, then prints them with {@link PrintSink}'s line prefixes. */
  static final class PrintRowSink implements Sink<Row> {
    private final PrintSink<String> lines;

    PrintRowSink(String prefix, boolean stdErr) {
      this.lines = new PrintSink<>(prefix, stdErr);
    }

    @Override
    public SinkWriter<Row> createWriter(SinkContext context) throws Exception {
      SinkWriter<String> out = lines.createWriter(context);
      return new SinkWriter<>() {
        @Override
        public void write(Row row, Context ctx) throws Exception {
          out.write(format(row), ctx);
        }

        @Override
        public void flush(boolean endOfInput) throws Exception {
          out.flush(endOfInput);
        }

        @Override
        public void close() throws Exception {
          out.close();
        }
      };
    }

    static String format(Row row) {
      StringBuilder sb = new StringBuilder(row.getKind().shortString()).append('[');
      for (int i = 0; i < row.getArity(); i++) {
        Object v = row.getField(i);
        sb.append(i > 0 ? ", " : "").append(v == null ? "NULL" : SqlValueFormat.format(v));
      }
      return sb.append(']').toString();
    }
  }
}
