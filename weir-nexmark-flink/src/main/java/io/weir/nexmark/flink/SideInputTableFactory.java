package io.weir.nexmark.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A lookup-only CSV table for q13's side input on Flink. Flink 2.x's {@code filesystem} connector
 * cannot be the build side of a processing-time lookup join (the Flink Nexmark tool's q13 relied
 * on the legacy CSV source, removed in Flink 2.0), so the comparison swaps the side table's
 * connector for this one: the whole file is loaded into a hash map when the join opens.
 * Columns may be BIGINT, INT or STRING/VARCHAR; fields are split on commas, without quoting.
 */
public final class SideInputTableFactory implements DynamicTableSourceFactory {
  public static final String IDENTIFIER = "nexmark-side-input";
  static final ConfigOption<String> PATH = ConfigOptions.key("path").stringType().noDefaultValue();
  static final ConfigOption<String> FORMAT = ConfigOptions.key("format").stringType().defaultValue("csv");

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(PATH);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(FORMAT);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    if (!"csv".equals(helper.getOptions().get(FORMAT))) {
      throw new ValidationException("table " + context.getObjectIdentifier() + ": " + IDENTIFIER + " reads only 'format' = 'csv'");
    }
    RowType row = (RowType) context.getPhysicalRowDataType().getLogicalType();
    for (LogicalType t : row.getChildren()) {
      switch (t.getTypeRoot()) {
        case BIGINT, INTEGER, VARCHAR, CHAR -> { }
        default -> throw new ValidationException("table " + context.getObjectIdentifier() + ": " + IDENTIFIER
            + " supports BIGINT, INT and STRING columns, not " + t);
      }
    }
    return new Source(helper.getOptions().get(PATH), row.getChildren().toArray(new LogicalType[0]));
  }

  private record Source(String path, LogicalType[] types) implements LookupTableSource {
    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
      int[][] keys = context.getKeys();
      int[] key = new int[keys.length];
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].length != 1) {
          throw new ValidationException(IDENTIFIER + ": nested lookup keys are not supported");
        }
        key[i] = keys[i][0];
      }
      return LookupFunctionProvider.of(new Lookup(path, types, key));
    }

    @Override
    public DynamicTableSource copy() {
      return new Source(path, types);
    }

    @Override
    public String asSummaryString() {
      return IDENTIFIER + "(" + path + ")";
    }
  }

  public static final class Lookup extends LookupFunction {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final LogicalType[] types;
    private final int[] key;
    private transient Map<List<Object>, List<RowData>> index;

    public Lookup(String path, LogicalType[] types, int[] key) {
      this.path = path;
      this.types = types;
      this.key = key;
    }

    @Override
    public void open(FunctionContext context) throws IOException {
      index = new HashMap<>();
      int lineNo = 0;
      for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != types.length) {
          throw new IOException(path + ":" + lineNo + ": expected " + types.length + " fields but found " + fields.length);
        }
        GenericRowData row = new GenericRowData(types.length);
        for (int i = 0; i < types.length; i++) {
          row.setField(i, parse(fields[i], types[i], lineNo, i));
        }
        List<Object> k = new ArrayList<>(key.length);
        for (int i : key) {
          k.add(row.getField(i));
        }
        index.computeIfAbsent(k, x -> new ArrayList<>(1)).add(row);
      }
    }

    private Object parse(String s, LogicalType type, int lineNo, int column) throws IOException {
      try {
        return switch (type.getTypeRoot()) {
          case BIGINT -> Long.parseLong(s.trim());
          case INTEGER -> Integer.parseInt(s.trim());
          default -> StringData.fromString(s);
        };
      } catch (NumberFormatException e) {
        throw new IOException(path + ":" + lineNo + ", column " + (column + 1) + ": '" + s + "' is not a " + type);
      }
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
      List<Object> k = new ArrayList<>(key.length);
      for (int i = 0; i < key.length; i++) {
        if (keyRow.isNullAt(i)) {
          return List.of();
        }
        k.add(switch (types[key[i]].getTypeRoot()) {
          case BIGINT -> keyRow.getLong(i);
          case INTEGER -> keyRow.getInt(i);
          default -> StringData.fromString(keyRow.getString(i).toString());
        });
      }
      return index.getOrDefault(k, List.of());
    }
  }
}
