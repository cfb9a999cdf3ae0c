package io.weir.sql.functions;

import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.parser.DdlParser;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loaded user function class: its kind, its {@code eval}/{@code accumulate} overloads, how
 * SQL argument types select an overload, and the SQL type of the result (inferred from Java
 * classes or a {@link FunctionHint}). Errors are {@link IllegalArgumentException}s with a one-line
 * message naming the function.
 */
public final class FunctionDefinition {
  public enum FunctionKind { SCALAR, TABLE, AGGREGATE }

  private final String name;
  private final Class<? extends UserDefinedFunction> functionClass;
  private final FunctionKind kind;
  private final List<Method> methods;

  private FunctionDefinition(String name, Class<? extends UserDefinedFunction> functionClass, FunctionKind kind, List<Method> methods) {
    this.name = name;
    this.functionClass = functionClass;
    this.kind = kind;
    this.methods = methods;
  }

  /** Loads and checks a function class (CREATE FUNCTION and every planning that uses it). */
  @SuppressWarnings("unchecked")
  public static FunctionDefinition load(String name, String className, ClassLoader classLoader) {
    Class<?> c;
    try {
      c = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException("function '" + name + "': class '" + className + "' not found on the class path");
    }
    FunctionKind kind;
    if (ScalarFunction.class.isAssignableFrom(c)) {
      kind = FunctionKind.SCALAR;
    } else if (TableFunction.class.isAssignableFrom(c)) {
      kind = FunctionKind.TABLE;
    } else if (AggregateFunction.class.isAssignableFrom(c)) {
      kind = FunctionKind.AGGREGATE;
    } else {
      throw new IllegalArgumentException("function '" + name + "': class '" + className + "' is not a function: it must extend "
          + ScalarFunction.class.getName() + ", " + TableFunction.class.getName() + " or " + AggregateFunction.class.getName());
    }
    if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
      throw new IllegalArgumentException("function '" + name + "': class '" + className + "' must be public and not abstract");
    }
    try {
      Constructor<?> ctor = c.getConstructor();
      if (!Modifier.isPublic(ctor.getModifiers())) {
        throw new NoSuchMethodException();
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("function '" + name + "': class '" + className + "' needs a public no-argument constructor");
    }
    String methodName = kind == FunctionKind.AGGREGATE ? "accumulate" : "eval";
    List<Method> ms = publicMethods(c, methodName);
    if (kind == FunctionKind.AGGREGATE) {
      ms.removeIf(m -> m.getParameterCount() == 0);
    }
    if (ms.isEmpty()) {
      throw new IllegalArgumentException("function '" + name + "': class '" + className + "' has no public "
          + methodName + "(" + (kind == FunctionKind.AGGREGATE ? "ACC acc, ..." : "...") + ") method");
    }
    FunctionDefinition d = new FunctionDefinition(name, (Class<? extends UserDefinedFunction>) c, kind, ms);
    if (kind != FunctionKind.SCALAR) {
      d.resultType(ms.get(0)); // fails early on an undeclared output type
    }
    return d;
  }

  /** The definition of an already loaded function class (runtime side). */
  public static FunctionDefinition of(String name, Class<?> functionClass) {
    return load(name, functionClass.getName(), functionClass.getClassLoader() != null
        ? functionClass.getClassLoader() : ClassLoader.getSystemClassLoader());
  }

  /** The overload for arguments of these Java classes (runtime values' classes), or null. */
  public Method resolveJava(Class<?>[] argClasses) {
    List<LogicalType> types = new ArrayList<>();
    for (Class<?> c : argClasses) {
      LogicalType t = fromJava(c);
      if (t == null) {
        return null;
      }
      types.add(t);
    }
    return resolve(types);
  }

  private static List<Method> publicMethods(Class<?> c, String methodName) {
    List<Method> ms = new ArrayList<>();
    for (Method m : c.getMethods()) {
      if (m.getName().equals(methodName) && !Modifier.isStatic(m.getModifiers()) && !m.isBridge()) {
        ms.add(m);
      }
    }
    ms.sort(Comparator.comparing(Method::toGenericString)); // deterministic choice among equal matches
    return ms;
  }

  public String name() {
    return name;
  }

  public FunctionKind kind() {
    return kind;
  }

  public Class<? extends UserDefinedFunction> functionClass() {
    return functionClass;
  }

  public UserDefinedFunction newInstance() {
    try {
      return functionClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("function '" + name + "': cannot instantiate " + functionClass.getName() + ": " + cause, cause);
    }
  }

  /** The overloads ({@code eval}, or {@code accumulate} for aggregates). */
  public List<Method> methods() {
    return methods;
  }

  /** Smallest and largest SQL argument count ({@code -1} max means varargs). */
  public int[] argumentCountRange() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    int skip = kind == FunctionKind.AGGREGATE ? 1 : 0;
    for (Method m : methods) {
      int n = m.getParameterCount() - skip;
      if (m.isVarArgs()) {
        min = Math.min(min, n - 1);
        max = -1;
      } else {
        min = Math.min(min, n);
        max = max < 0 ? max : Math.max(max, n);
      }
    }
    return new int[] {min, max};
  }

  /** The overload for these SQL argument types, or null when none accepts them. */
  public Method resolve(List<LogicalType> argTypes) {
    Method best = null;
    int bestCost = Integer.MAX_VALUE;
    for (Method m : methods) {
      int cost = cost(m, argTypes);
      if (cost >= 0 && cost < bestCost) {
        best = m;
        bestCost = cost;
      }
    }
    return best;
  }

  /** Like {@link #resolve} but fails with a message listing the signatures. */
  public Method resolveOrFail(List<LogicalType> argTypes) {
    Method m = resolve(argTypes);
    if (m == null) {
      throw new IllegalArgumentException(noMatchMessage(argTypes));
    }
    return m;
  }

  public String noMatchMessage(List<LogicalType> argTypes) {
    List<String> sigs = new ArrayList<>();
    for (Method m : methods) {
      sigs.add(signature(m));
    }
    List<String> args = new ArrayList<>();
    for (LogicalType t : argTypes) {
      args.add(t.kind() == LogicalType.Kind.NULL ? "NULL" : t.copy(true).asSummaryString());
    }
    String mn = kind == FunctionKind.AGGREGATE ? "accumulate" : "eval";
    return "function '" + name + "' has no " + mn + " method for arguments (" + String.join(", ", args) + "); available: "
        + String.join(", ", sigs);
  }

  private String signature(Method m) {
    List<String> ps = new ArrayList<>();
    Class<?>[] p = m.getParameterTypes();
    for (int i = kind == FunctionKind.AGGREGATE ? 1 : 0; i < p.length; i++) {
      ps.add(m.isVarArgs() && i == p.length - 1 ? p[i].getComponentType().getSimpleName() + "..." : p[i].getSimpleName());
    }
    return m.getName() + "(" + String.join(", ", ps) + ")";
  }

  /** The Java parameter classes that receive the SQL arguments (accumulator parameter skipped, varargs expanded). */
  public Class<?>[] argumentClasses(Method m, int argCount) {
    Class<?>[] p = m.getParameterTypes();
    int skip = kind == FunctionKind.AGGREGATE ? 1 : 0;
    Class<?>[] out = new Class<?>[argCount];
    for (int i = 0; i < argCount; i++) {
      int pi = i + skip;
      if (m.isVarArgs() && pi >= p.length - 1) {
        out[i] = p[p.length - 1].getComponentType();
      } else {
        out[i] = p[pi];
      }
    }
    return out;
  }

  private int cost(Method m, List<LogicalType> argTypes) {
    int skip = kind == FunctionKind.AGGREGATE ? 1 : 0;
    int n = m.getParameterCount() - skip;
    if (m.isVarArgs() ? argTypes.size() < n - 1 : argTypes.size() != n) {
      return -1;
    }
    Class<?>[] cls = argumentClasses(m, argTypes.size());
    int total = m.isVarArgs() ? 50 : 0;
    for (int i = 0; i < cls.length; i++) {
      int c = conversionCost(argTypes.get(i), cls[i]);
      if (c < 0) {
        return -1;
      }
      total += c;
    }
    return total;
  }

  private static final List<Class<?>> NUMERIC_ORDER = List.of(Byte.class, Short.class, Integer.class, Long.class,
      Float.class, Double.class);

  /** How far a SQL value must travel to become {@code target}: 0 exact, more for widening, -1 impossible. */
  public static int conversionCost(LogicalType sql, Class<?> target) {
    Class<?> t = boxed(target);
    if (sql.kind() == LogicalType.Kind.NULL) {
      return target.isPrimitive() ? 5 : 1;
    }
    Class<?> from = sql.javaClass();
    if (t == from) {
      return 0;
    }
    if (t == Object.class) {
      return 20;
    }
    int fi = NUMERIC_ORDER.indexOf(from);
    int ti = NUMERIC_ORDER.indexOf(t);
    if (fi >= 0 && ti > fi) {
      return ti - fi;
    }
    if (t == BigDecimal.class && fi >= 0 && fi <= 3) {
      return 10;
    }
    if (from == BigDecimal.class && t == Double.class) {
      return 10;
    }
    if (t.isAssignableFrom(from)) {
      return 2;
    }
    return -1;
  }

  public static Class<?> boxed(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return switch (c.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "boolean" -> Boolean.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }

  /**
   * The SQL result type of an overload: scalar → its return value, table → its output row (a ROW
   * type; an atomic output becomes ROW&lt;f0 ...&gt;), aggregate → getValue's result. Always nullable.
   */
  public LogicalType resultType(Method m) {
    FunctionHint hint = m.getAnnotation(FunctionHint.class);
    if (hint == null) {
      hint = functionClass.getAnnotation(FunctionHint.class);
    }
    LogicalType t;
    if (hint != null) {
      try {
        t = DdlParser.parseType(hint.output());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("function '" + name + "': invalid @FunctionHint output type '" + hint.output() + "': "
            + firstLine(e.getMessage()));
      }
    } else {
      Type javaType = switch (kind) {
        case SCALAR -> m.getGenericReturnType();
        case TABLE -> typeArgument(TableFunction.class, 0);
        case AGGREGATE -> typeArgument(AggregateFunction.class, 0);
      };
      t = javaType == null ? null : fromJava(javaType);
      if (t == null) {
        String what = kind == FunctionKind.SCALAR ? "return type " + m.getGenericReturnType().getTypeName() + " of " + signature(m)
            : "output type " + (javaType == null ? "(unknown generic type)" : javaType.getTypeName());
        throw new IllegalArgumentException("function '" + name + "': cannot infer a SQL type from the " + what
            + "; declare it with @FunctionHint(output = \"...\")");
      }
    }
    t = t.copy(true);
    if (kind == FunctionKind.TABLE && t.kind() != LogicalType.Kind.ROW) {
      t = LogicalType.row(List.of("f0"), List.of(t)).copy(true);
    }
    return t;
  }

  /** Whether a table function's output values are Rows (declared ROW type) rather than atomic values. */
  public boolean tableOutputIsRow(Method m) {
    FunctionHint hint = m.getAnnotation(FunctionHint.class);
    if (hint == null) {
      hint = functionClass.getAnnotation(FunctionHint.class);
    }
    if (hint != null) {
      return DdlParser.parseType(hint.output()).kind() == LogicalType.Kind.ROW;
    }
    return typeArgument(TableFunction.class, 0) == Row.class;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n")[0];
  }

  /** Resolves {@code base}'s type parameter {@code index} as bound by the function class, or null. */
  private Type typeArgument(Class<?> base, int index) {
    Type t = functionClass;
    Map<TypeVariable<?>, Type> bindings = new java.util.HashMap<>();
    while (t != null) {
      Class<?> raw = t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
      if (t instanceof ParameterizedType p) {
        TypeVariable<?>[] vars = raw.getTypeParameters();
        Type[] actual = p.getActualTypeArguments();
        for (int i = 0; i < vars.length; i++) {
          Type a = actual[i];
          bindings.put(vars[i], a instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : a);
        }
      }
      if (raw == base) {
        Type a = bindings.get(base.getTypeParameters()[index]);
        return a instanceof TypeVariable<?> ? null : a;
      }
      t = raw.getGenericSuperclass();
    }
    return null;
  }

  /** The SQL type of a Java class, or null when there is none. */
  public static LogicalType fromJava(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] a = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        LogicalType e = fromJava(a[0]);
        return e == null ? null : LogicalType.array(e.copy(true));
      }
      if (Map.class.isAssignableFrom(raw)) {
        LogicalType k = fromJava(a[0]);
        LogicalType v = fromJava(a[1]);
        return k == null || v == null ? null : LogicalType.map(k.copy(true), v.copy(true));
      }
      return null;
    }
    if (!(type instanceof Class<?> c0)) {
      return null;
    }
    Class<?> c = boxed(c0);
    if (c == Boolean.class) {
      return LogicalType.of(LogicalType.Kind.BOOLEAN);
    } else if (c == Byte.class) {
      return LogicalType.of(LogicalType.Kind.TINYINT);
    } else if (c == Short.class) {
      return LogicalType.of(LogicalType.Kind.SMALLINT);
    } else if (c == Integer.class) {
      return LogicalType.of(LogicalType.Kind.INTEGER);
    } else if (c == Long.class) {
      return LogicalType.of(LogicalType.Kind.BIGINT);
    } else if (c == Float.class) {
      return LogicalType.of(LogicalType.Kind.FLOAT);
    } else if (c == Double.class) {
      return LogicalType.of(LogicalType.Kind.DOUBLE);
    } else if (c == BigDecimal.class) {
      return LogicalType.decimal(38, 18);
    } else if (c == String.class) {
      return LogicalType.withPrecision(LogicalType.Kind.VARCHAR, LogicalType.MAX_LENGTH);
    } else if (c == byte[].class) {
      return LogicalType.withPrecision(LogicalType.Kind.VARBINARY, LogicalType.MAX_LENGTH);
    } else if (c == LocalDate.class) {
      return LogicalType.of(LogicalType.Kind.DATE);
    } else if (c == LocalTime.class) {
      return LogicalType.withPrecision(LogicalType.Kind.TIME, 0);
    } else if (c == LocalDateTime.class) {
      return LogicalType.withPrecision(LogicalType.Kind.TIMESTAMP, 3);
    } else if (c == Instant.class) {
      return LogicalType.withPrecision(LogicalType.Kind.TIMESTAMP_LTZ, 3);
    }
    return null;
  }

  @Override
  public String toString() {
    return name + " (" + kind.name().toLowerCase(Locale.ROOT) + " function " + functionClass.getName() + ", " + Arrays.toString(
        methods.stream().map(this::signature).toArray()) + ")";
  }
}
