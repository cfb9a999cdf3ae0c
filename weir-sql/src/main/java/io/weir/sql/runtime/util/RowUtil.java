package io.weir.sql.runtime.util;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.RowKind;
import io.weir.sql.runtime.functions.RowComparator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Small row helpers shared by the SQL operators. */
public final class RowUtil {
  private RowUtil() {}

  /** {@code left ++ right} with the given kind; a null side contributes {@code nullArity} NULLs. */
  public static Row join(RowKind kind, Row left, int leftArity, Row right, int rightArity) {
    Row out = new Row(kind, leftArity + rightArity);
    if (left != null) {
      for (int i = 0; i < leftArity; i++) {
        out.setField(i, left.getField(i));
      }
    }
    if (right != null) {
      for (int i = 0; i < rightArity; i++) {
        out.setField(leftArity + i, right.getField(i));
      }
    }
    return out;
  }

  /** A copy with kind INSERT, used as a state key (Row equality includes the kind). */
  /** The type of {@link #project}'s rows, followed by {@code appended} fields (e.g. a partial row's tail). */
  public static RowTypeInfo projectType(RowTypeInfo type, int[] fields, TypeInfo<?>... appended) {
    TypeInfo<?>[] types = new TypeInfo<?>[fields.length + appended.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = type.getFieldType(fields[i]);
    }
    System.arraycopy(appended, 0, types, fields.length, appended.length);
    return new RowTypeInfo(types);
  }

  /** A new row of {@code row}'s fields at {@code fields}, in that order (a grouping or partition key). */
  public static Row project(Row row, int[] fields) {
    Row out = new Row(fields.length);
    for (int i = 0; i < fields.length; i++) {
      out.setField(i, row.getField(fields[i]));
    }
    return out;
  }

  public static Row asInsert(Row row) {
    if (row.getKind() == RowKind.INSERT) {
      return row;
    }
    Row copy = row.copy();
    copy.setKind(RowKind.INSERT);
    return copy;
  }

  public static Row withKind(Row row, RowKind kind) {
    Row copy = row.copy();
    copy.setKind(kind);
    return copy;
  }

  /** +I and +U add to a result; -U and -D take away. */
  public static boolean isAccumulate(RowKind kind) {
    return kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER;
  }

  /** Fields equal, kinds ignored. */
  public static boolean sameFields(Row a, Row b) {
    if (a.getArity() != b.getArity()) {
      return false;
    }
    for (int i = 0; i < a.getArity(); i++) {
      if (!java.util.Objects.deepEquals(a.getField(i), b.getField(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Epoch milliseconds of a SQL time value: TIMESTAMP (LocalDateTime, read as UTC like Flink's
   * internal representation), TIMESTAMP_LTZ (Instant) or a plain BIGINT of milliseconds.
   */
  public static long toMillis(Object time) {
    if (time instanceof LocalDateTime t) {
      // = t.toInstant(UTC).toEpochMilli() without the Instant: this runs per row on event-time paths
      return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
    } else if (time instanceof Instant i) {
      return i.toEpochMilli();
    } else if (time instanceof Number n) {
      return n.longValue();
    } else if (time instanceof java.util.Date d) {
      return d.getTime();
    }
    throw new IllegalArgumentException("not a time attribute value: " + time
        + (time == null ? "" : " (" + time.getClass().getName() + ")"));
  }

  /** Inverse of {@link #toMillis} for the class of the time attribute. */
  public static Object fromMillis(long millis, Class<?> timeClass) {
    if (timeClass == Instant.class) {
      return Instant.ofEpochMilli(millis);
    } else if (timeClass == Long.class) {
      return millis;
    }
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** First index in {@code sorted} whose row does not sort before {@code row}. */
  public static int lowerBound(List<Row> sorted, Row row, RowComparator order) {
    return bound(sorted, row, order, false);
  }

  /** Index after the last row of {@code sorted} that sorts equal to {@code row} (ties keep arrival order). */
  public static int upperBound(List<Row> sorted, Row row, RowComparator order) {
    return bound(sorted, row, order, true);
  }

  private static int bound(List<Row> sorted, Row row, RowComparator order, boolean afterEqual) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = order.compare(sorted.get(mid), row);
      if (c < 0 || (afterEqual && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
