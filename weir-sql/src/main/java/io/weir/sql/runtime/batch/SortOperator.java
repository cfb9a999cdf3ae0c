package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowComparator;
import java.util.Iterator;

/**
 * BATCH ORDER BY [LIMIT n] [OFFSET m] (one-input, unkeyed; run it with parallelism 1 for a global
 * order): buffers its input within the memory budget, spilling sorted runs to disk, and emits the
 * rows in order at end of input, skipping {@code offset} rows and stopping after {@code limit}.
 * Insert-only input and output.
 */
public class SortOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  private final RowComparator comparator;
  private final RowTypeInfo inputType;
  private final long offset;
  private final long limit;

  private transient RowSorter sorter;

  /**
   * @param comparator the ORDER BY
   * @param inputType type of the rows (spill serializer)
   * @param offset rows to skip (OFFSET), 0 for none
   * @param limit rows to emit after the offset (LIMIT), -1 for all
   * @param memoryBytes sort memory; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public SortOperator(RowComparator comparator, RowTypeInfo inputType, long offset, long limit, long memoryBytes) {
    super(memoryBytes);
    this.comparator = comparator;
    this.inputType = inputType;
    this.offset = offset;
    this.limit = limit;
  }

  /** Plain ORDER BY with the default memory budget. */
  public SortOperator(RowComparator comparator, RowTypeInfo inputType) {
    this(comparator, inputType, 0, -1, 0);
  }

  @Override
  public void open() throws Exception {
    super.open();
    TypeSerializer<Row> serializer = inputType.createSerializer();
    sorter = new RowSorter(comparator, serializer, spill.memory(), spill::spillDir);
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    sorter.add(record.getValue());
  }

  @Override
  protected void produce() throws Exception {
    Iterator<Row> it = sorter.sortedIterator();
    long skipped = 0;
    long emittedRows = 0;
    while (it.hasNext() && (limit < 0 || emittedRows < limit)) {
      Row r = it.next();
      if (skipped < offset) {
        skipped++;
        continue;
      }
      emit(r);
      emittedRows++;
    }
    sorter.close();
  }

  /** For tests: how many rows went to disk. */
  public long spilledRows() {
    return sorter == null ? 0 : sorter.spilledRows();
  }

  @Override
  public void close() throws Exception {
    if (sorter != null) {
      sorter.close();
    }
    super.close();
  }
}
