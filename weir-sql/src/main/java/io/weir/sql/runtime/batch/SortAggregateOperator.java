package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.util.RowUtil;
import java.util.List;
import java.util.Objects;

/**
 * BATCH GROUP BY over input grouped by key (one-input, unkeyed): with {@code inputSorted} the
 * input must already arrive grouped by the grouping fields (e.g. after a SortOperator or a sort-
 * merge join on the same keys) and each group is emitted when the next starts; otherwise the
 * operator groups its input itself with an {@link ExternalSorter} by key bytes (spilling within the
 * budget) and aggregates at end of input. Output: {@code grouping fields ++ aggregate values},
 * insert-only; a global aggregate (no grouping fields) emits one row even for empty input on
 * subtask 0.
 */
public final class SortAggregateOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  private final int[] groupFields;
  private final RowTypeInfo inputType;
  private final RowTypeInfo keyType;
  private final RowAggregator aggregator;
  private final boolean inputSorted;

  private transient ExternalSorter<Row> sorter;
  private transient TypeSerializer<Row> keySerializer;
  private transient Row currentKey;
  private transient Object[] accs;
  private transient boolean sawInput;

  /**
   * @param groupFields input field indices of the GROUP BY keys
   * @param aggregates aggregate calls
   * @param inputType type of the input rows
   * @param inputSorted whether the input already arrives grouped by the keys
   * @param memoryBytes sort memory when not pre-sorted; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public SortAggregateOperator(int[] groupFields, List<AggregateSpec> aggregates, RowTypeInfo inputType,
      boolean inputSorted, long memoryBytes) {
    super(memoryBytes);
    this.groupFields = groupFields.clone();
    this.inputType = inputType;
    this.keyType = RowUtil.projectType(inputType, groupFields);
    this.aggregator = new RowAggregator(aggregates, inputType, false);
    this.inputSorted = inputSorted;
  }

  @Override
  public void open() throws Exception {
    super.open();
    keySerializer = keyType.createSerializer();
    if (!inputSorted) {
      sorter = new ExternalSorter<>(inputType.createSerializer(), spill.memory(), spill.spillDir());
    }
  }

  private Row key(Row row) {
    return RowUtil.project(row, groupFields);
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    sawInput = true;
    Row row = record.getValue();
    if (sorter != null) {
      sorter.add(keySerializer.serializeToBytes(key(row)), row, 0);
    } else {
      fold(row);
    }
  }

  private void fold(Row row) {
    Row key = key(row);
    if (currentKey == null || !Objects.equals(currentKey, key)) {
      flush();
      currentKey = key;
      accs = aggregator.createAccumulators();
    }
    aggregator.accumulate(accs, row);
  }

  private void flush() {
    if (currentKey != null) {
      Row out = new Row(groupFields.length + aggregator.size());
      for (int i = 0; i < groupFields.length; i++) {
        out.setField(i, currentKey.getField(i));
      }
      aggregator.getValues(accs, out, groupFields.length);
      emit(out);
      currentKey = null;
    }
  }

  @Override
  protected void produce() throws Exception {
    if (sorter != null) {
      try (CloseableSortedIterator<Row> it = sorter.finish()) {
        while (it.hasNext()) {
          fold(it.next().record());
        }
      }
      sorter.close();
      sorter = null;
    }
    flush();
    if (!sawInput && groupFields.length == 0 && getOperatorContext().getSubtaskIndex() == 0) {
      currentKey = new Row(0);
      accs = aggregator.createAccumulators();
      flush();
    }
  }

  @Override
  public void close() throws Exception {
    if (sorter != null) {
      sorter.close();
    }
    super.close();
  }
}
