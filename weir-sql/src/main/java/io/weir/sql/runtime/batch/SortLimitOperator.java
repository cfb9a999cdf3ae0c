package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowComparator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * BATCH ORDER BY .. LIMIT n [OFFSET m] with a small {@code offset + limit}: keeps only the best
 * {@code offset + limit} rows in a bounded heap (no spilling needed), emits them in order at end
 * of input. Also usable as the local (pre-shuffle) phase of a global Top-N. Insert-only.
 */
public final class SortLimitOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  private final RowComparator comparator;
  private final long offset;
  private final long limit;

  private transient PriorityQueue<Row> heap;

  /**
   * @param comparator the ORDER BY
   * @param offset rows to skip
   * @param limit rows to emit after the offset (must be >= 0)
   */
  public SortLimitOperator(RowComparator comparator, long offset, long limit) {
    super(0);
    if (limit < 0 || offset < 0 || offset + limit > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("SortLimitOperator needs 0 <= offset + limit < 2^31, got offset "
          + offset + ", limit " + limit);
    }
    this.comparator = comparator;
    this.offset = offset;
    this.limit = limit;
  }

  @Override
  public void open() throws Exception {
    super.open();
    // max-heap on the ORDER BY: the root is the worst row kept
    heap = new PriorityQueue<>(Math.max(1, (int) Math.min(1024, offset + limit)), Collections.reverseOrder(comparator));
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    long keep = offset + limit;
    if (keep == 0) {
      return;
    }
    Row row = record.getValue();
    if (heap.size() < keep) {
      heap.add(row);
    } else if (comparator.compare(row, heap.peek()) < 0) {
      heap.poll();
      heap.add(row);
    }
  }

  @Override
  protected void produce() throws Exception {
    List<Row> rows = new ArrayList<>(heap);
    rows.sort(comparator);
    for (int i = (int) offset; i < rows.size(); i++) {
      emit(rows.get(i));
    }
    heap.clear();
  }
}
