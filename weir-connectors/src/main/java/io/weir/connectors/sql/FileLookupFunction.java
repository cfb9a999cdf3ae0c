package io.weir.connectors.sql;

import io.weir.connectors.file.FileRecordReader;
import io.weir.connectors.file.MalformedRecordException;
import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.LookupFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lookups into a filesystem table: the files are read once per subtask when the join opens and
 * indexed by the key columns (a bounded side table, like Nexmark q13's; Flink's filesystem lookup
 * also loads the whole table into memory).
 */
final class FileLookupFunction implements LookupFunction {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final SqlRowFileFormat format;
  private final int[] keyFields;
  private final boolean skipBadRecords;
  private transient Map<Row, List<Row>> index;

  FileLookupFunction(String path, SqlRowFileFormat format, int[] keyFields, boolean skipBadRecords) {
    this.path = path;
    this.format = format;
    this.keyFields = keyFields.clone();
    this.skipBadRecords = skipBadRecords;
  }

  @Override
  public void open() throws IOException {
    Map<Row, List<Row>> m = new HashMap<>();
    for (Path file : files(Path.of(path))) {
      try (FileRecordReader<Row> reader = format.createReader(file, 0, 0)) {
        while (true) {
          Row row;
          try {
            row = reader.read();
          } catch (MalformedRecordException e) {
            if (skipBadRecords) {
              continue;
            }
            throw e;
          }
          if (row == null) {
            break;
          }
          Row key = new Row(keyFields.length);
          boolean nullKey = false;
          for (int i = 0; i < keyFields.length; i++) {
            Object v = row.getField(keyFields[i]);
            nullKey |= v == null;
            key.setField(i, v);
          }
          if (!nullKey) {
            m.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
          }
        }
      }
    }
    index = m;
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      throw new IOException("lookup table path " + root + " does not exist");
    }
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            for (Path part : root.relativize(p)) {
              String n = part.toString();
              if (n.startsWith(".") || n.startsWith("_")) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .toList();
    }
  }

  @Override
  public List<Row> lookup(Row key) {
    List<Row> rows = index.get(key);
    return rows == null ? List.of() : rows;
  }
}
