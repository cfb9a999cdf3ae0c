package io.weir.sql.codegen;

import io.weir.core.types.Row;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runtime helpers called by generated expression code (io.weir.sql.codegen.ExprCodeGenerator).
 * All methods take non-null arguments unless documented; the generated code does the SQL NULL
 * checks. Values use the representation documented on io.weir.sql.catalog.LogicalType. Time zone
 * for TIMESTAMP_LTZ conversions is UTC.
 */
public final class SqlFunctions {
  private SqlFunctions() {}

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  // ------------------------------------------------------------------ numbers

  public static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (v instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return new BigDecimal(v.toString().trim());
  }

  /** Rounds to the declared scale; NULL when the value does not fit the declared precision (as Flink). */
  public static BigDecimal decimal(BigDecimal v, int precision, int scale) {
    BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
    if (r.precision() - r.scale() > precision - scale) {
      return null;
    }
    return r;
  }

  public static BigDecimal divide(BigDecimal a, BigDecimal b, int precision, int scale) {
    if (b.signum() == 0) {
      throw new ArithmeticException("Division by zero");
    }
    return decimal(a.divide(b, new MathContext(Math.max(precision, 38), RoundingMode.HALF_UP)), precision, scale);
  }

  public static BigDecimal mod(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      throw new ArithmeticException("Division by zero");
    }
    return a.remainder(b);
  }

  /** Compares two numbers of possibly different classes exactly. */
  public static int compareNumbers(Number a, Number b) {
    if (a instanceof BigDecimal || b instanceof BigDecimal) {
      return toDecimal(a).compareTo(toDecimal(b));
    }
    if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return Long.compare(a.longValue(), b.longValue());
  }

  /** SQL comparison of two non-null values of comparable types. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    if (a instanceof Number na && b instanceof Number nb) {
      if (a.getClass() == b.getClass() && !(a instanceof Double) && !(a instanceof Float)) {
        return ((Comparable) a).compareTo(b);
      }
      return compareNumbers(na, nb);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof String s && b instanceof String t) {
      return s.compareTo(t);
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    if (a instanceof LocalDate d && b instanceof LocalDateTime t) {
      return d.atStartOfDay().compareTo(t);
    }
    if (a instanceof LocalDateTime t && b instanceof LocalDate d) {
      return t.compareTo(d.atStartOfDay());
    }
    return a.toString().compareTo(b.toString());
  }

  public static boolean equal(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return compare(a, b) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return a.equals(b);
  }

  public static double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }

  public static BigDecimal round(BigDecimal v, int digits) {
    return v.setScale(digits, RoundingMode.HALF_UP);
  }

  public static long round(long v, int digits) {
    if (digits >= 0) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).longValue();
  }

  public static BigDecimal truncate(BigDecimal v, int digits) {
    return v.setScale(digits, RoundingMode.DOWN);
  }

  public static double truncate(double v, int digits) {
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.DOWN).doubleValue();
  }

  public static BigDecimal floor(BigDecimal v) {
    return v.setScale(0, RoundingMode.FLOOR);
  }

  public static BigDecimal ceil(BigDecimal v) {
    return v.setScale(0, RoundingMode.CEILING);
  }

  public static Double ln(double v) {
    return v <= 0 ? null : Math.log(v);
  }

  public static Double log10(double v) {
    return v <= 0 ? null : Math.log10(v);
  }

  public static Double log(double base, double v) {
    return v <= 0 || base <= 0 || base == 1 ? null : Math.log(v) / Math.log(base);
  }

  // ------------------------------------------------------------------ casts

  public static Integer parseInt(String s) {
    return Integer.valueOf(s.trim());
  }

  public static Long parseLong(String s) {
    return Long.valueOf(s.trim());
  }

  public static Boolean parseBoolean(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "true":
      case "t":
      case "yes":
      case "y":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "f":
      case "no":
      case "n":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("cannot cast '" + s + "' to BOOLEAN");
    }
  }

  public static LocalDate parseDate(String s) {
    return LocalDate.parse(s.trim());
  }

  public static LocalTime parseTime(String s) {
    return LocalTime.parse(s.trim());
  }

  public static LocalDateTime parseTimestamp(String s) {
    String t = s.trim().replace('T', ' ');
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay();
    }
    return LocalDateTime.parse(t.replace(' ', 'T'));
  }

  public static Instant parseInstant(String s) {
    return parseTimestamp(s).toInstant(ZoneOffset.UTC);
  }

  public static LocalDateTime truncateTimestamp(LocalDateTime t, int precision) {
    if (precision >= 9) {
      return t;
    }
    int nanos = t.getNano();
    int factor = (int) Math.pow(10, 9 - precision);
    return t.withNano(nanos / factor * factor);
  }

  public static Instant truncateInstant(Instant t, int precision) {
    if (precision >= 9) {
      return t;
    }
    int factor = (int) Math.pow(10, 9 - precision);
    return Instant.ofEpochSecond(t.getEpochSecond(), t.getNano() / factor * factor);
  }

  public static LocalDateTime toTimestamp(Instant i) {
    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  public static Instant toInstant(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC);
  }

  /** The string form of a value as CAST(x AS STRING) gives it. */
  public static String toStr(Object v) {
    if (v instanceof LocalDateTime t) {
      return formatTimestamp(t);
    }
    if (v instanceof Instant i) {
      return formatTimestamp(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (v instanceof Double d) {
      return doubleToString(d);
    }
    if (v instanceof Float f) {
      return doubleToString(f.doubleValue());
    }
    if (v instanceof Row r) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < r.getArity(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Object f = r.getField(i);
        sb.append(f == null ? "NULL" : toStr(f));
      }
      return sb.append(')').toString();
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object o : l) {
        parts.add(o == null ? "NULL" : toStr(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return v.toString();
  }

  private static String doubleToString(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Double.toString(d);
    }
    return Double.toString(d);
  }

  public static String formatTimestamp(LocalDateTime t) {
    String date = t.toLocalDate().toString();
    String time = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    int nanos = t.getNano();
    if (nanos == 0) {
      return date + " " + time;
    }
    String frac = String.format("%09d", nanos);
    int end = frac.length();
    while (end > 3 && frac.charAt(end - 1) == '0') {
      end--;
    }
    return date + " " + time + "." + frac.substring(0, end);
  }

  /** CHAR(n): pad or cut; VARCHAR(n): cut. */
  public static String fitString(String s, int length, boolean pad) {
    if (s.length() > length) {
      return s.substring(0, length);
    }
    if (pad && s.length() < length) {
      return s + " ".repeat(length - s.length());
    }
    return s;
  }

  // ------------------------------------------------------------------ strings

  public static String substring(String s, long start) {
    return substring(s, start, Integer.MAX_VALUE);
  }

  /** SQL SUBSTRING with 1-based start; a start before 1 shortens the length like the standard says. */
  public static String substring(String s, long start, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("SUBSTRING length must not be negative, was " + length);
    }
    long from = start;
    long to = start + length; // exclusive, 1-based
    if (from < 1) {
      from = 1;
    }
    if (to > s.length() + 1L) {
      to = s.length() + 1L;
    }
    if (to <= from) {
      return "";
    }
    return s.substring((int) from - 1, (int) to - 1);
  }

  public static String trim(String flag, String chars, String s) {
    boolean leading = !flag.equals("TRAILING");
    boolean trailing = !flag.equals("LEADING");
    int from = 0;
    int to = s.length();
    if (leading) {
      while (from < to && chars.indexOf(s.charAt(from)) >= 0) {
        from++;
      }
    }
    if (trailing) {
      while (to > from && chars.indexOf(s.charAt(to - 1)) >= 0) {
        to--;
      }
    }
    return s.substring(from, to);
  }

  public static int position(String needle, String s) {
    return s.indexOf(needle) + 1;
  }

  public static int position(String needle, String s, int from) {
    if (from < 1) {
      return 0;
    }
    return s.indexOf(needle, from - 1) + 1;
  }

  public static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = !Character.isLetterOrDigit(c);
    }
    return sb.toString();
  }

  /** A REGEXP / REGEXP_EXTRACT / REGEXP_REPLACE pattern, compiled, with the literal its matches contain. */
  private record Regex(Pattern pattern, RegexLiteral literal) {}

  private static final Map<String, Regex> REGEXES = new ConcurrentHashMap<>();

  private static Regex regex(String regex) {
    return REGEXES.computeIfAbsent(regex, r -> new Regex(Pattern.compile(r), RegexLiteral.of(r)));
  }

  /** LIKE with optional escape character. */
  public static boolean like(String s, String pattern, String escape) {
    String key = "L\u0000" + pattern + "\u0000" + escape;
    Pattern p = PATTERNS.computeIfAbsent(key, k -> Pattern.compile(likeToRegex(pattern, escape), Pattern.DOTALL));
    return p.matcher(s).matches();
  }

  static String likeToRegex(String pattern, String escape) {
    char esc = escape == null || escape.isEmpty() ? 0 : escape.charAt(0);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (esc != 0 && c == esc && i + 1 < pattern.length()) {
        sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        sb.append(".*");
      } else if (c == '_') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** SIMILAR TO: SQL regular expression (%, _, |, *, +, ?, {m,n}, (), []). */
  public static boolean similar(String s, String pattern, String escape) {
    String key = "S\u0000" + pattern + "\u0000" + escape;
    Pattern p = PATTERNS.computeIfAbsent(key, k -> Pattern.compile(similarToRegex(pattern, escape), Pattern.DOTALL));
    return p.matcher(s).matches();
  }

  static String similarToRegex(String pattern, String escape) {
    char esc = escape == null || escape.isEmpty() ? 0 : escape.charAt(0);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (esc != 0 && c == esc && i + 1 < pattern.length()) {
        sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        sb.append(".*");
      } else if (c == '_') {
        sb.append('.');
      } else if ("|*+?{}()[]^-,0123456789".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** Flink REGEXP: whether any part of s matches; NULL for an invalid regex. */
  public static Boolean regexp(String s, String regex) {
    try {
      Regex r = regex(regex);
      int from = r.literal().searchFrom(s);
      return from >= 0 && r.pattern().matcher(s).find(from);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  /**
   * This thread's last REGEXP_EXTRACT and its Matcher. A Calc evaluates its filter and its
   * projection separately, so a row often repeats the same call on the same string (Nexmark q21
   * filters on an extraction it then projects); the same objects give the same result.
   */
  private static final ThreadLocal<LastExtract> LAST_EXTRACT = ThreadLocal.withInitial(LastExtract::new);

  private static final class LastExtract {
    String input;
    String regex;
    int group;
    String result;
    String matcherRegex;
    Matcher matcher;
    RegexLiteral literal;
  }

  public static String regexpExtract(String s, String regex, int group) {
    LastExtract last = LAST_EXTRACT.get();
    if (s == last.input && regex == last.regex && group == last.group && s != null) {
      return last.result;
    }
    try {
      Matcher m;
      if (regex == last.matcherRegex && last.matcher != null) {
        m = last.matcher.reset(s);
      } else {
        Regex r = regex(regex);
        m = r.pattern().matcher(s);
        last.matcher = m;
        last.literal = r.literal();
        last.matcherRegex = regex;
      }
      int from = last.literal.searchFrom(s);
      String result = from >= 0 && m.find(from) && group <= m.groupCount() && group >= 0 ? m.group(group) : null;
      last.input = s;
      last.regex = regex;
      last.group = group;
      last.result = result;
      return result;
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  public static String regexpReplace(String s, String regex, String replacement) {
    try {
      Regex r = regex(regex);
      // without the literal nothing matches, and replaceAll would return s as well
      return r.literal().searchFrom(s) < 0 ? s : r.pattern().matcher(s).replaceAll(replacement);
    } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Flink SPLIT_INDEX: the index-th (0-based) piece of s split at sep, NULL when out of range. */
  public static String splitIndex(String s, String sep, int index) {
    if (index < 0 || sep.isEmpty()) {
      return null;
    }
    // Same pieces as s.split(Pattern.quote(sep), -1) (empty leading and trailing pieces kept), but
    // without compiling the quoted pattern and building every piece: Nexmark q22 calls it 3 times a row.
    int from = 0;
    for (int i = 0; i < index; i++) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        return null;
      }
      from = at + sep.length();
    }
    int end = s.indexOf(sep, from);
    return s.substring(from, end < 0 ? s.length() : end);
  }

  public static String replace(String s, String search, String replacement) {
    if (search.isEmpty()) {
      return s;
    }
    return s.replace(search, replacement);
  }

  public static String repeat(String s, int n) {
    return n <= 0 ? "" : s.repeat(n);
  }

  public static String lpad(String s, int len, String pad) {
    if (len <= s.length()) {
      return s.substring(0, Math.max(len, 0));
    }
    if (pad.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (sb.length() < len - s.length()) {
      sb.append(pad);
    }
    return sb.substring(0, len - s.length()) + s;
  }

  public static String rpad(String s, int len, String pad) {
    if (len <= s.length()) {
      return s.substring(0, Math.max(len, 0));
    }
    if (pad.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < len) {
      sb.append(pad);
    }
    return sb.substring(0, len);
  }

  // ------------------------------------------------------------------ date/time

  public static long extract(String unit, Object v) {
    if (v instanceof Instant i) {
      v = toTimestamp(i);
    }
    if (v instanceof LocalDate d) {
      v = d.atStartOfDay();
    }
    if (v instanceof LocalTime t) {
      return switch (unit) {
        case "HOUR" -> t.getHour();
        case "MINUTE" -> t.getMinute();
        case "SECOND" -> t.getSecond();
        case "MILLISECOND" -> t.getSecond() * 1000L + t.getNano() / 1_000_000;
        case "MICROSECOND" -> t.getSecond() * 1_000_000L + t.getNano() / 1000;
        case "NANOSECOND" -> t.getSecond() * 1_000_000_000L + t.getNano();
        default -> throw new IllegalArgumentException("cannot EXTRACT " + unit + " from TIME");
      };
    }
    if (v instanceof Long millis) { // interval day-time
      return switch (unit) {
        case "DAY" -> millis / 86_400_000L;
        case "HOUR" -> millis / 3_600_000L % 24;
        case "MINUTE" -> millis / 60_000L % 60;
        case "SECOND" -> millis / 1000L % 60;
        case "MILLISECOND" -> millis % 60_000L;
        default -> throw new IllegalArgumentException("cannot EXTRACT " + unit + " from a day-time interval");
      };
    }
    if (v instanceof Integer months) {
      return switch (unit) {
        case "YEAR" -> months / 12;
        case "MONTH" -> months % 12;
        default -> throw new IllegalArgumentException("cannot EXTRACT " + unit + " from a year-month interval");
      };
    }
    LocalDateTime t = (LocalDateTime) v;
    return switch (unit) {
      case "YEAR" -> t.getYear();
      case "QUARTER" -> (t.getMonthValue() - 1) / 3 + 1;
      case "MONTH" -> t.getMonthValue();
      case "WEEK" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "DAY" -> t.getDayOfMonth();
      case "DOW" -> t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
      case "ISODOW" -> t.getDayOfWeek().getValue();
      case "DOY" -> t.getDayOfYear();
      case "HOUR" -> t.getHour();
      case "MINUTE" -> t.getMinute();
      case "SECOND" -> t.getSecond();
      case "MILLISECOND" -> t.getSecond() * 1000L + t.getNano() / 1_000_000;
      case "MICROSECOND" -> t.getSecond() * 1_000_000L + t.getNano() / 1000;
      case "NANOSECOND" -> t.getSecond() * 1_000_000_000L + t.getNano();
      case "EPOCH" -> t.toEpochSecond(ZoneOffset.UTC);
      case "DECADE" -> t.getYear() / 10;
      case "CENTURY" -> (t.getYear() + 99) / 100;
      case "MILLENNIUM" -> (t.getYear() + 999) / 1000;
      case "ISOYEAR" -> t.get(IsoFields.WEEK_BASED_YEAR);
      default -> throw new IllegalArgumentException("cannot EXTRACT " + unit);
    };
  }

  public static LocalDateTime floor(LocalDateTime t, String unit) {
    return switch (unit) {
      case "YEAR" -> LocalDateTime.of(t.getYear(), 1, 1, 0, 0);
      case "QUARTER" -> LocalDateTime.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1, 0, 0);
      case "MONTH" -> LocalDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0);
      case "WEEK" -> t.toLocalDate().minusDays(t.getDayOfWeek().getValue() % 7).atStartOfDay();
      case "DAY" -> t.truncatedTo(ChronoUnit.DAYS);
      case "HOUR" -> t.truncatedTo(ChronoUnit.HOURS);
      case "MINUTE" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "SECOND" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "MILLISECOND" -> t.truncatedTo(ChronoUnit.MILLIS);
      default -> throw new IllegalArgumentException("cannot FLOOR to " + unit);
    };
  }

  public static LocalDateTime ceil(LocalDateTime t, String unit) {
    LocalDateTime f = floor(t, unit);
    if (f.equals(t)) {
      return f;
    }
    return switch (unit) {
      case "YEAR" -> f.plusYears(1);
      case "QUARTER" -> f.plusMonths(3);
      case "MONTH" -> f.plusMonths(1);
      case "WEEK" -> f.plusWeeks(1);
      case "DAY" -> f.plusDays(1);
      case "HOUR" -> f.plusHours(1);
      case "MINUTE" -> f.plusMinutes(1);
      case "SECOND" -> f.plusSeconds(1);
      default -> f.plus(1, ChronoUnit.MILLIS);
    };
  }

  public static LocalDate floor(LocalDate d, String unit) {
    return floor(d.atStartOfDay(), unit).toLocalDate();
  }

  public static LocalDate ceil(LocalDate d, String unit) {
    return ceil(d.atStartOfDay(), unit).toLocalDate();
  }

  public static Instant floor(Instant i, String unit) {
    return toInstant(floor(toTimestamp(i), unit));
  }

  public static Instant ceil(Instant i, String unit) {
    return toInstant(ceil(toTimestamp(i), unit));
  }

  /** Timestamp/date plus a day-time interval in milliseconds or a year-month interval in months. */
  public static Object plusMillis(Object t, long millis) {
    if (t instanceof LocalDateTime ts) {
      return ts.plus(Duration.ofMillis(millis));
    }
    if (t instanceof Instant i) {
      return i.plusMillis(millis);
    }
    if (t instanceof LocalDate d) {
      return d.plusDays(Math.floorDiv(millis, 86_400_000L));
    }
    if (t instanceof LocalTime lt) {
      return lt.plus(Duration.ofMillis(millis));
    }
    throw new IllegalArgumentException("cannot add an interval to " + t.getClass().getSimpleName());
  }

  public static Object plusMonths(Object t, int months) {
    if (t instanceof LocalDateTime ts) {
      return ts.plusMonths(months);
    }
    if (t instanceof Instant i) {
      return toInstant(toTimestamp(i).plusMonths(months));
    }
    if (t instanceof LocalDate d) {
      return d.plusMonths(months);
    }
    throw new IllegalArgumentException("cannot add months to " + t.getClass().getSimpleName());
  }

  public static Object timestampAdd(String unit, long n, Object t) {
    return switch (unit) {
      case "YEAR" -> plusMonths(t, (int) (n * 12));
      case "QUARTER" -> plusMonths(t, (int) (n * 3));
      case "MONTH" -> plusMonths(t, (int) n);
      case "WEEK" -> plusMillis(t, n * 7 * 86_400_000L);
      case "DAY" -> plusMillis(t, n * 86_400_000L);
      case "HOUR" -> plusMillis(t, n * 3_600_000L);
      case "MINUTE" -> plusMillis(t, n * 60_000L);
      case "SECOND" -> plusMillis(t, n * 1000L);
      case "MILLISECOND" -> plusMillis(t, n);
      default -> throw new IllegalArgumentException("TIMESTAMPADD does not support " + unit);
    };
  }

  private static LocalDateTime asTimestamp(Object t) {
    if (t instanceof LocalDateTime ts) {
      return ts;
    }
    if (t instanceof Instant i) {
      return toTimestamp(i);
    }
    if (t instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    throw new IllegalArgumentException("not a timestamp: " + t);
  }

  public static long timestampDiff(String unit, Object a, Object b) {
    LocalDateTime x = asTimestamp(a);
    LocalDateTime y = asTimestamp(b);
    return switch (unit) {
      case "YEAR" -> ChronoUnit.YEARS.between(x, y);
      case "QUARTER" -> ChronoUnit.MONTHS.between(x, y) / 3;
      case "MONTH" -> ChronoUnit.MONTHS.between(x, y);
      case "WEEK" -> ChronoUnit.WEEKS.between(x, y);
      case "DAY" -> ChronoUnit.DAYS.between(x, y);
      case "HOUR" -> ChronoUnit.HOURS.between(x, y);
      case "MINUTE" -> ChronoUnit.MINUTES.between(x, y);
      case "SECOND" -> ChronoUnit.SECONDS.between(x, y);
      case "MILLISECOND" -> ChronoUnit.MILLIS.between(x, y);
      case "MICROSECOND" -> ChronoUnit.MICROS.between(x, y);
      default -> throw new IllegalArgumentException("TIMESTAMPDIFF does not support " + unit);
    };
  }

  static DateTimeFormatter formatter(String pattern) {
    return FORMATTERS.computeIfAbsent(pattern, DateTimeFormatter::ofPattern);
  }

  /** Flink DATE_FORMAT with a java.time pattern. */
  public static String dateFormat(Object t, String pattern) {
    if (t instanceof String s) {
      t = parseTimestamp(s);
    }
    LocalDateTime ts = asTimestamp(t);
    FastDatePattern fast = FAST_PATTERNS.computeIfAbsent(pattern, FastDatePattern::compile);
    if (fast != FastDatePattern.NONE && ts.getYear() >= 0 && ts.getYear() <= 9999) {
      return fast.format(ts);
    }
    return formatter(pattern).format(ts);
  }

  private static final Map<String, FastDatePattern> FAST_PATTERNS = new ConcurrentHashMap<>();

  /**
   * DATE_FORMAT with a constant pattern, one per call site of a generated class (the planner's
   * code passes it as a constant). Neighbouring rows mostly fall in the same unit of the pattern's
   * finest field (Nexmark's 'yyyy-MM-dd': the same day), so the last result is returned again
   * while the time stays in that unit: no formatting, and such rows share one String whose hash is
   * computed once when it becomes a grouping key. Other time types and patterns outside the fast
   * set take {@link #dateFormat} every time.
   */
  public static final class DateFormatter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String pattern;
    /** 'd' (date only), 'H', 'm', 's' or 'S': the finest field of a fast pattern; 0 = never cache. */
    private final char finest;
    /** Immutable, so a racy read sees a whole entry. */
    private transient Last last;

    public DateFormatter(String pattern) {
      this.pattern = pattern;
      FastDatePattern fast = FastDatePattern.compile(pattern);
      char f = 0;
      if (fast != FastDatePattern.NONE) {
        String order = "yMdHmsS";
        f = 'd';
        for (int i = 0; i < fast.count; i++) {
          char c = fast.fields[i];
          if (c != 0 && order.indexOf(c) > order.indexOf(f)) {
            f = c;
          }
        }
      }
      this.finest = f;
    }

    public String format(Object t) {
      if (finest == 0 || !(t instanceof LocalDateTime ts)) {
        return dateFormat(t, pattern);
      }
      Last l = last;
      if (l != null && l.sameUnit(ts, finest)) {
        return l.text;
      }
      String text = dateFormat(ts, pattern);
      last = new Last(ts, text);
      return text;
    }

    private record Last(LocalDateTime time, String text) {
      boolean sameUnit(LocalDateTime t, char finest) {
        if (!t.toLocalDate().equals(time.toLocalDate())) {
          return false;
        }
        return switch (finest) {
          case 'd' -> true;
          case 'H' -> t.getHour() == time.getHour();
          case 'm' -> t.getHour() == time.getHour() && t.getMinute() == time.getMinute();
          case 's' -> t.getHour() == time.getHour() && t.getMinute() == time.getMinute()
              && t.getSecond() == time.getSecond();
          default -> t.getHour() == time.getHour() && t.getMinute() == time.getMinute()
              && t.getSecond() == time.getSecond() && t.getNano() / 1_000_000 == time.getNano() / 1_000_000;
        };
      }
    }
  }

  /**
   * DATE_FORMAT runs per row in Nexmark q10 and q15–q17; patterns made only of yyyy, MM, dd, HH,
   * mm, ss, SSS and punctuation are formatted by appending digits, several times faster than
   * DateTimeFormatter (same output; years outside 0..9999 take the general path).
   */
  private static final class FastDatePattern {
    static final FastDatePattern NONE = new FastDatePattern(new char[0], 0);
    private final char[] fields; // per part: a field letter, or 0 for the literal at the same index of literals
    private final int count;
    private String literals = "";

    private FastDatePattern(char[] fields, int count) {
      this.fields = fields;
      this.count = count;
    }

    static FastDatePattern compile(String pattern) {
      char[] fields = new char[pattern.length()];
      StringBuilder lits = new StringBuilder();
      int n = 0;
      int i = 0;
      while (i < pattern.length()) {
        char c = pattern.charAt(i);
        int j = i;
        while (j < pattern.length() && pattern.charAt(j) == c) {
          j++;
        }
        String run = pattern.substring(i, j);
        if (Character.isLetter(c) || c == '\'' ) {
          switch (run) {
            case "yyyy", "MM", "dd", "HH", "mm", "ss", "SSS" -> {
              fields[n++] = c;
              lits.append('\0');
            }
            default -> {
              return NONE;
            }
          }
        } else {
          for (int k = i; k < j; k++) {
            fields[n++] = 0;
            lits.append(c);
          }
        }
        i = j;
      }
      FastDatePattern p = new FastDatePattern(fields, n);
      p.literals = lits.toString();
      return p;
    }

    String format(LocalDateTime t) {
      StringBuilder sb = new StringBuilder(24);
      for (int i = 0; i < count; i++) {
        switch (fields[i]) {
          case 'y' -> pad(sb, t.getYear(), 4);
          case 'M' -> pad(sb, t.getMonthValue(), 2);
          case 'd' -> pad(sb, t.getDayOfMonth(), 2);
          case 'H' -> pad(sb, t.getHour(), 2);
          case 'm' -> pad(sb, t.getMinute(), 2);
          case 's' -> pad(sb, t.getSecond(), 2);
          case 'S' -> pad(sb, t.getNano() / 1_000_000, 3);
          default -> sb.append(literals.charAt(i));
        }
      }
      return sb.toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
      if (width >= 4 && v < 1000) {
        sb.append('0');
      }
      if (width >= 3 && v < 100) {
        sb.append('0');
      }
      if (v < 10) {
        sb.append('0');
      }
      sb.append(v);
    }
  }

  public static LocalDateTime toTimestamp(String s) {
    try {
      return parseTimestamp(s);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static LocalDateTime toTimestamp(String s, String pattern) {
    try {
      DateTimeFormatter f = formatter(pattern);
      var parsed = f.parseBest(s, LocalDateTime::from, LocalDate::from);
      return parsed instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) parsed;
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static LocalDateTime currentTimestamp() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  public static Instant currentInstant() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  public static LocalDate currentDate() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  public static LocalTime currentTime() {
    return LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }

  /** Epoch milliseconds of a rowtime value (TIMESTAMP in UTC or TIMESTAMP_LTZ). */
  public static long toEpochMillis(Object t) {
    if (t instanceof LocalDateTime ts) {
      return ts.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (t instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (t instanceof LocalDate d) {
      return d.toEpochDay() * 86_400_000L;
    }
    if (t instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("not a time value: " + t);
  }

  // ------------------------------------------------------------------ collections

  public static Object item(Object container, Object key) {
    if (container instanceof List<?> l) {
      int i = ((Number) key).intValue();
      return i >= 1 && i <= l.size() ? l.get(i - 1) : null;
    }
    if (container instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (container instanceof Row r) {
      int i = ((Number) key).intValue();
      return r.getField(i - 1);
    }
    throw new IllegalArgumentException("cannot index into " + container.getClass().getSimpleName());
  }

  public static int cardinality(Object v) {
    if (v instanceof List<?> l) {
      return l.size();
    }
    return ((Map<?, ?>) v).size();
  }

  public static List<Object> list(Object[] values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  public static Map<Object, Object> map(Object[] keysAndValues) {
    Map<Object, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  public static String hash(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
