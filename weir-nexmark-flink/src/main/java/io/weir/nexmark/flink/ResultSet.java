package io.weir.nexmark.flink;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's final result as a multiset of rows, built from either engine's changelog, with values
 * normalized so that equal SQL values compare equal across engines: numbers by value (BigDecimal
 * without trailing zeros), timestamps as UTC {@code yyyy-MM-dd HH:mm:ss.SSS}, nested rows and
 * arrays element-wise.
 */
public final class ResultSet {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final Map<List<String>, Long> counts = new HashMap<>();
  private long size;

  /** Adds (+I, +U) or removes (-U, -D) one row. */
  public void apply(boolean retract, Object[] fields) {
    List<String> row = normalizeRow(fields);
    if (retract) {
      Long c = counts.get(row);
      if (c == null) {
        throw new IllegalStateException("changelog retracts a row that is not in the result: " + row);
      }
      if (c == 1) {
        counts.remove(row);
      } else {
        counts.put(row, c - 1);
      }
      size--;
    } else {
      counts.merge(row, 1L, Long::sum);
      size++;
    }
  }

  public long size() {
    return size;
  }

  /** Up to {@code limit} rows (with multiplicity) of this result that {@code other} lacks. */
  public List<List<String>> missingFrom(ResultSet other, int limit) {
    List<List<String>> out = new ArrayList<>();
    for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
      long surplus = e.getValue() - other.counts.getOrDefault(e.getKey(), 0L);
      for (long i = 0; i < surplus && out.size() < limit; i++) {
        out.add(e.getKey());
      }
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  /** How many rows (with multiplicity) of this result {@code other} lacks. */
  public long countMissingFrom(ResultSet other) {
    long n = 0;
    for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
      n += Math.max(0, e.getValue() - other.counts.getOrDefault(e.getKey(), 0L));
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResultSet r && counts.equals(r.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  static List<String> normalizeRow(Object[] fields) {
    List<String> out = new ArrayList<>(fields.length);
    for (Object f : fields) {
      out.add(normalize(f));
    }
    return List.copyOf(out);
  }

  static String normalize(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal d) {
      return decimal(d);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      // engines may sum floating-point values in different orders
      return decimal(new BigDecimal(d).round(new MathContext(12)));
    }
    if (v instanceof Number n) {
      return Long.toString(n.longValue());
    }
    if (v instanceof LocalDateTime t) {
      return TS.format(t);
    }
    if (v instanceof Timestamp t) {
      return TS.format(t.toLocalDateTime());
    }
    if (v instanceof Instant i) {
      return TS.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
    if (v instanceof io.weir.core.types.Row r) {
      Object[] f = new Object[r.getArity()];
      for (int i = 0; i < f.length; i++) {
        f[i] = r.getField(i);
      }
      return normalizeRow(f).toString();
    }
    if (v instanceof org.apache.flink.types.Row r) {
      Object[] f = new Object[r.getArity()];
      for (int i = 0; i < f.length; i++) {
        f[i] = r.getField(i);
      }
      return normalizeRow(f).toString();
    }
    if (v instanceof byte[] b) {
      return Arrays.toString(b);
    }
    if (v instanceof Object[] a) {
      return normalizeRow(a).toString();
    }
    return v.toString();
  }

  private static String decimal(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
