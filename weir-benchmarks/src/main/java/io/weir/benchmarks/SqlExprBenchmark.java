package io.weir.benchmarks;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowProjection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-row cost of the same planned projection ({@link ExprEval#QUERY}) evaluated by generated
 * code and by a naive RexNode interpreter, over 1,024 rows with NULLs. Score = rows/s; the
 * interpreter is the baseline of the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class SqlExprBenchmark {
  static final int ROWS = 1024;

  private Row[] rows;
  private RowProjection generated;
  private RowProjection interpreted;

  @Setup
  public void setup() {
    ExprEval.Projection p = ExprEval.plan();
    generated = p.generated();
    interpreted = p.interpreted();
    rows = ExprEval.rows(ROWS, 1);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void exprGenerated(Blackhole bh) {
    for (Row r : rows) {
      bh.consume(generated.apply(r));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void exprInterpreted(Blackhole bh) {
    for (Row r : rows) {
      bh.consume(interpreted.apply(r));
    }
  }
}
