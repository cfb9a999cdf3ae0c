package io.weir.connectors.sql;

import io.weir.core.config.ConfigOption;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.LogicalType.Kind;
import io.weir.sql.connector.TableOptionException;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The per-column generators of the {@code datagen} connector (see {@link DataGenTableFactory}). */
final class FieldGenerators {
  private FieldGenerators() {}

  /** The value of one column for row {@code index}; a pure function of the index. */
  interface FieldGen extends Serializable {
    Object value(long index);

    /** How many rows this column can produce (sequences with an end); Long.MAX_VALUE if unlimited. */
    default long maxRows() {
      return Long.MAX_VALUE;
    }
  }

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  static FieldGen create(String table, String column, int columnIndex, LogicalType type, Map<String, String> options,
      long seed) {
    Opts o = new Opts(table, column, type, options);
    String kind = o.raw("kind");
    kind = kind == null ? "random" : kind.trim().toLowerCase(Locale.ROOT);
    double nullRate = o.nullRate();
    long fieldSeed = mix(seed + 0x9E3779B97F4A7C15L * (columnIndex + 1));
    FieldGen g = switch (kind) {
      case "sequence" -> sequence(o);
      case "random" -> random(o, fieldSeed);
      default -> throw o.error("kind", "expects one of sequence, random but was '" + o.raw("kind") + "'");
    };
    if (nullRate <= 0) {
      return g;
    }
    long nullSeed = mix(fieldSeed ^ 0xD1B54A32D192ED03L);
    FieldGen inner = g;
    return new FieldGen() {
      @Override
      public Object value(long index) {
        double u = (mix(nullSeed + index) >>> 11) * 0x1.0p-53;
        return u < nullRate ? null : inner.value(index);
      }

      @Override
      public long maxRows() {
        return inner.maxRows();
      }
    };
  }

  // ------------------------------------------------------------------ sequence

  private static FieldGen sequence(Opts o) {
    o.notApplicable("sequence", "min", "max", "length");
    Kind k = o.type.kind();
    switch (k) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, CHAR, VARCHAR, FLOAT, DOUBLE, DECIMAL -> {
        LogicalType numType = k == Kind.CHAR || k == Kind.VARCHAR ? LogicalType.of(Kind.BIGINT) : o.type;
        BigDecimal start = o.requiredNumber("start", numType, "a sequence field");
        BigDecimal end = o.requiredNumber("end", numType, "a sequence field");
        BigDecimal step = o.raw("step") == null ? BigDecimal.ONE : o.number("step", numType);
        if (step.signum() <= 0) {
          throw o.error("step", "must be positive but was '" + o.raw("step") + "'");
        }
        if (end.compareTo(start) < 0) {
          throw o.error("end", "must not be less than 'fields." + o.column + ".start' (" + start.toPlainString() + ")");
        }
        BigInteger n = end.subtract(start).divide(step, 0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
        long rows = n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE - 1;
        LogicalType t = o.type;
        return new FieldGen() {
          @Override
          public Object value(long index) {
            BigDecimal v = start.add(step.multiply(BigDecimal.valueOf(index)));
            if (t.kind() == Kind.CHAR || t.kind() == Kind.VARCHAR) {
              return v.toPlainString();
            }
            return SqlValueFormat.coerce(v, t);
          }

          @Override
          public long maxRows() {
            return rows;
          }
        };
      }
      case DATE, TIMESTAMP, TIMESTAMP_LTZ, TIME -> {
        Object start = o.requiredValue("start", "a sequence field");
        Object end = o.raw("end") == null ? null : o.value("end");
        Duration step = o.duration("step", k == Kind.DATE ? Duration.ofDays(1) : Duration.ofSeconds(1));
        long stepMs = step.toMillis();
        if (stepMs <= 0) {
          throw o.error("step", "must be positive but was '" + o.raw("step") + "'");
        }
        long startMs = epochMillis(start);
        long rows = Long.MAX_VALUE;
        if (end != null) {
          long endMs = epochMillis(end);
          if (endMs < startMs) {
            throw o.error("end", "must not be before 'fields." + o.column + ".start'");
          }
          rows = (endMs - startMs) / stepMs + 1;
        }
        long maxRows = rows;
        return new FieldGen() {
          @Override
          public Object value(long index) {
            return fromEpochMillis(k, startMs + index * stepMs);
          }

          @Override
          public long maxRows() {
            return maxRows;
          }
        };
      }
      default -> throw o.error("kind", "'sequence' is not supported for columns of type " + o.typeName());
    }
  }

  // ------------------------------------------------------------------ random

  private static FieldGen random(Opts o, long seed) {
    o.notApplicable("random", "start", "end", "step");
    Kind k = o.type.kind();
    switch (k) {
      case BOOLEAN -> {
        o.notApplicable("random BOOLEAN", "min", "max", "length");
        return index -> (rnd(seed, index).nextLong() & 1) == 1;
      }
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        o.notApplicable("random " + o.typeName(), "length");
        long[] range = switch (k) {
          case TINYINT -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
          case SMALLINT -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
          case INTEGER -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
          default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
        long min = o.raw("min") == null ? range[0] : o.number("min", o.type).longValueExact();
        long max = o.raw("max") == null ? range[1] : o.number("max", o.type).longValueExact();
        o.checkOrder(min <= max);
        LogicalType t = o.type;
        return index -> {
          SplittableRandom r = rnd(seed, index);
          long v = max == Long.MAX_VALUE && min == Long.MIN_VALUE ? r.nextLong()
              : max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
          return switch (t.kind()) {
            case TINYINT -> (byte) v;
            case SMALLINT -> (short) v;
            case INTEGER -> (int) v;
            default -> v;
          };
        };
      }
      case FLOAT, DOUBLE -> {
        o.notApplicable("random " + o.typeName(), "length");
        double min = o.raw("min") == null ? 0 : o.number("min", o.type).doubleValue();
        double max = o.raw("max") == null ? 1 : o.number("max", o.type).doubleValue();
        o.checkOrder(min <= max);
        boolean isFloat = k == Kind.FLOAT;
        return index -> {
          double v = min + rnd(seed, index).nextDouble() * (max - min);
          return isFloat ? (Object) (float) v : (Object) v;
        };
      }
      case DECIMAL -> {
        o.notApplicable("random DECIMAL", "length");
        BigDecimal limit = BigDecimal.TEN.pow(Math.max(0, o.type.precision() - o.type.scale()))
            .subtract(BigDecimal.ONE.movePointLeft(o.type.scale()));
        BigDecimal min = o.raw("min") == null ? BigDecimal.ZERO : o.number("min", o.type);
        BigDecimal max = o.raw("max") == null ? limit : o.number("max", o.type);
        o.checkOrder(min.compareTo(max) <= 0);
        int scale = o.type.scale();
        BigInteger lo = min.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
        BigInteger span = max.setScale(scale, RoundingMode.HALF_UP).unscaledValue().subtract(lo).add(BigInteger.ONE);
        return index -> {
          SplittableRandom r = rnd(seed, index);
          BigInteger off;
          if (span.bitLength() < 63) {
            off = BigInteger.valueOf(r.nextLong(span.longValue()));
          } else {
            off = new BigInteger(span.bitLength() + 8, new java.util.Random(r.nextLong())).mod(span);
          }
          return new BigDecimal(lo.add(off), scale);
        };
      }
      case CHAR, VARCHAR, BINARY, VARBINARY -> {
        o.notApplicable("random " + o.typeName(), "min", "max");
        int declared = o.type.precision();
        int def = (k == Kind.CHAR || k == Kind.BINARY) ? declared : Math.min(100, declared);
        int length = o.raw("length") == null ? def : (int) o.integer("length");
        if (length < 0 || length > declared) {
          throw o.error("length", "must be between 0 and " + declared + " for " + o.typeName() + " but was " + length);
        }
        boolean bytes = k == Kind.BINARY || k == Kind.VARBINARY;
        return index -> {
          SplittableRandom r = rnd(seed, index);
          if (bytes) {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) {
              b[i] = (byte) r.nextInt(256);
            }
            return b;
          }
          char[] c = new char[length];
          for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
          }
          return new String(c);
        };
      }
      case DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> {
        o.notApplicable("random " + o.typeName(), "length");
        if (o.raw("min") == null && o.raw("max") == null) {
          return index -> fromEpochMillis(k, System.currentTimeMillis());
        }
        if (o.raw("min") == null || o.raw("max") == null) {
          throw o.error(o.raw("min") == null ? "min" : "max", "is required together with 'fields." + o.column + "."
              + (o.raw("min") == null ? "max" : "min") + "' for a random " + o.typeName() + " field");
        }
        long min = epochMillis(o.value("min"));
        long max = epochMillis(o.value("max"));
        o.checkOrder(min <= max);
        long unit = k == Kind.DATE ? 86_400_000L : 1L;
        return index -> {
          long lo = Math.floorDiv(min, unit);
          long v = lo + rnd(seed, index).nextLong(Math.floorDiv(max, unit) - lo + 1);
          return fromEpochMillis(k, v * unit);
        };
      }
      case ROW -> {
        // nested fields are generated like columns; their options are fields.<column>.<field>.*
        java.util.List<LogicalType> types = o.type.children();
        java.util.List<String> names = o.type.fieldNames();
        FieldGen[] fields = new FieldGen[types.size()];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = create(o.table, o.column + "." + names.get(i), i, types.get(i), o.options, seed);
        }
        return index -> {
          io.weir.core.types.Row row = new io.weir.core.types.Row(fields.length);
          for (int i = 0; i < fields.length; i++) {
            row.setField(i, fields[i].value(index));
          }
          return row;
        };
      }
      default -> throw new TableOptionException("table " + o.table + ": column '" + o.column + "' has type "
          + o.typeName() + ", which the datagen connector cannot generate");
    }
  }

  // ------------------------------------------------------------------ helpers

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static SplittableRandom rnd(long seed, long index) {
    return new SplittableRandom(mix(seed + index * 0x9E3779B97F4A7C15L));
  }

  private static long epochMillis(Object v) {
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (v instanceof LocalDate d) {
      return d.toEpochDay() * 86_400_000L;
    }
    if (v instanceof LocalTime t) {
      return t.toNanoOfDay() / 1_000_000L;
    }
    throw new IllegalStateException(String.valueOf(v));
  }

  private static Object fromEpochMillis(Kind k, long ms) {
    return switch (k) {
      case TIMESTAMP -> LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
      case TIMESTAMP_LTZ -> Instant.ofEpochMilli(ms);
      case DATE -> LocalDate.ofEpochDay(Math.floorDiv(ms, 86_400_000L));
      case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(ms, 86_400_000L) * 1_000_000L);
      default -> throw new IllegalStateException(k.name());
    };
  }

  /** Reads and checks the {@code fields.<column>.*} options of one column. */
  private static final class Opts {
    final String table;
    final String column;
    final LogicalType type;
    final Map<String, String> options;

    Opts(String table, String column, LogicalType type, Map<String, String> options) {
      this.table = table;
      this.column = column;
      this.type = type;
      this.options = options;
    }

    String key(String sub) {
      return DataGenTableFactory.FIELDS + column + "." + sub;
    }

    String raw(String sub) {
      return options.get(key(sub));
    }

    String typeName() {
      return type.copy(true).asSummaryString();
    }

    TableOptionException error(String sub, String problem) {
      return new TableOptionException("table " + table + ": option '" + key(sub) + "' " + problem);
    }

    void notApplicable(String what, String... subs) {
      for (String s : subs) {
        if (raw(s) != null) {
          throw error(s, "does not apply to a " + what + " field (column '" + column + "' of type " + typeName() + ")");
        }
      }
    }

    void checkOrder(boolean ok) {
      if (!ok) {
        throw error("min", "must not be greater than '" + key("max") + "'");
      }
    }

    double nullRate() {
      String r = raw("null-rate");
      if (r == null) {
        return 0;
      }
      double d;
      try {
        d = Double.parseDouble(r.trim());
      } catch (NumberFormatException e) {
        throw error("null-rate", "expects a number between 0 and 1 but was '" + r + "'");
      }
      if (!(d >= 0 && d <= 1)) {
        throw error("null-rate", "expects a number between 0 and 1 but was '" + r + "'");
      }
      return d;
    }

    long integer(String sub) {
      String r = raw(sub);
      try {
        return Long.parseLong(r.trim());
      } catch (NumberFormatException e) {
        throw error(sub, "expects an integer but was '" + r + "'");
      }
    }

    BigDecimal requiredNumber(String sub, LogicalType t, String what) {
      if (raw(sub) == null) {
        throw new TableOptionException("table " + table + ": missing required option '" + key(sub) + "' for " + what);
      }
      return number(sub, t);
    }

    /** A number of the column's type (range-checked), as BigDecimal. */
    BigDecimal number(String sub, LogicalType t) {
      String r = raw(sub);
      try {
        Object v = SqlValueFormat.coerce(new BigDecimal(r.trim()), t);
        return v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
      } catch (IllegalArgumentException e) {
        throw error(sub, "expects a " + t.copy(true).asSummaryString() + " value but was '" + r + "'");
      }
    }

    Object requiredValue(String sub, String what) {
      if (raw(sub) == null) {
        throw new TableOptionException("table " + table + ": missing required option '" + key(sub) + "' for " + what);
      }
      return value(sub);
    }

    /** A value of the column's type parsed from its text. */
    Object value(String sub) {
      String r = raw(sub);
      try {
        return SqlValueFormat.parse(r, type);
      } catch (IllegalArgumentException e) {
        throw error(sub, "expects a " + typeName() + " value but was '" + r + "'");
      }
    }

    Duration duration(String sub, Duration def) {
      String r = raw(sub);
      if (r == null) {
        return def;
      }
      try {
        return ConfigOption.parseDuration(r.trim());
      } catch (IllegalArgumentException e) {
        throw error(sub, "expects a duration such as '1 s' but was '" + r + "'");
      }
    }
  }
}
