package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.sort.SortedRecord;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared part of the batch equi-joins (two-input, unkeyed; the planner hash-partitions both inputs
 * by the join keys, or broadcasts one side): key extraction, and a sort-merge join over two
 * {@link ExternalSorter}s that both operators use (the hash join as its fallback when the build
 * side outgrows the memory budget). Left and right key fields must have the same types (the
 * planner casts), since keys are compared by their serialized bytes. Output is insert-only
 * {@code left ++ right} rows (left only for SEMI/ANTI).
 */
abstract class AbstractBatchJoinOperator extends BatchOperatorBase implements TwoInputStreamOperator<Row, Row, Row> {
  protected final JoinSupport join;
  protected final int[] leftKeys;
  protected final int[] rightKeys;
  protected final RowTypeInfo leftType;
  protected final RowTypeInfo rightType;
  private final RowTypeInfo keyType;

  protected transient TypeSerializer<Row> keySerializer;
  protected transient ExternalSorter<Row> leftSorter;
  protected transient ExternalSorter<Row> rightSorter;
  private transient boolean ended1;
  private transient boolean ended2;

  AbstractBatchJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, RowTypeInfo leftType, RowTypeInfo rightType,
      RowPredicate residual, long memoryBytes) {
    super(memoryBytes);
    if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
      throw new IllegalArgumentException("an equi-join needs the same positive number of left and right keys, got "
          + leftKeys.length + " and " + rightKeys.length);
    }
    this.join = new JoinSupport(type, leftType.getArity(), rightType.getArity(), residual);
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.leftType = leftType;
    this.rightType = rightType;
    TypeInfo<?>[] types = new TypeInfo<?>[leftKeys.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = leftType.getFieldType(leftKeys[i]);
    }
    this.keyType = new RowTypeInfo(types);
  }

  @Override
  public void open() throws Exception {
    super.open();
    keySerializer = keyType.createSerializer();
  }

  protected void createSorters() {
    if (leftSorter == null) {
      leftSorter = new ExternalSorter<>(leftType.createSerializer(), spill.memory(), spill.spillDir());
      rightSorter = new ExternalSorter<>(rightType.createSerializer(), spill.memory(), spill.spillDir());
    }
  }

  /** Adds a row to its side's sorter; NULL keys are answered right away (they never match). */
  protected void addSorted(Row row, boolean left) {
    Row key = JoinSupport.key(row, left ? leftKeys : rightKeys);
    if (key == null) {
      if (left) {
        join.leftOnly(row, this::emit);
      } else {
        join.rightOnly(row, this::emit);
      }
      return;
    }
    (left ? leftSorter : rightSorter).add(keySerializer.serializeToBytes(key), row, 0);
  }

  /** Merges the two sorted sides group by group. */
  protected void mergeJoin() throws Exception {
    try (CloseableSortedIterator<Row> l = leftSorter.finish(); CloseableSortedIterator<Row> r = rightSorter.finish()) {
      Peek left = new Peek(l);
      Peek right = new Peek(r);
      List<Row> lg = new ArrayList<>();
      List<Row> rg = new ArrayList<>();
      while (left.head != null || right.head != null) {
        int cmp = left.head == null ? 1 : right.head == null ? -1
            : Arrays.compareUnsigned(left.head.sortKey(), right.head.sortKey());
        if (cmp < 0) {
          left.takeGroup(lg);
          lg.forEach(x -> join.leftOnly(x, this::emit));
        } else if (cmp > 0) {
          right.takeGroup(rg);
          rg.forEach(x -> join.rightOnly(x, this::emit));
        } else {
          left.takeGroup(lg);
          right.takeGroup(rg);
          join.joinGroup(lg, rg, this::emit);
        }
      }
    }
    leftSorter.close();
    rightSorter.close();
    leftSorter = null;
    rightSorter = null;
  }

  private static final class Peek {
    final CloseableSortedIterator<Row> it;
    SortedRecord<Row> head;

    Peek(CloseableSortedIterator<Row> it) {
      this.it = it;
      this.head = it.hasNext() ? it.next() : null;
    }

    void takeGroup(List<Row> into) {
      into.clear();
      byte[] key = head.sortKey();
      while (head != null && Arrays.equals(head.sortKey(), key)) {
        into.add(head.record());
        head = it.hasNext() ? it.next() : null;
      }
    }
  }

  @Override
  public void endInput(int inputId) throws Exception {
    if (inputId == 1) {
      ended1 = true;
    } else {
      ended2 = true;
    }
    if (ended1 && ended2) {
      produceOnce();
    }
  }

  @Override
  public void close() throws Exception {
    if (leftSorter != null) {
      leftSorter.close();
      rightSorter.close();
    }
    super.close();
  }
}
