package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;

/**
 * BATCH sort-merge equi-join: both inputs are sorted by key bytes with {@code ExternalSorter}s
 * (spilling within the budget) and merged at end of input. INNER/LEFT/RIGHT/FULL/SEMI/ANTI with a
 * residual predicate; see {@link AbstractBatchJoinOperator} for the contract.
 */
public final class SortMergeJoinOperator extends AbstractBatchJoinOperator {
  /**
   * @param type join type
   * @param leftKeys key field indices in input 1
   * @param rightKeys key field indices in input 2 (same types as the left keys)
   * @param leftType type of input 1
   * @param rightType type of input 2
   * @param residual non-equi condition on {@code left ++ right}, or null
   * @param memoryBytes sort memory; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public SortMergeJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, RowTypeInfo leftType,
      RowTypeInfo rightType, RowPredicate residual, long memoryBytes) {
    super(type, leftKeys, rightKeys, leftType, rightType, residual, memoryBytes);
  }

  @Override
  public void open() throws Exception {
    super.open();
    createSorters();
  }

  @Override
  public void processElement1(StreamRecord<Row> record) {
    addSorted(record.getValue(), true);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) {
    addSorted(record.getValue(), false);
  }

  @Override
  protected void produce() throws Exception {
    mergeJoin();
  }
}
