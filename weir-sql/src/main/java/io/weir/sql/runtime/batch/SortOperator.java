package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.streamrecord.StreamRecord;

/**
 * BATCH ORDER BY [LIMIT n] [OFFSET m] (one-input, unkeyed; run it with parallelism 1 for a global
 * order): the runtime's {@link ExternalSorter} sorts the rows by their {@link SortKeyEncoder} key
 * bytes within the memory budget, spilling sorted runs to disk; at end of input the rows are
 * emitted in order (ties in arrival order), skipping {@code offset} rows and stopping after
 * {@code limit}. Insert-only input and output.
 */
public class SortOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  private final SortKeyEncoder keys;
  private final RowTypeInfo inputType;
  private final long offset;
  private final long limit;

  private transient ExternalSorter<Row> sorter;
  private transient long spilledBytes;

  /**
   * @param keys the ORDER BY
   * @param inputType type of the rows (spill serializer)
   * @param offset rows to skip (OFFSET), 0 for none
   * @param limit rows to emit after the offset (LIMIT), -1 for all
   * @param memoryBytes sort memory; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public SortOperator(SortKeyEncoder keys, RowTypeInfo inputType, long offset, long limit, long memoryBytes) {
    super(memoryBytes);
    this.keys = keys;
    this.inputType = inputType;
    this.offset = offset;
    this.limit = limit;
  }

  /** Plain ORDER BY with the default memory budget. */
  public SortOperator(SortKeyEncoder keys, RowTypeInfo inputType) {
    this(keys, inputType, 0, -1, 0);
  }

  @Override
  public void open() throws Exception {
    super.open();
    TypeSerializer<Row> serializer = inputType.createSerializer();
    sorter = new ExternalSorter<>(serializer, spill.memory(), spill.spillDir());
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row row = record.getValue();
    sorter.add(keys.encode(row), row, 0);
  }

  @Override
  protected void produce() throws Exception {
    long skipped = 0;
    long emittedRows = 0;
    try (CloseableSortedIterator<Row> it = sorter.finish()) {
      while (it.hasNext() && (limit < 0 || emittedRows < limit)) {
        Row r = it.next().record();
        if (skipped < offset) {
          skipped++;
          continue;
        }
        emit(r);
        emittedRows++;
      }
    }
    spilledBytes = sorter.spilledBytes();
    sorter.close();
    sorter = null;
  }

  /** For tests: how many bytes went to disk. */
  public long spilledBytes() {
    return sorter == null ? spilledBytes : sorter.spilledBytes();
  }

  @Override
  public void close() throws Exception {
    if (sorter != null) {
      sorter.close();
    }
    super.close();
  }
}
