package io.weir.sql.runtime.aggregate;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.sql.runtime.functions.AggregateSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The built-in SQL aggregate functions and their accumulators. */
public final class AggFunctions {
  private AggFunctions() {}

  /**
   * The function for one aggregate call. {@code argType} is the type of the argument field (null for
   * COUNT(*)); DISTINCT wraps the function in a value->count map so it stays retractable.
   */
  public static AggFunction create(AggregateSpec spec, TypeInfo<?> argType) {
    if (spec.kind() == AggregateSpec.Kind.USER_DEFINED) {
      throw new IllegalArgumentException("user aggregate " + spec.name() + " needs the input type: use createFunction");
    }
    AggFunction f = createPlain(spec, argType);
    if (spec.distinct() && spec.kind() != AggregateSpec.Kind.COUNT_STAR) {
      f = new DistinctAgg(f, serializerOf(argType));
    }
    return f;
  }

  /** The function for one aggregate call over rows of {@code inputType} (user aggregates get the whole row). */
  public static AggFunction createFunction(AggregateSpec s, io.weir.core.types.RowTypeInfo inputType) {
    if (s.argIndex() >= inputType.getArity()) {
      throw new IllegalArgumentException("aggregate " + s.name() + " reads field " + s.argIndex()
          + " of an input with " + inputType.getArity() + " fields");
    }
    return s.kind() == AggregateSpec.Kind.USER_DEFINED ? new UserAggFunction(s.userFunction(), inputType)
        : create(s, s.argIndex() < 0 ? null : inputType.getFieldType(s.argIndex()));
  }

  private static AggFunction createPlain(AggregateSpec spec, TypeInfo<?> argType) {
    Class<?> result = spec.resultType() == null ? Object.class : spec.resultType().getTypeClass();
    return switch (spec.kind()) {
      case COUNT_STAR -> new CountAgg(false);
      case COUNT -> new CountAgg(true);
      case SUM -> new SumAgg(NumKind.of(argType, result), result, false);
      case SUM0 -> new SumAgg(NumKind.of(argType, result), result, true);
      case AVG -> new AvgAgg(NumKind.of(argType, result), result);
      case MIN -> new MinMaxAgg(true, serializerOf(argType));
      case MAX -> new MinMaxAgg(false, serializerOf(argType));
      case VAR_POP -> new VarianceAgg(VarianceAgg.VAR_POP, result);
      case VAR_SAMP -> new VarianceAgg(VarianceAgg.VAR_SAMP, result);
      case STDDEV_POP -> new VarianceAgg(VarianceAgg.STDDEV_POP, result);
      case STDDEV_SAMP -> new VarianceAgg(VarianceAgg.STDDEV_SAMP, result);
      case FIRST_VALUE -> new FirstLastAgg(true, serializerOf(argType));
      case LAST_VALUE -> new FirstLastAgg(false, serializerOf(argType));
      case SINGLE_VALUE -> new SingleValueAgg(serializerOf(argType));
      case USER_DEFINED -> throw new IllegalArgumentException("user aggregate " + spec.name() + " is built by RowAggregator");
      case ROW_NUMBER, RANK, DENSE_RANK -> throw new IllegalArgumentException(
          spec.kind() + " is a ranking function: it needs an OVER window");
    };
  }

  @SuppressWarnings("unchecked")
  public static TypeSerializer<Object> serializerOf(TypeInfo<?> type) {
    if (type == null) {
      return (TypeSerializer<Object>) new io.weir.core.types.GenericTypeInfo<>(Object.class, false).createSerializer();
    }
    return (TypeSerializer<Object>) type.createSerializer();
  }

  // ------------------------------------------------------------------ numeric helpers

  /** How a SUM/AVG adds: exact long, double, or BigDecimal. */
  enum NumKind {
    LONG, DOUBLE, DECIMAL;

    static NumKind of(TypeInfo<?> argType, Class<?> result) {
      Class<?> c = argType == null ? result : argType.getTypeClass();
      if (c == Double.class || c == Float.class) {
        return DOUBLE;
      } else if (c == BigDecimal.class || c == BigInteger.class) {
        return DECIMAL;
      } else if (c == Long.class || c == Integer.class || c == Short.class || c == Byte.class) {
        return LONG;
      }
      return result == BigDecimal.class ? DECIMAL : (result == Double.class || result == Float.class ? DOUBLE : LONG);
    }
  }

  /** Converts a numeric result to the declared SQL result class. */
  public static Object convert(Object v, Class<?> target) {
    if (v == null || target == Object.class || target.isInstance(v)) {
      return v;
    }
    Number n = (Number) v;
    if (target == Long.class) {
      return n.longValue();
    } else if (target == Integer.class) {
      return n.intValue();
    } else if (target == Short.class) {
      return n.shortValue();
    } else if (target == Byte.class) {
      return n.byteValue();
    } else if (target == Double.class) {
      return n.doubleValue();
    } else if (target == Float.class) {
      return n.floatValue();
    } else if (target == BigDecimal.class) {
      return n instanceof BigDecimal b ? b
          : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    }
    return v;
  }

  public static BigDecimal toDecimal(Object v) {
    if (v instanceof BigDecimal b) {
      return b;
    } else if (v instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    return BigDecimal.valueOf(((Number) v).longValue());
  }

  // ------------------------------------------------------------------ COUNT

  /** Accumulator of COUNT: a single mutable long. */
  public static final class LongAcc {
    public long value;
  }

  static final class CountAgg extends AggFunction {
    private final boolean ignoreNulls;

    CountAgg(boolean ignoreNulls) {
      this.ignoreNulls = ignoreNulls;
    }

    @Override
    public Object createAccumulator() {
      return new LongAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      ((LongAcc) acc).value++;
    }

    @Override
    public void retract(Object acc, Object value) {
      ((LongAcc) acc).value--;
    }

    @Override
    public void merge(Object acc, Object other) {
      ((LongAcc) acc).value += ((LongAcc) other).value;
    }

    @Override
    public Object getValue(Object acc) {
      return ((LongAcc) acc).value;
    }

    @Override
    public boolean ignoresNulls() {
      return ignoreNulls;
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      out.writeLong(((LongAcc) acc).value);
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      LongAcc a = new LongAcc();
      a.value = in.readLong();
      return a;
    }

    @Override
    public Object copy(Object acc) {
      LongAcc a = new LongAcc();
      a.value = ((LongAcc) acc).value;
      return a;
    }
  }

  // ------------------------------------------------------------------ SUM / AVG

  /** Accumulator of SUM and AVG: count of non-null inputs plus the sum in one of three forms. */
  public static final class SumAcc {
    public long count;
    public long longSum;
    public double doubleSum;
    public BigDecimal decimalSum = BigDecimal.ZERO;
  }

  abstract static class SumBase extends AggFunction {
    final NumKind kind;
    final Class<?> result;

    SumBase(NumKind kind, Class<?> result) {
      this.kind = kind;
      this.result = result;
    }

    @Override
    public Object createAccumulator() {
      return new SumAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      SumAcc a = (SumAcc) acc;
      a.count++;
      switch (kind) {
        case LONG -> a.longSum += ((Number) value).longValue();
        case DOUBLE -> a.doubleSum += ((Number) value).doubleValue();
        case DECIMAL -> a.decimalSum = a.decimalSum.add(toDecimal(value));
      }
    }

    @Override
    public void retract(Object acc, Object value) {
      SumAcc a = (SumAcc) acc;
      a.count--;
      switch (kind) {
        case LONG -> a.longSum -= ((Number) value).longValue();
        case DOUBLE -> a.doubleSum -= ((Number) value).doubleValue();
        case DECIMAL -> a.decimalSum = a.decimalSum.subtract(toDecimal(value));
      }
      if (a.count == 0) {
        // forget floating-point residue once the group is empty again
        a.doubleSum = 0;
      }
    }

    @Override
    public void merge(Object acc, Object other) {
      SumAcc a = (SumAcc) acc;
      SumAcc o = (SumAcc) other;
      a.count += o.count;
      a.longSum += o.longSum;
      a.doubleSum += o.doubleSum;
      a.decimalSum = a.decimalSum.add(o.decimalSum);
    }

    Object sum(SumAcc a) {
      return switch (kind) {
        case LONG -> a.longSum;
        case DOUBLE -> a.doubleSum;
        case DECIMAL -> a.decimalSum;
      };
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      SumAcc a = (SumAcc) acc;
      out.writeLong(a.count);
      switch (kind) {
        case LONG -> out.writeLong(a.longSum);
        case DOUBLE -> out.writeDouble(a.doubleSum);
        case DECIMAL -> io.weir.core.types.BasicSerializers.BIG_DEC.serialize(a.decimalSum, out);
      }
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      SumAcc a = new SumAcc();
      a.count = in.readLong();
      switch (kind) {
        case LONG -> a.longSum = in.readLong();
        case DOUBLE -> a.doubleSum = in.readDouble();
        case DECIMAL -> a.decimalSum = io.weir.core.types.BasicSerializers.BIG_DEC.deserialize(in);
      }
      return a;
    }

    @Override
    public Object copy(Object acc) {
      SumAcc a = (SumAcc) acc;
      SumAcc c = new SumAcc();
      c.count = a.count;
      c.longSum = a.longSum;
      c.doubleSum = a.doubleSum;
      c.decimalSum = a.decimalSum;
      return c;
    }
  }

  /** SUM: NULL when no non-null input; SUM0: 0 then. */
  static final class SumAgg extends SumBase {
    private final boolean zeroWhenEmpty;

    SumAgg(NumKind kind, Class<?> result, boolean zeroWhenEmpty) {
      super(kind, result);
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    @Override
    public Object getValue(Object acc) {
      SumAcc a = (SumAcc) acc;
      if (a.count <= 0 && !zeroWhenEmpty) {
        return null;
      }
      return convert(a.count <= 0 ? (Object) 0L : sum(a), result);
    }
  }

  /**
   * AVG in the type of its argument like Flink/Calcite: integer division for integral types,
   * DECIMAL with at least 6 fractional digits.
   */
  static final class AvgAgg extends SumBase {
    AvgAgg(NumKind kind, Class<?> result) {
      super(kind, result);
    }

    @Override
    public Object getValue(Object acc) {
      SumAcc a = (SumAcc) acc;
      if (a.count <= 0) {
        return null;
      }
      return switch (kind) {
        case LONG -> avgLong(a.longSum, a.count, result);
        case DOUBLE -> avgDouble(a.doubleSum, a.count, result);
        case DECIMAL -> avgDecimal(a.decimalSum, a.count, result);
      };
    }
  }

  public static Object avgLong(long sum, long count, Class<?> result) {
    Object avg = result == Double.class || result == Float.class
        ? (Object) ((double) sum / count)
        : result == BigDecimal.class
            ? BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP)
            : (Object) (sum / count);
    return convert(avg, result);
  }

  public static Object avgDouble(double sum, long count, Class<?> result) {
    return convert(sum / count, result);
  }

  public static Object avgDecimal(BigDecimal sum, long count, Class<?> result) {
    return convert(sum.divide(BigDecimal.valueOf(count), Math.max(6, sum.scale()), RoundingMode.HALF_UP), result);
  }

  // ------------------------------------------------------------------ MIN / MAX

  /** Accumulator of MIN/MAX: value -> multiplicity, so a retraction of the extreme finds the next. */
  public static final class MinMaxAcc {
    public final TreeMap<Object, Long> counts = new TreeMap<>();
  }

  public static void addCount(Map<Object, Long> counts, Object value, long delta) {
    counts.merge(value, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  static final class MinMaxAgg extends AggFunction {
    private final boolean min;
    private final TypeSerializer<Object> valueSerializer;

    MinMaxAgg(boolean min, TypeSerializer<Object> valueSerializer) {
      this.min = min;
      this.valueSerializer = valueSerializer;
    }

    @Override
    public Object createAccumulator() {
      return new MinMaxAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      addCount(((MinMaxAcc) acc).counts, value, 1);
    }

    @Override
    public void retract(Object acc, Object value) {
      addCount(((MinMaxAcc) acc).counts, value, -1);
    }

    @Override
    public void merge(Object acc, Object other) {
      mergeCounts(((MinMaxAcc) acc).counts, ((MinMaxAcc) other).counts);
    }

    @Override
    public Object getValue(Object acc) {
      return minMaxValue((MinMaxAcc) acc, min);
    }

    @Override
    public Object copy(Object acc) {
      return copyMinMax((MinMaxAcc) acc);
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      writeCounts(((MinMaxAcc) acc).counts, valueSerializer, out);
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      MinMaxAcc a = new MinMaxAcc();
      readCounts(a.counts, valueSerializer, in);
      return a;
    }
  }

  /** A user aggregate's argument converted to its parameter class (numeric widening/narrowing, like a strict call). */
  public static Object userArgument(Object v, Class<?> target) {
    return UserAggFunction.convert(v, target);
  }

  /** Called by generated code when a user aggregate without retract receives a retraction. */
  public static void noUserRetract(String function) {
    throw new IllegalStateException("user aggregate function '" + function + "' has no retract method");
  }

  /** Called by generated code when an aggregation planned without retraction receives one. */
  public static void noRetraction(String function) {
    throw new IllegalStateException(function + " was planned for insert-only input and cannot retract a row");
  }

  public static void mergeCounts(Map<Object, Long> target, Map<Object, Long> other) {
    for (Map.Entry<Object, Long> e : other.entrySet()) {
      addCount(target, e.getKey(), e.getValue());
    }
  }

  public static Object minMaxValue(MinMaxAcc acc, boolean min) {
    // entries with a negative count are retractions that arrived before their accumulate
    for (Map.Entry<Object, Long> e : min ? acc.counts.entrySet() : acc.counts.descendingMap().entrySet()) {
      if (e.getValue() > 0) {
        return e.getKey();
      }
    }
    return null;
  }

  public static MinMaxAcc copyMinMax(MinMaxAcc acc) {
    MinMaxAcc c = new MinMaxAcc();
    c.counts.putAll(acc.counts);
    return c;
  }

  public static void writeNullable(TypeSerializer<Object> ser, Object v, DataOutput out) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      ser.serialize(v, out);
    }
  }

  public static Object readNullable(TypeSerializer<Object> ser, DataInput in) throws IOException {
    return in.readBoolean() ? ser.deserialize(in) : null;
  }

  public static void writeCounts(Map<Object, Long> counts, TypeSerializer<Object> ser, DataOutput out) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<Object, Long> e : counts.entrySet()) {
      ser.serialize(e.getKey(), out);
      out.writeLong(e.getValue());
    }
  }

  public static void readCounts(Map<Object, Long> counts, TypeSerializer<Object> ser, DataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Object k = ser.deserialize(in);
      counts.put(k, in.readLong());
    }
  }

  // ------------------------------------------------------------------ VARIANCE

  /** Welford accumulator: count, mean, sum of squared deviations. */
  public static final class VarAcc {
    public long count;
    public double mean;
    public double m2;
  }

  static final class VarianceAgg extends AggFunction {
    static final int VAR_POP = 0;
    static final int VAR_SAMP = 1;
    static final int STDDEV_POP = 2;
    static final int STDDEV_SAMP = 3;
    private final int variant;
    private final Class<?> result;

    VarianceAgg(int variant, Class<?> result) {
      this.variant = variant;
      this.result = result;
    }

    @Override
    public Object createAccumulator() {
      return new VarAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      VarAcc a = (VarAcc) acc;
      double x = ((Number) value).doubleValue();
      a.count++;
      double delta = x - a.mean;
      a.mean += delta / a.count;
      a.m2 += delta * (x - a.mean);
    }

    @Override
    public void retract(Object acc, Object value) {
      VarAcc a = (VarAcc) acc;
      double x = ((Number) value).doubleValue();
      a.count--;
      if (a.count == 0) {
        a.mean = 0;
        a.m2 = 0;
        return;
      }
      double delta = x - a.mean;
      a.mean -= delta / a.count;
      a.m2 -= delta * (x - a.mean);
      if (a.m2 < 0) {
        a.m2 = 0; // rounding
      }
    }

    @Override
    public void merge(Object acc, Object other) {
      VarAcc a = (VarAcc) acc;
      VarAcc b = (VarAcc) other;
      if (b.count == 0) {
        return;
      }
      if (a.count == 0) {
        a.count = b.count;
        a.mean = b.mean;
        a.m2 = b.m2;
        return;
      }
      long n = a.count + b.count;
      double delta = b.mean - a.mean;
      a.m2 = a.m2 + b.m2 + delta * delta * ((double) a.count * b.count / n);
      a.mean = a.mean + delta * b.count / n;
      a.count = n;
    }

    @Override
    public Object getValue(Object acc) {
      VarAcc a = (VarAcc) acc;
      return varianceValue(a.count, a.m2, variant, result);
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      VarAcc a = (VarAcc) acc;
      out.writeLong(a.count);
      out.writeDouble(a.mean);
      out.writeDouble(a.m2);
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      VarAcc a = new VarAcc();
      a.count = in.readLong();
      a.mean = in.readDouble();
      a.m2 = in.readDouble();
      return a;
    }
  }

  /** The result of VAR_POP (0), VAR_SAMP (1), STDDEV_POP (2) or STDDEV_SAMP (3) from Welford's count and m2. */
  public static Object varianceValue(long count, double m2, int variant, Class<?> result) {
    boolean sample = variant == VarianceAgg.VAR_SAMP || variant == VarianceAgg.STDDEV_SAMP;
    if (count <= 0 || (sample && count == 1)) {
      return null;
    }
    double var = m2 / (sample ? count - 1 : count);
    double v = variant >= VarianceAgg.STDDEV_POP ? Math.sqrt(var) : var;
    if (result == BigDecimal.class) {
      return BigDecimal.valueOf(v);
    }
    return convert(v, result);
  }

  // ------------------------------------------------------------------ FIRST_VALUE / LAST_VALUE / SINGLE_VALUE

  /** Non-null values in arrival order (retraction removes the oldest equal occurrence). */
  public static final class ValuesAcc {
    public final ArrayList<Object> values = new ArrayList<>();
  }

  static final class FirstLastAgg extends AggFunction {
    private final boolean first;
    private final TypeSerializer<Object> valueSerializer;

    FirstLastAgg(boolean first, TypeSerializer<Object> valueSerializer) {
      this.first = first;
      this.valueSerializer = valueSerializer;
    }

    @Override
    public Object createAccumulator() {
      return new ValuesAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      ((ValuesAcc) acc).values.add(value);
    }

    @Override
    public void retract(Object acc, Object value) {
      List<Object> values = ((ValuesAcc) acc).values;
      int i = values.indexOf(value); // oldest first, as a sliding OVER frame retracts
      if (i >= 0) {
        values.remove(i);
      }
    }

    @Override
    public void merge(Object acc, Object other) {
      ((ValuesAcc) acc).values.addAll(((ValuesAcc) other).values);
    }

    @Override
    public Object getValue(Object acc) {
      List<Object> values = ((ValuesAcc) acc).values;
      return values.isEmpty() ? null : values.get(first ? 0 : values.size() - 1);
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      List<Object> values = ((ValuesAcc) acc).values;
      out.writeInt(values.size());
      for (Object v : values) {
        valueSerializer.serialize(v, out);
      }
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      ValuesAcc a = new ValuesAcc();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        a.values.add(valueSerializer.deserialize(in));
      }
      return a;
    }
  }

  /** Accumulator of SINGLE_VALUE (scalar subqueries): row count and the value. */
  public static final class SingleAcc {
    public long count;
    public Object value;
  }

  static final class SingleValueAgg extends AggFunction {
    private final TypeSerializer<Object> valueSerializer;

    SingleValueAgg(TypeSerializer<Object> valueSerializer) {
      this.valueSerializer = valueSerializer;
    }

    @Override
    public boolean ignoresNulls() {
      return false;
    }

    @Override
    public Object createAccumulator() {
      return new SingleAcc();
    }

    @Override
    public void accumulate(Object acc, Object value) {
      SingleAcc a = (SingleAcc) acc;
      a.count++;
      a.value = value;
    }

    @Override
    public void retract(Object acc, Object value) {
      SingleAcc a = (SingleAcc) acc;
      a.count--;
      if (a.count == 0) {
        a.value = null;
      }
    }

    @Override
    public void merge(Object acc, Object other) {
      SingleAcc a = (SingleAcc) acc;
      SingleAcc o = (SingleAcc) other;
      a.count += o.count;
      if (o.count > 0) {
        a.value = o.value;
      }
    }

    @Override
    public Object getValue(Object acc) {
      SingleAcc a = (SingleAcc) acc;
      if (a.count > 1) {
        throw new IllegalStateException("a scalar subquery returned more than one row");
      }
      return a.count == 1 ? a.value : null;
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      SingleAcc a = (SingleAcc) acc;
      out.writeLong(a.count);
      writeNullable(valueSerializer, a.value, out);
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      SingleAcc a = new SingleAcc();
      a.count = in.readLong();
      a.value = readNullable(valueSerializer, in);
      return a;
    }
  }

  // ------------------------------------------------------------------ DISTINCT

  /** DISTINCT accumulator: value -> multiplicity plus the inner function's accumulator. */
  public static final class DistinctAcc {
    public final HashMap<Object, Long> counts = new HashMap<>();
    public Object inner;
  }

  /** Feeds the inner function a value only when its multiplicity goes 0 -> 1 or 1 -> 0. */
  static final class DistinctAgg extends AggFunction {
    private final AggFunction inner;
    private final TypeSerializer<Object> valueSerializer;

    DistinctAgg(AggFunction inner, TypeSerializer<Object> valueSerializer) {
      this.inner = inner;
      this.valueSerializer = valueSerializer;
    }

    @Override
    public boolean ignoresNulls() {
      return inner.ignoresNulls();
    }

    @Override
    public Object createAccumulator() {
      DistinctAcc a = new DistinctAcc();
      a.inner = inner.createAccumulator();
      return a;
    }

    @Override
    public void accumulate(Object acc, Object value) {
      DistinctAcc a = (DistinctAcc) acc;
      if (distinctAdd(a.counts, value)) {
        inner.accumulate(a.inner, value);
      }
    }

    @Override
    public void retract(Object acc, Object value) {
      DistinctAcc a = (DistinctAcc) acc;
      if (distinctRemove(a.counts, value)) {
        inner.retract(a.inner, value);
      }
    }

    @Override
    public void merge(Object acc, Object other) {
      DistinctAcc a = (DistinctAcc) acc;
      for (Map.Entry<Object, Long> e : ((DistinctAcc) other).counts.entrySet()) {
        int t = distinctMerge(a.counts, e.getKey(), e.getValue());
        if (t > 0) {
          inner.accumulate(a.inner, DistinctKey.unwrap(e.getKey()));
        } else if (t < 0) {
          inner.retract(a.inner, DistinctKey.unwrap(e.getKey()));
        }
      }
    }

    @Override
    public Object getValue(Object acc) {
      return inner.getValue(((DistinctAcc) acc).inner);
    }

    @Override
    public void serialize(Object acc, DataOutput out) throws IOException {
      DistinctAcc a = (DistinctAcc) acc;
      writeDistinct(a.counts, valueSerializer, out);
      inner.serialize(a.inner, out);
    }

    @Override
    public Object deserialize(DataInput in) throws IOException {
      DistinctAcc a = new DistinctAcc();
      readDistinct(a.counts, valueSerializer, in);
      a.inner = inner.deserialize(in);
      return a;
    }
  }

  /** Counts one more {@code value}; true when it is new (the distinct aggregates see it now). */
  public static boolean distinctAdd(Map<Object, Long> counts, Object value) {
    Object key = DistinctKey.of(value);
    long before = counts.getOrDefault(key, 0L);
    addCount(counts, key, 1);
    return before == 0;
  }

  /** Counts one {@code value} less; true when it was the last one (the distinct aggregates retract it). */
  public static boolean distinctRemove(Map<Object, Long> counts, Object value) {
    Object key = DistinctKey.of(value);
    long before = counts.getOrDefault(key, 0L);
    addCount(counts, key, -1);
    return before == 1;
  }

  /** Adds another map's count for {@code key}: 1 when the value became present, -1 when it went away, else 0. */
  public static int distinctMerge(Map<Object, Long> counts, Object key, long count) {
    long before = counts.getOrDefault(key, 0L);
    addCount(counts, key, count);
    long after = counts.getOrDefault(key, 0L);
    return before <= 0 && after > 0 ? 1 : before > 0 && after <= 0 ? -1 : 0;
  }

  public static void writeDistinct(Map<Object, Long> counts, TypeSerializer<Object> ser, DataOutput out) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<Object, Long> e : counts.entrySet()) {
      writeNullable(ser, DistinctKey.unwrap(e.getKey()), out);
      out.writeLong(e.getValue());
    }
  }

  public static void readDistinct(Map<Object, Long> counts, TypeSerializer<Object> ser, DataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      Object v = readNullable(ser, in);
      counts.put(DistinctKey.of(v), in.readLong());
    }
  }

  /** byte[] values need content equality as map keys; NULL needs a non-null key. */
  public record DistinctKey(Object value) {
    static final DistinctKey NULL = new DistinctKey(null);

    public static Object of(Object v) {
      if (v == null) {
        return NULL;
      }
      return v instanceof byte[] || v instanceof Object[] ? new DistinctKey(v) : v;
    }

    public static Object unwrap(Object k) {
      return k instanceof DistinctKey d ? d.value : k;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DistinctKey d && java.util.Objects.deepEquals(d.value, value);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.deepHashCode(new Object[] {value});
    }
  }
}
