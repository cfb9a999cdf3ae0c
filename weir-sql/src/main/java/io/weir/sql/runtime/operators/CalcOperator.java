package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.functions.RowProjection;

/**
 * Filter + projection (SQL Calc), both modes. Keeps the input's {@link io.weir.core.types.RowKind}
 * and timestamp. Stateless.
 */
public final class CalcOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final RowPredicate predicate;
  private final RowProjection projection;

  /**
   * @param predicate condition on the input row, or null for none
   * @param projection output row computed from the input row, or null to pass the input through
   */
  public CalcOperator(RowPredicate predicate, RowProjection projection) {
    this.predicate = predicate;
    this.projection = projection;
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row in = record.getValue();
    if (predicate != null && !predicate.test(in)) {
      return;
    }
    if (projection == null) {
      output.collect(record);
      return;
    }
    Row out = projection.apply(in);
    out.setKind(in.getKind());
    output.collect(record.replace(out));
  }
}
