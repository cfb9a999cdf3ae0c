package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.functions.TableFunctionCall;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins each input row with the rows a table function emits for it ({@code LATERAL TABLE(f(..))});
 * with {@code leftOuter}, an input row without any function row is kept with NULLs. Stateless, both
 * modes; every output row carries its input row's {@link io.weir.core.types.RowKind}, so a -U/-D
 * input retracts exactly the rows its +I/+U produced (deterministic functions).
 */
public final class CorrelateOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final TableFunctionCall call;
  private final boolean rowOutput;
  private final int leftArity;
  private final int rightArity;
  private final boolean leftOuter;
  private final RowPredicate rightFilter;
  private final RowProjection rightProjection;
  private transient List<Object> collected;

  /**
   * @param rowOutput whether the function emits Rows (else atomic values, one column)
   * @param rightArity fields of the function side after {@code rightProjection}
   * @param rightFilter condition on the function's row, or null
   * @param rightProjection projection of the function's row, or null
   */
  public CorrelateOperator(TableFunctionCall call, boolean rowOutput, int leftArity, int rightArity, boolean leftOuter,
      RowPredicate rightFilter, RowProjection rightProjection) {
    this.call = call;
    this.rowOutput = rowOutput;
    this.leftArity = leftArity;
    this.rightArity = rightArity;
    this.leftOuter = leftOuter;
    this.rightFilter = rightFilter;
    this.rightProjection = rightProjection;
  }

  @Override
  public void open() throws Exception {
    collected = new ArrayList<>();
    call.function().setCollector(collected::add);
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row in = record.getValue();
    collected.clear();
    call.invoke(in);
    boolean any = false;
    for (Object v : collected) {
      Row right = rowOutput ? (Row) v : Row.of(v);
      if (rightFilter != null && !rightFilter.test(right)) {
        continue;
      }
      if (rightProjection != null) {
        right = rightProjection.apply(right);
      }
      any = true;
      output.collect(record.copy(RowUtil.join(in.getKind(), in, leftArity, right, rightArity)));
    }
    if (!any && leftOuter) {
      output.collect(record.copy(RowUtil.join(in.getKind(), in, leftArity, null, rightArity)));
    }
  }

  @Override
  public void close() throws Exception {
    call.function().close();
    super.close();
  }
}
