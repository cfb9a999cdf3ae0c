package io.weir.sql.runtime.aggregate;

import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates one {@link AggsHandle} class per aggregate call list (Janino, compiled once per source).
 *
 * <p>Accumulator layout of a group: {@code accs[0]} a {@code long[]} (counts, integral sums),
 * {@code accs[1]} a {@code double[]} (floating sums, variance mean/m2), {@code accs[2..]} the
 * values that need objects: DECIMAL sums, MIN/MAX (the current extreme when the aggregation never
 * retracts, else a value multiset), one value->count map per DISTINCT argument (shared by all
 * DISTINCT calls on that argument and FILTER), and the accumulators of the functions the generated
 * code calls instead of inlining (FIRST_VALUE, LAST_VALUE, SINGLE_VALUE, user aggregates; a user
 * aggregate's accumulate/retract are called directly on its class).
 * Argument and FILTER fields are read once per row; NULL arguments skip the calls that ignore NULLs.
 */
public final class AggsHandleGenerator {
  private static final String AF = "io.weir.sql.runtime.aggregate.AggFunctions";
  private static final String FN = "io.weir.sql.runtime.aggregate.AggFunction";
  private static final String MINMAX = AF + ".MinMaxAcc";
  private static final String SER = "io.weir.core.types.TypeSerializer";
  private static final String BIG_DEC_SER = "io.weir.core.types.BasicSerializers.BIG_DEC";
  private static final Set<Class<?>> SELF_COMPARABLE = Set.of(Long.class, Integer.class, Short.class, Byte.class,
      Double.class, Float.class, String.class, BigDecimal.class, Boolean.class, java.time.LocalDate.class,
      java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.Instant.class);

  private enum Shape { COUNT, SUM_LONG, SUM_DOUBLE, SUM_DECIMAL, MINMAX_VALUE, MINMAX_COUNTS, VARIANCE, DELEGATE }

  /** One call: its shape and slots. */
  private static final class Call {
    AggregateSpec spec;
    Shape shape;
    /** Value field index, -1 none; -2: the whole row (user aggregates). */
    int arg;
    boolean ignoreNulls;
    Class<?> argClass;
    int l0 = -1;
    int l1 = -1;
    int d0 = -1;
    int d1 = -1;
    int o0 = -1;
    /** refs index of the AggFunction (DELEGATE), value serializer (MIN/MAX) or result class. */
    int fnRef = -1;
    int serRef = -1;
    int resultRef = -1;
    /** A user aggregate's direct accumulate/retract statements (null: called through its AggFunction). */
    String userAccumulate;
    String userRetract;
  }

  /** DISTINCT calls sharing one argument, FILTER and NULL handling share one value->count map. */
  private static final class DistinctGroup {
    int arg;
    int filter;
    boolean ignoreNulls;
    int slot;
    int serRef;
    final List<Call> calls = new ArrayList<>();
  }

  private final List<Object> refs = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, DistinctGroup> distinct = new LinkedHashMap<>();
  private final List<String> objectInits = new ArrayList<>();
  private int longs;
  private int doubles;
  private final boolean retractable;

  private AggsHandleGenerator(boolean retractable) {
    this.retractable = retractable;
  }

  /**
   * The handle for {@code specs} over rows of {@code inputType}. Without {@code retractable} MIN/MAX
   * keep only the current extreme (BATCH aggregation never retracts); a retraction then fails.
   */
  public static GeneratedAggsHandle generate(List<AggregateSpec> specs, RowTypeInfo inputType, boolean retractable) {
    AggsHandleGenerator g = new AggsHandleGenerator(retractable);
    for (AggregateSpec s : specs) {
      g.add(s, inputType);
    }
    return g.build();
  }

  private int ref(Object o) {
    refs.add(o);
    return refs.size() - 1;
  }

  private int objectSlot(String init) {
    objectInits.add(init);
    return 2 + objectInits.size() - 1;
  }

  private void add(AggregateSpec s, RowTypeInfo inputType) {
    AggFunction fn = AggFunctions.createFunction(s, inputType); // validates the call like the interpreted path
    Call c = new Call();
    c.spec = s;
    TypeInfo<?> argType = s.argIndex() < 0 ? null : inputType.getFieldType(s.argIndex());
    c.argClass = argType == null ? Object.class : argType.getTypeClass();
    c.arg = s.kind() == Kind.USER_DEFINED ? -2 : s.kind() == Kind.COUNT_STAR ? -1 : s.argIndex();
    c.ignoreNulls = fn.ignoresNulls();
    Class<?> result = s.resultType() == null ? Object.class : s.resultType().getTypeClass();
    c.resultRef = ref(result);
    switch (s.kind()) {
      case COUNT, COUNT_STAR -> {
        c.shape = Shape.COUNT;
        c.l0 = longs++;
      }
      case SUM, SUM0, AVG -> {
        c.l0 = longs++;
        switch (AggFunctions.NumKind.of(argType, result)) {
          case LONG -> {
            c.shape = Shape.SUM_LONG;
            c.l1 = longs++;
          }
          case DOUBLE -> {
            c.shape = Shape.SUM_DOUBLE;
            c.d0 = doubles++;
          }
          case DECIMAL -> {
            c.shape = Shape.SUM_DECIMAL;
            c.o0 = objectSlot("java.math.BigDecimal.ZERO");
          }
        }
      }
      case MIN, MAX -> {
        c.serRef = ref(AggFunctions.serializerOf(argType));
        c.shape = retractable ? Shape.MINMAX_COUNTS : Shape.MINMAX_VALUE;
        c.o0 = objectSlot(retractable ? "new " + MINMAX + "()" : "null");
      }
      case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> {
        c.shape = Shape.VARIANCE;
        c.l0 = longs++;
        c.d0 = doubles++;
        c.d1 = doubles++;
      }
      default -> {
        // FIRST/LAST/SINGLE_VALUE and user aggregates: list- or object-shaped state, called through the function
        c.shape = Shape.DELEGATE;
        c.fnRef = ref(s.distinct() && s.kind() != Kind.USER_DEFINED ? AggFunctions.createFunction(
            new AggregateSpec(s.kind(), s.argIndex(), false, s.filterIndex(), s.resultType(), s.name()), inputType) : fn);
        c.o0 = objectSlot("((" + FN + ") refs[" + c.fnRef + "]).createAccumulator()");
        if (s.kind() == Kind.USER_DEFINED) {
          directUserCalls(c, inputType);
        }
      }
    }
    calls.add(c);
    if (s.distinct() && c.arg >= 0) {
      String key = c.arg + "/" + s.filterIndex() + "/" + c.ignoreNulls;
      DistinctGroup g = distinct.get(key);
      if (g == null) {
        g = new DistinctGroup();
        g.arg = c.arg;
        g.filter = s.filterIndex();
        g.ignoreNulls = c.ignoreNulls;
        g.serRef = ref(AggFunctions.serializerOf(argType));
        g.slot = objectSlot("new java.util.HashMap()");
        distinct.put(key, g);
      }
      g.calls.add(c);
    }
  }

  private static boolean accessible(Class<?> c) {
    Class<?> k = c.isArray() ? c.getComponentType() : c;
    return k.isPrimitive() || java.lang.reflect.Modifier.isPublic(k.getModifiers()) && k.getCanonicalName() != null
        && (k.getEnclosingClass() == null || accessible(k.getEnclosingClass()));
  }

  /**
   * Direct calls of a user aggregate's accumulate/retract (arguments converted to the overload's
   * parameter classes, NULL never passed to a primitive parameter) instead of method handles;
   * left to the AggFunction when a class involved is not public.
   */
  private void directUserCalls(Call c, RowTypeInfo inputType) {
    var call = c.spec.userFunction();
    java.lang.reflect.Method acc = UserAggFunction.accumulateMethod(call, inputType);
    Class<?> fnClass = call.function().getClass();
    for (Class<?> p : acc.getParameterTypes()) {
      if (!accessible(p)) {
        return;
      }
    }
    if (!accessible(fnClass) || !accessible(acc.getDeclaringClass())) {
      return;
    }
    java.lang.reflect.Method ret = call.hasRetract() ? UserAggFunction.sibling(fnClass, "retract", acc) : null;
    int[] idx = call.argIndexes();
    Class<?>[] params = acc.getParameterTypes();
    StringBuilder load = new StringBuilder("{ ");
    StringBuilder guard = new StringBuilder();
    StringBuilder args = new StringBuilder("(" + params[0].getCanonicalName() + ") " + obj("accs", c));
    for (int i = 0; i < idx.length; i++) {
      String u = "u" + i;
      Class<?> p = params[i + 1];
      load.append("java.lang.Object ").append(u).append(" = in.getField(").append(idx[i]).append("); ");
      Class<?> boxed = io.weir.sql.functions.FunctionDefinition.boxed(p);
      String converted = p == Object.class ? u
          : "((" + boxed.getCanonicalName() + ") " + AF + ".userArgument(" + u + ", " + boxed.getCanonicalName() + ".class))";
      if (p.isPrimitive()) {
        guard.append(guard.length() == 0 ? "" : " && ").append(u).append(" != null");
        converted = converted + "." + p.getName() + "Value()";
      }
      args.append(", ").append(converted);
    }
    String target = "((" + fnClass.getCanonicalName() + ") ((" + FN + ") refs[" + c.fnRef + "]).target())";
    String open = load + (guard.length() == 0 ? "" : "if (" + guard + ") ");
    c.userAccumulate = open + target + ".accumulate(" + args + "); }";
    c.userRetract = ret == null ? AF + ".noUserRetract((java.lang.String) refs[" + ref(call.name()) + "]);"
        : open + target + ".retract(" + args + "); }";
  }

  private boolean isDistinct(Call c) {
    return c.spec.distinct() && c.arg >= 0;
  }

  // ------------------------------------------------------------------ code per call

  private static String num(String v, String prim) {
    return "((java.lang.Number) " + v + ")." + prim + "Value()";
  }

  private String compare(Call c, String a, String b) {
    if (SELF_COMPARABLE.contains(c.argClass)) {
      String t = c.argClass.getName();
      return "((" + t + ") " + a + ").compareTo((" + t + ") " + b + ")";
    }
    return "io.weir.sql.codegen.SqlFunctions.compare(" + a + ", " + b + ")";
  }

  private String fn(Call c) {
    return "((" + FN + ") refs[" + c.fnRef + "])";
  }

  private String obj(String accs, Call c) {
    return accs + "[" + c.o0 + "]";
  }

  /** Statements adding value {@code v} (non-null where the call ignores NULLs). */
  private String accumulate(Call c, String v) {
    String o = obj("accs", c);
    return switch (c.shape) {
      case COUNT -> "L[" + c.l0 + "]++;";
      case SUM_LONG -> "L[" + c.l0 + "]++; L[" + c.l1 + "] += " + num(v, "long") + ";";
      case SUM_DOUBLE -> "L[" + c.l0 + "]++; D[" + c.d0 + "] += " + num(v, "double") + ";";
      case SUM_DECIMAL -> "L[" + c.l0 + "]++; " + o + " = ((java.math.BigDecimal) " + o + ").add(" + AF + ".toDecimal(" + v + "));";
      case MINMAX_VALUE -> "if (" + o + " == null || " + compare(c, v, o) + (c.spec.kind() == Kind.MIN ? " < 0" : " > 0")
          + ") { " + o + " = " + v + "; }";
      case MINMAX_COUNTS -> AF + ".addCount(((" + MINMAX + ") " + o + ").counts, " + v + ", 1L);";
      case VARIANCE -> "{ double x = " + num(v, "double") + "; L[" + c.l0 + "]++; double delta = x - D[" + c.d0 + "]; D["
          + c.d0 + "] += delta / L[" + c.l0 + "]; D[" + c.d1 + "] += delta * (x - D[" + c.d0 + "]); }";
      case DELEGATE -> c.userAccumulate != null ? c.userAccumulate : fn(c) + ".accumulate(" + o + ", " + v + ");";
    };
  }

  private String retract(Call c, String v) {
    String o = obj("accs", c);
    return switch (c.shape) {
      case COUNT -> "L[" + c.l0 + "]--;";
      case SUM_LONG -> "L[" + c.l0 + "]--; L[" + c.l1 + "] -= " + num(v, "long") + ";";
      // an empty group forgets floating-point residue
      case SUM_DOUBLE -> "L[" + c.l0 + "]--; D[" + c.d0 + "] -= " + num(v, "double") + "; if (L[" + c.l0 + "] == 0) { D["
          + c.d0 + "] = 0; }";
      case SUM_DECIMAL -> "L[" + c.l0 + "]--; " + o + " = ((java.math.BigDecimal) " + o + ").subtract(" + AF + ".toDecimal(" + v + "));";
      case MINMAX_VALUE -> AF + ".noRetraction(\"" + c.spec.kind() + "\");";
      case MINMAX_COUNTS -> AF + ".addCount(((" + MINMAX + ") " + o + ").counts, " + v + ", -1L);";
      case VARIANCE -> "{ double x = " + num(v, "double") + "; L[" + c.l0 + "]--; if (L[" + c.l0 + "] == 0) { D[" + c.d0
          + "] = 0; D[" + c.d1 + "] = 0; } else { double delta = x - D[" + c.d0 + "]; D[" + c.d0 + "] -= delta / L[" + c.l0
          + "]; D[" + c.d1 + "] -= delta * (x - D[" + c.d0 + "]); if (D[" + c.d1 + "] < 0) { D[" + c.d1 + "] = 0; } } }";
      case DELEGATE -> c.userRetract != null ? c.userRetract : fn(c) + ".retract(" + o + ", " + v + ");";
    };
  }

  private String merge(Call c) {
    String o = obj("accs", c);
    String p = obj("other", c);
    String counts = "L[" + c.l0 + "] += OL[" + c.l0 + "];";
    return switch (c.shape) {
      case COUNT -> counts;
      case SUM_LONG -> counts + " L[" + c.l1 + "] += OL[" + c.l1 + "];";
      case SUM_DOUBLE -> counts + " D[" + c.d0 + "] += OD[" + c.d0 + "];";
      case SUM_DECIMAL -> counts + " " + o + " = ((java.math.BigDecimal) " + o + ").add((java.math.BigDecimal) " + p + ");";
      case MINMAX_VALUE -> "if (" + p + " != null && (" + o + " == null || " + compare(c, p, o)
          + (c.spec.kind() == Kind.MIN ? " < 0" : " > 0") + ")) { " + o + " = " + p + "; }";
      case MINMAX_COUNTS -> AF + ".mergeCounts(((" + MINMAX + ") " + o + ").counts, ((" + MINMAX + ") " + p + ").counts);";
      // Chan et al.: combine two (count, mean, m2)
      case VARIANCE -> "{ long n1 = L[" + c.l0 + "]; long n2 = OL[" + c.l0 + "]; if (n2 > 0) { if (n1 == 0) { L[" + c.l0
          + "] = n2; D[" + c.d0 + "] = OD[" + c.d0 + "]; D[" + c.d1 + "] = OD[" + c.d1 + "]; } else { long n = n1 + n2; "
          + "double delta = OD[" + c.d0 + "] - D[" + c.d0 + "]; D[" + c.d1 + "] = D[" + c.d1 + "] + OD[" + c.d1
          + "] + delta * delta * ((double) n1 * n2 / n); D[" + c.d0 + "] = D[" + c.d0 + "] + delta * n2 / n; L[" + c.l0
          + "] = n; } } }";
      case DELEGATE -> fn(c) + ".merge(" + o + ", " + p + ");";
    };
  }

  private String convert(Call c, Class<?> natural, String v) {
    Class<?> result = (Class<?>) refs.get(c.resultRef);
    return result == natural || result == Object.class ? v : AF + ".convert(" + v + ", (java.lang.Class) refs[" + c.resultRef + "])";
  }

  /** Statements setting {@code r} (an Object) to the call's result. */
  private String value(Call c) {
    String o = obj("accs", c);
    String cls = "(java.lang.Class) refs[" + c.resultRef + "]";
    String empty = "L[" + c.l0 + "] <= 0";
    Kind k = c.spec.kind();
    return switch (c.shape) {
      case COUNT -> "r = " + convert(c, Long.class, "java.lang.Long.valueOf(L[" + c.l0 + "])") + ";";
      case SUM_LONG, SUM_DOUBLE, SUM_DECIMAL -> {
        String sum = c.shape == Shape.SUM_LONG ? "L[" + c.l1 + "]" : c.shape == Shape.SUM_DOUBLE ? "D[" + c.d0 + "]"
            : "(java.math.BigDecimal) " + o;
        if (k == Kind.AVG) {
          String f = c.shape == Shape.SUM_LONG ? "avgLong" : c.shape == Shape.SUM_DOUBLE ? "avgDouble" : "avgDecimal";
          yield "if (" + empty + ") { r = null; } else { r = " + AF + "." + f + "(" + sum + ", L[" + c.l0 + "], " + cls + "); }";
        }
        String boxed = c.shape == Shape.SUM_LONG ? "java.lang.Long.valueOf(" + sum + ")"
            : c.shape == Shape.SUM_DOUBLE ? "java.lang.Double.valueOf(" + sum + ")" : "(java.lang.Object) " + o;
        Class<?> natural = c.shape == Shape.SUM_LONG ? Long.class : c.shape == Shape.SUM_DOUBLE ? Double.class : BigDecimal.class;
        String whenEmpty = k == Kind.SUM0 ? AF + ".convert(java.lang.Long.valueOf(0L), " + cls + ")" : "null";
        yield "if (" + empty + ") { r = " + whenEmpty + "; } else { r = " + convert(c, natural, boxed) + "; }";
      }
      case MINMAX_VALUE -> "r = " + o + ";";
      case MINMAX_COUNTS -> "r = " + AF + ".minMaxValue((" + MINMAX + ") " + o + ", " + (k == Kind.MIN) + ");";
      case VARIANCE -> "r = " + AF + ".varianceValue(L[" + c.l0 + "], D[" + c.d1 + "], " + variant(k) + ", " + cls + ");";
      case DELEGATE -> "r = " + fn(c) + ".getValue(" + o + ");";
    };
  }

  private static int variant(Kind k) {
    return switch (k) {
      case VAR_POP -> 0;
      case VAR_SAMP -> 1;
      case STDDEV_POP -> 2;
      default -> 3;
    };
  }

  private String serialize(Call c) {
    String o = obj("accs", c);
    return switch (c.shape) {
      case SUM_DECIMAL -> BIG_DEC_SER + ".serialize((java.math.BigDecimal) " + o + ", out);";
      case MINMAX_VALUE -> AF + ".writeNullable((" + SER + ") refs[" + c.serRef + "], " + o + ", out);";
      case MINMAX_COUNTS -> AF + ".writeCounts(((" + MINMAX + ") " + o + ").counts, (" + SER + ") refs[" + c.serRef + "], out);";
      case DELEGATE -> fn(c) + ".serialize(" + o + ", out);";
      default -> "";
    };
  }

  private String deserialize(Call c) {
    String o = obj("accs", c);
    return switch (c.shape) {
      case SUM_DECIMAL -> o + " = " + BIG_DEC_SER + ".deserialize(in);";
      case MINMAX_VALUE -> o + " = " + AF + ".readNullable((" + SER + ") refs[" + c.serRef + "], in);";
      case MINMAX_COUNTS -> "{ " + MINMAX + " m = new " + MINMAX + "(); " + AF + ".readCounts(m.counts, (" + SER + ") refs["
          + c.serRef + "], in); " + o + " = m; }";
      case DELEGATE -> o + " = " + fn(c) + ".deserialize(in);";
      default -> "";
    };
  }

  private String copy(Call c) {
    String o = obj("accs", c);
    String t = obj("c", c);
    return switch (c.shape) {
      case SUM_DECIMAL, MINMAX_VALUE -> t + " = " + o + ";"; // immutable values
      case MINMAX_COUNTS -> t + " = " + AF + ".copyMinMax((" + MINMAX + ") " + o + ");";
      case DELEGATE -> t + " = " + fn(c) + ".copy(" + o + ");";
      default -> "";
    };
  }

  // ------------------------------------------------------------------ methods

  private static final String ARRAYS = "    long[] L = (long[]) accs[0];\n    double[] D = (double[]) accs[1];\n";

  /** accumulate or retract: argument and FILTER fields read once, then each call or DISTINCT group. */
  private String update(boolean add) {
    StringBuilder b = new StringBuilder(ARRAYS);
    Set<Integer> args = new java.util.TreeSet<>();
    Set<Integer> filters = new java.util.TreeSet<>();
    for (Call c : calls) {
      if (c.arg >= 0) {
        args.add(c.arg);
      }
      if (c.spec.filterIndex() >= 0) {
        filters.add(c.spec.filterIndex());
      }
    }
    for (int a : args) {
      b.append("    java.lang.Object a").append(a).append(" = in.getField(").append(a).append(");\n");
    }
    for (int f : filters) {
      b.append("    boolean f").append(f).append(" = java.lang.Boolean.TRUE.equals(in.getField(").append(f).append("));\n");
    }
    for (Call c : calls) {
      if (isDistinct(c)) {
        continue;
      }
      String v = c.arg >= 0 ? "a" + c.arg : c.arg == -2 ? "in" : "null";
      String cond = condition(c.spec.filterIndex(), c.arg >= 0 && c.ignoreNulls ? v : null);
      b.append("    if (").append(cond).append(") { ").append(add ? accumulate(c, v) : retract(c, v)).append(" }\n");
    }
    for (DistinctGroup g : distinct.values()) {
      String v = "a" + g.arg;
      b.append("    if (").append(condition(g.filter, g.ignoreNulls ? v : null)).append(" && ").append(AF)
          .append(add ? ".distinctAdd" : ".distinctRemove").append("((java.util.Map) accs[").append(g.slot).append("], ")
          .append(v).append(")) {\n");
      for (Call c : g.calls) {
        b.append("      ").append(add ? accumulate(c, v) : retract(c, v)).append('\n');
      }
      b.append("    }\n");
    }
    return b.toString();
  }

  private static String condition(int filter, String nonNull) {
    String f = filter >= 0 ? "f" + filter : "true";
    return nonNull == null ? f : f + " && " + nonNull + " != null";
  }

  private String mergeBody() {
    StringBuilder b = new StringBuilder(ARRAYS);
    b.append("    long[] OL = (long[]) other[0];\n    double[] OD = (double[]) other[1];\n");
    for (Call c : calls) {
      if (!isDistinct(c)) {
        b.append("    ").append(merge(c)).append('\n');
      }
    }
    // distinct calls see a value when it becomes present or absent in the merged map
    for (DistinctGroup g : distinct.values()) {
      b.append("    {\n      java.util.Map m = (java.util.Map) accs[").append(g.slot).append("];\n")
          .append("      java.util.Iterator it = ((java.util.Map) other[").append(g.slot).append("]).entrySet().iterator();\n")
          .append("      while (it.hasNext()) {\n")
          .append("        java.util.Map.Entry e = (java.util.Map.Entry) it.next();\n")
          .append("        int t = ").append(AF).append(".distinctMerge(m, e.getKey(), ((java.lang.Long) e.getValue()).longValue());\n")
          .append("        java.lang.Object v = ").append(AF).append(".DistinctKey.unwrap(e.getKey());\n")
          .append("        if (t > 0) {\n");
      for (Call c : g.calls) {
        b.append("          ").append(accumulate(c, "v")).append('\n');
      }
      b.append("        } else if (t < 0) {\n");
      for (Call c : g.calls) {
        b.append("          ").append(retract(c, "v")).append('\n');
      }
      b.append("        }\n      }\n    }\n");
    }
    return b.toString();
  }

  private GeneratedAggsHandle build() {
    String row = "io.weir.core.types.Row";
    int n = 2 + objectInits.size();
    StringBuilder m = new StringBuilder();
    m.append("  public java.lang.Object[] createAccumulators() {\n    java.lang.Object[] accs = new java.lang.Object[").append(n)
        .append("];\n    accs[0] = new long[").append(longs).append("];\n    accs[1] = new double[").append(doubles).append("];\n");
    for (int i = 0; i < objectInits.size(); i++) {
      m.append("    accs[").append(2 + i).append("] = ").append(objectInits.get(i)).append(";\n");
    }
    m.append("    return accs;\n  }\n");
    m.append("  public void accumulate(java.lang.Object[] accs, ").append(row).append(" in) {\n").append(update(true)).append("  }\n");
    m.append("  public void retract(java.lang.Object[] accs, ").append(row).append(" in) {\n").append(update(false)).append("  }\n");
    m.append("  public void merge(java.lang.Object[] accs, java.lang.Object[] other) {\n").append(mergeBody()).append("  }\n");
    m.append("  public void getValues(java.lang.Object[] accs, ").append(row).append(" out, int offset) {\n").append(ARRAYS)
        .append("    java.lang.Object r;\n");
    for (int i = 0; i < calls.size(); i++) {
      m.append("    ").append(value(calls.get(i))).append("\n    out.setField(offset + ").append(i).append(", r);\n");
    }
    m.append("  }\n");
    m.append("  public void serialize(java.lang.Object[] accs, java.io.DataOutput out) throws java.io.IOException {\n").append(ARRAYS)
        .append("    for (int i = 0; i < L.length; i++) { out.writeLong(L[i]); }\n")
        .append("    for (int i = 0; i < D.length; i++) { out.writeDouble(D[i]); }\n");
    for (Call c : calls) {
      m.append("    ").append(serialize(c)).append('\n');
    }
    for (DistinctGroup g : distinct.values()) {
      m.append("    ").append(AF).append(".writeDistinct((java.util.Map) accs[").append(g.slot).append("], (").append(SER)
          .append(") refs[").append(g.serRef).append("], out);\n");
    }
    m.append("  }\n");
    m.append("  public java.lang.Object[] deserialize(java.io.DataInput in) throws java.io.IOException {\n")
        .append("    java.lang.Object[] accs = new java.lang.Object[").append(n).append("];\n")
        .append("    long[] L = new long[").append(longs).append("];\n    double[] D = new double[").append(doubles).append("];\n")
        .append("    accs[0] = L;\n    accs[1] = D;\n")
        .append("    for (int i = 0; i < L.length; i++) { L[i] = in.readLong(); }\n")
        .append("    for (int i = 0; i < D.length; i++) { D[i] = in.readDouble(); }\n");
    for (Call c : calls) {
      m.append("    ").append(deserialize(c)).append('\n');
    }
    for (DistinctGroup g : distinct.values()) {
      m.append("    { java.util.HashMap h = new java.util.HashMap(); ").append(AF).append(".readDistinct(h, (").append(SER)
          .append(") refs[").append(g.serRef).append("], in); accs[").append(g.slot).append("] = h; }\n");
    }
    m.append("    return accs;\n  }\n");
    m.append("  public java.lang.Object[] copy(java.lang.Object[] accs) {\n    java.lang.Object[] c = new java.lang.Object[")
        .append(n).append("];\n")
        .append("    c[0] = java.util.Arrays.copyOf((long[]) accs[0], ").append(longs).append(");\n")
        .append("    c[1] = java.util.Arrays.copyOf((double[]) accs[1], ").append(doubles).append(");\n");
    for (Call c : calls) {
      m.append("    ").append(copy(c)).append('\n');
    }
    for (DistinctGroup g : distinct.values()) {
      m.append("    c[").append(g.slot).append("] = new java.util.HashMap((java.util.Map) accs[").append(g.slot).append("]);\n");
    }
    m.append("    return c;\n  }\n");
    String body = m.toString();
    String name = "WeirAggsHandle$" + Integer.toHexString(body.hashCode()).replace('-', 'n');
    String source = "public final class " + name + " implements io.weir.sql.runtime.aggregate.AggsHandle {\n"
        + "  private final java.lang.Object[] refs;\n"
        + "  public " + name + "(java.lang.Object[] refs) { this.refs = refs; }\n" + body + "}\n";
    return new GeneratedAggsHandle(name, source, refs.toArray());
  }
}
