package io.weir.sql.functions;

import io.weir.core.types.Row;
import java.io.Serializable;
import java.math.BigDecimal;

/** User functions used by the UDF tests (public nested classes, registered by their binary names). */
public final class TestFunctions {
  private TestFunctions() {}

  /** Overloads by type; a primitive parameter (NULL → NULL result) and a boxed one (sees null). */
  public static class Twice extends ScalarFunction {
    public Integer eval(Integer x) {
      return x == null ? -1 : 2 * x;
    }

    public String eval(String s) {
      return s == null ? "<null>" : s + s;
    }

    public long eval(long x, long y) {
      return 2 * (x + y);
    }
  }

  /** Counts opens: open() must run before eval in every subtask. */
  public static class Prefix extends ScalarFunction {
    private String prefix;

    @Override
    public void open(FunctionContext context) {
      prefix = context.getFunctionName().endsWith("Prefix") ? "p:" : "?:";
    }

    public String eval(String s, Integer n) {
      return prefix + s + "#" + n;
    }
  }

  public static class Money extends ScalarFunction {
    public BigDecimal eval(BigDecimal x) {
      return x == null ? null : x.multiply(BigDecimal.TEN);
    }
  }

  @FunctionHint(output = "ROW<word STRING, len INT>")
  public static class Split extends TableFunction<Row> {
    public void eval(String s) {
      if (s == null) {
        return;
      }
      for (String w : s.split(" ")) {
        if (!w.isEmpty()) {
          collect(Row.of(w, w.length()));
        }
      }
    }
  }

  /** Atomic output: one column f0. */
  public static class Range extends TableFunction<Integer> {
    public void eval(int n) {
      for (int i = 0; i < n; i++) {
        collect(i);
      }
    }
  }

  public static class SumAcc implements Serializable {
    public long sum;
    public long count;
  }

  /** Weighted sum with retraction. */
  public static class WeightedSum extends AggregateFunction<Long, SumAcc> {
    @Override
    public SumAcc createAccumulator() {
      return new SumAcc();
    }

    public void accumulate(SumAcc acc, Integer value, Integer weight) {
      if (value != null && weight != null) {
        acc.sum += (long) value * weight;
        acc.count++;
      }
    }

    public void retract(SumAcc acc, Integer value, Integer weight) {
      if (value != null && weight != null) {
        acc.sum -= (long) value * weight;
        acc.count--;
      }
    }

    public void merge(SumAcc acc, Iterable<SumAcc> others) {
      for (SumAcc o : others) {
        acc.sum += o.sum;
        acc.count += o.count;
      }
    }

    @Override
    public Long getValue(SumAcc acc) {
      return acc.count == 0 ? null : acc.sum;
    }
  }

  public static class LongestAcc implements Serializable {
    public String longest;
  }

  /** No retract: rejected over an updating input in STREAMING mode. */
  public static class Longest extends AggregateFunction<String, LongestAcc> {
    @Override
    public LongestAcc createAccumulator() {
      return new LongestAcc();
    }

    public void accumulate(LongestAcc acc, String s) {
      if (s != null && (acc.longest == null || s.length() > acc.longest.length())) {
        acc.longest = s;
      }
    }

    @Override
    public String getValue(LongestAcc acc) {
      return acc.longest;
    }
  }

  /** Not a function. */
  public static class NotAFunction {}

  /** A table function whose output type cannot be inferred. */
  public static class NoHint extends TableFunction<Row> {
    public void eval(String s) {}
  }
}
