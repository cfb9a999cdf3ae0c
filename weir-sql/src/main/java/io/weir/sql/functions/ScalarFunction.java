package io.weir.sql.functions;

/**
 * A user scalar function: declare one or more public {@code eval(...)} methods; the overload is
 * chosen from the SQL argument types at planning time (exact Java class first, then numeric
 * widening, then {@code Object}). The SQL result type follows the return class ({@code Integer} →
 * INT, {@code Long} → BIGINT, {@code String} → STRING, {@code Double} → DOUBLE, {@code Boolean} →
 * BOOLEAN, {@code BigDecimal} → DECIMAL(38, 18), {@code LocalDate} → DATE, {@code LocalDateTime}
 * → TIMESTAMP(3), {@code Instant} → TIMESTAMP_LTZ(3), ...) or a {@link FunctionHint}. SQL NULL
 * arguments arrive as {@code null} for boxed parameters; a NULL for a primitive parameter makes
 * the result NULL without calling {@code eval}.
 *
 * <pre>{@code
 * public class Twice extends ScalarFunction {
 *   public Integer eval(Integer x) { return x == null ? null : 2 * x; }
 *   public String eval(String s) { return s == null ? null : s + s; }
 * }
 * }</pre>
 */
public abstract class ScalarFunction extends UserDefinedFunction {}
