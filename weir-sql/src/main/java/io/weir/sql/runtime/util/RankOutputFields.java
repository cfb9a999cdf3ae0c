package io.weir.sql.runtime.util;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import java.io.Serializable;

/**
 * The output layout of a Top-N or deduplication operator when the query's projection after it only
 * picks and reorders fields (Nexmark q18 and q19): the operator builds every row it emits in that
 * layout, so no Calc after it copies each emitted row, and each retraction, a second time.
 */
public final class RankOutputFields implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Per output field: an input field, or {@link #rankField} for the row number. */
  private final int[] fields;
  private final int rankField;

  /**
   * @param fields per output field, the input field it is, or {@code inputArity} for the row number
   * @param inputArity the number of input fields
   */
  public RankOutputFields(int[] fields, int inputArity) {
    for (int f : fields) {
      if (f < 0 || f > inputArity) {
        throw new IllegalArgumentException("output field " + f + " is neither one of the " + inputArity
            + " input fields nor the row number");
      }
    }
    this.fields = fields.clone();
    this.rankField = inputArity;
  }

  /** The emitted row for {@code input} at row number {@code rank}, with {@code kind}. */
  public Row row(Row input, long rank, RowKind kind) {
    Row r = new Row(kind, fields.length);
    for (int i = 0; i < fields.length; i++) {
      int f = fields[i];
      r.setField(i, f == rankField ? (Object) rank : input.getField(f));
    }
    return r;
  }
}
