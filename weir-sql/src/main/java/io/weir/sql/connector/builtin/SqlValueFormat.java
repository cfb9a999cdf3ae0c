package io.weir.sql.connector.builtin;

import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of SQL values shared by the CLI output, the {@code filesystem} formats, the
 * {@code print} sink and the {@code values} literals, so that what one writes the other reads:
 * <ul>
 *   <li>TIMESTAMP {@code yyyy-MM-dd HH:mm:ss[.SSS]} (the fraction only when non-zero, always 3
 *       digits), TIMESTAMP_LTZ the same in UTC, DATE {@code yyyy-MM-dd}, TIME {@code HH:mm:ss[.SSS]};
 *   <li>DECIMAL in plain notation ({@link BigDecimal#toPlainString()}), never {@code 1E+3};
 *   <li>BYTES as lower-case hex; BOOLEAN as {@code true}/{@code false};
 *   <li>ARRAY {@code [a, b]}, MAP {@code {k=v}}, ROW {@code (a, b)}; NULL has no text form here
 *       (callers print an empty field or {@code NULL}).
 * </ul>
 * Parsing accepts the same forms plus ISO-8601 ({@code 2024-01-01T10:00:00}).
 */
public final class SqlValueFormat {
  private SqlValueFormat() {}

  private static final DateTimeFormatter TIME_OUT = new DateTimeFormatterBuilder()
      .appendPattern("HH:mm:ss").toFormatter(Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP_IN = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalEnd()
      .optionalStart().appendLiteral('Z').optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
      .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
      .toFormatter(Locale.ROOT);

  /** The text of a non-null value (see the class comment); {@code null} gives {@code null}. */
  public static String format(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return formatFloating(((Number) v).doubleValue(), v instanceof Float);
    }
    if (v instanceof LocalDateTime t) {
      if (t.getYear() >= 0 && t.getYear() <= 9999) {
        return timestamp(t);
      }
      return t.toLocalDate() + " " + formatTime(t.toLocalTime());
    }
    if (v instanceof Instant i) {
      return format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof LocalTime t) {
      return formatTime(t);
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(nested(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ", ").append(nested(e.getKey())).append('=').append(nested(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    if (v instanceof Row r) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < r.getArity(); i++) {
        sb.append(i > 0 ? ", " : "").append(nested(r.getField(i)));
      }
      return sb.append(')').toString();
    }
    return v.toString();
  }

  /**
   * One RFC 4180 field: quoted (quotes doubled) when it contains the delimiter, a quote, CR or LF,
   * or is the empty string (so that an empty string differs from NULL, which is an empty field).
   */
  public static String csvField(String text, char delimiter) {
    if (text.isEmpty()) {
      return "\"\"";
    }
    boolean quote = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  private static String nested(Object v) {
    return v == null ? "NULL" : format(v);
  }

  /**
   * The TIMESTAMP text of a year in 0..9999 built digit by digit: the filesystem sink formats one
   * per row (Nexmark q10), and the general path (DateTimeFormatter, String.format) costs several
   * times more. Same text as the general path.
   */
  private static String timestamp(LocalDateTime t) {
    int millis = t.getNano() / 1_000_000;
    boolean fraction = t.getNano() != 0;
    char[] c = new char[fraction ? 23 : 19];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = ' ';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    if (fraction) {
      c[19] = '.';
      digits(c, 20, millis, 3);
    }
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static String formatTime(LocalTime t) {
    String s = TIME_OUT.format(t);
    int nanos = t.getNano();
    if (nanos != 0) {
      s += String.format(Locale.ROOT, ".%03d", nanos / 1_000_000);
    }
    return s;
  }

  /** Shortest text that reads back as the same value; plain notation for moderate magnitudes. */
  private static String formatFloating(double d, boolean isFloat) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    String s = isFloat ? Float.toString((float) d) : Double.toString(d);
    if (s.contains("E")) {
      double abs = Math.abs(d);
      if (abs >= 1e-6 && abs < 1e21) {
        BigDecimal exact = new BigDecimal(s);
        return exact.stripTrailingZeros().toPlainString();
      }
    }
    return s;
  }

  /**
   * Parses text as a value of {@code type}; an empty string is the empty string for character
   * types and an error otherwise. Throws IllegalArgumentException with a short reason.
   */
  public static Object parse(String text, LogicalType type) {
    String t = text.trim();
    try {
      return switch (type.kind()) {
        case CHAR, VARCHAR -> text;
        case BOOLEAN -> {
          if (t.equalsIgnoreCase("true")) {
            yield Boolean.TRUE;
          }
          if (t.equalsIgnoreCase("false")) {
            yield Boolean.FALSE;
          }
          throw new IllegalArgumentException();
        }
        case TINYINT -> Byte.valueOf(t);
        case SMALLINT -> Short.valueOf(t);
        case INTEGER -> Integer.valueOf(t);
        case BIGINT -> Long.valueOf(t);
        case FLOAT -> Float.valueOf(t);
        case DOUBLE -> Double.valueOf(t);
        case DECIMAL -> toDecimal(new BigDecimal(t), type);
        case DATE -> LocalDate.parse(t);
        case TIME -> LocalTime.parse(t);
        case TIMESTAMP -> LocalDateTime.parse(t, TIMESTAMP_IN);
        case TIMESTAMP_LTZ -> LocalDateTime.parse(t, TIMESTAMP_IN).toInstant(ZoneOffset.UTC);
        case BINARY, VARBINARY -> HexFormat.of().parseHex(t);
        default -> throw new UnsupportedOperationException();
      };
    } catch (UnsupportedOperationException e) {
      throw new IllegalArgumentException("values of type " + type.asSummaryString() + " cannot be read from text");
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot parse '" + abbreviate(text) + "' as " + typeName(type));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().startsWith("DECIMAL")
          ? e.getMessage() : "cannot parse '" + abbreviate(text) + "' as " + typeName(type));
    }
  }

  /** A BigDecimal with the type's scale (HALF_UP); too many integer digits is an error. */
  public static BigDecimal toDecimal(BigDecimal d, LogicalType type) {
    BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new IllegalArgumentException("DECIMAL value " + d.toPlainString() + " does not fit " + type.asSummaryString());
    }
    return scaled;
  }

  /**
   * Converts a Java value (from a literal or another connector) to the representation of {@code
   * type} (see {@link LogicalType}): numbers are range-checked, strings are parsed for non-character
   * types. Throws IllegalArgumentException with a short reason.
   */
  public static Object coerce(Object v, LogicalType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s && type.kind() != LogicalType.Kind.CHAR && type.kind() != LogicalType.Kind.VARCHAR) {
      return parse(s, type);
    }
    switch (type.kind()) {
      case CHAR, VARCHAR -> {
        if (v instanceof String) {
          return v;
        }
      }
      case BOOLEAN -> {
        if (v instanceof Boolean) {
          return v;
        }
      }
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        if (v instanceof BigDecimal || v instanceof Number && !(v instanceof Double) && !(v instanceof Float)) {
          BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
          try {
            BigInteger exact = d.toBigIntegerExact();
            long l = exact.longValueExact();
            return switch (type.kind()) {
              case TINYINT -> {
                if (l < Byte.MIN_VALUE || l > Byte.MAX_VALUE) {
                  throw new ArithmeticException();
                }
                yield (byte) l;
              }
              case SMALLINT -> {
                if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
                  throw new ArithmeticException();
                }
                yield (short) l;
              }
              case INTEGER -> Math.toIntExact(l);
              default -> l;
            };
          } catch (ArithmeticException e) {
            throw new IllegalArgumentException(d.toPlainString() + " is not a " + typeName(type) + " value");
          }
        }
      }
      case FLOAT -> {
        if (v instanceof Number n) {
          return n.floatValue();
        }
      }
      case DOUBLE -> {
        if (v instanceof Number n) {
          return n.doubleValue();
        }
      }
      case DECIMAL -> {
        if (v instanceof Number n) {
          BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
          return toDecimal(d, type);
        }
      }
      case DATE -> {
        if (v instanceof LocalDate) {
          return v;
        }
        if (v instanceof LocalDateTime t) {
          return t.toLocalDate();
        }
      }
      case TIME -> {
        if (v instanceof LocalTime) {
          return v;
        }
      }
      case TIMESTAMP -> {
        if (v instanceof LocalDateTime) {
          return v;
        }
        if (v instanceof LocalDate d) {
          return d.atStartOfDay();
        }
        if (v instanceof Instant i) {
          return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
      }
      case TIMESTAMP_LTZ -> {
        if (v instanceof Instant) {
          return v;
        }
        if (v instanceof LocalDateTime t) {
          return t.toInstant(ZoneOffset.UTC);
        }
      }
      case BINARY, VARBINARY -> {
        if (v instanceof byte[]) {
          return v;
        }
      }
      case ARRAY -> {
        if (v instanceof List<?> l) {
          LogicalType element = type.children().get(0);
          java.util.ArrayList<Object> out = new java.util.ArrayList<>(l.size());
          for (Object e : l) {
            out.add(coerce(e, element));
          }
          return out;
        }
      }
      case MAP -> {
        if (v instanceof Map<?, ?> m) {
          java.util.LinkedHashMap<Object, Object> out = new java.util.LinkedHashMap<>();
          for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(coerce(e.getKey(), type.children().get(0)), coerce(e.getValue(), type.children().get(1)));
          }
          return out;
        }
      }
      case ROW -> {
        if (v instanceof Row r && r.getArity() == type.children().size()) {
          Row out = new Row(r.getArity());
          for (int i = 0; i < r.getArity(); i++) {
            out.setField(i, coerce(r.getField(i), type.children().get(i)));
          }
          return out;
        }
      }
      default -> {}
    }
    throw new IllegalArgumentException("cannot use " + describe(v) + " as " + typeName(type));
  }

  static String describe(Object v) {
    if (v instanceof String s) {
      return "'" + abbreviate(s) + "'";
    }
    return abbreviate(format(v));
  }

  static String typeName(LogicalType type) {
    return type.copy(true).asSummaryString();
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
