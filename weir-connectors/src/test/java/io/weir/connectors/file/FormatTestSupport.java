package io.weir.connectors.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole file with a format, collecting records and bad-record messages. */
final class FormatTestSupport {
  private FormatTestSupport() {}

  record Result<T>(List<T> records, List<String> errors) {}

  static <T> Result<T> readAll(FileFormat<T> format, Path file) throws IOException {
    List<T> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (FileRecordReader<T> r = format.createReader(file, 0, 0)) {
      while (true) {
        try {
          T rec = r.read();
          if (rec == null) {
            break;
          }
          records.add(rec);
        } catch (MalformedRecordException e) {
          errors.add(e.getMessage());
        }
      }
    }
    return new Result<>(records, errors);
  }

  static <T> List<T> readRecords(FileFormat<T> format, Path file) throws IOException {
    Result<T> r = readAll(format, file);
    if (!r.errors().isEmpty()) {
      throw new AssertionError("unexpected bad records: " + r.errors());
    }
    return r.records();
  }
}
