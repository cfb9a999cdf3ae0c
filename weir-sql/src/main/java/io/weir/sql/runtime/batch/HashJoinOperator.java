package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BATCH hash equi-join: the build side ({@link #batchReadFirst()}, input 1 or 2) is read completely
 * into a hash table, then the probe side streams through it; unmatched build rows (outer/SEMI/ANTI
 * on the build side) are emitted at the end. When the build side outgrows the memory budget the
 * operator falls back to a sort-merge join: the table so far and all further rows of both sides go
 * into {@code ExternalSorter}s (spilling to disk) and are merged at end of input. With a small side
 * broadcast to all subtasks it serves as the broadcast join (build = the broadcast side; then the
 * build side must not be outer). See {@link AbstractBatchJoinOperator} for the contract.
 */
public final class HashJoinOperator extends AbstractBatchJoinOperator {
  private final int buildSide;

  private transient Map<Object, List<BuildRow>> table;
  private transient List<Row> nullKeyBuildRows;
  private transient io.weir.sql.runtime.util.SpillSupport.Reservation memoryUse;
  private transient boolean fallback;

  /** A build row and whether any probe row matched it. */
  private static final class BuildRow {
    final Row row;
    boolean matched;

    BuildRow(Row row) {
      this.row = row;
    }
  }

  /**
   * @param type join type
   * @param leftKeys key field indices in input 1
   * @param rightKeys key field indices in input 2 (same types as the left keys)
   * @param leftType type of input 1
   * @param rightType type of input 2
   * @param residual non-equi condition on {@code left ++ right}, or null
   * @param buildSide 1 (left) or 2 (right): the side hashed; the engine reads it first
   * @param memoryBytes hash table budget; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public HashJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, RowTypeInfo leftType, RowTypeInfo rightType,
      RowPredicate residual, int buildSide, long memoryBytes) {
    super(type, leftKeys, rightKeys, leftType, rightType, residual, memoryBytes);
    if (buildSide != 1 && buildSide != 2) {
      throw new IllegalArgumentException("build side must be 1 or 2, got " + buildSide);
    }
    this.buildSide = buildSide;
  }

  @Override
  public int batchReadFirst() {
    return buildSide;
  }

  @Override
  public void open() throws Exception {
    super.open();
    table = new HashMap<>();
    nullKeyBuildRows = new ArrayList<>();
    memoryUse = spill.reservation();
  }

  @Override
  public void processElement1(StreamRecord<Row> record) {
    process(record.getValue(), 1);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) {
    process(record.getValue(), 2);
  }

  private void process(Row row, int input) {
    boolean left = input == 1;
    if (fallback) {
      addSorted(row, left);
      return;
    }
    if (input == buildSide) {
      build(row, left);
    } else {
      probe(row, left);
    }
  }

  private void build(Row row, boolean left) {
    Object key = JoinSupport.hashKey(row, left ? leftKeys : rightKeys);
    if (key == null) {
      nullKeyBuildRows.add(row);
      return;
    }
    long need = RowSizeEstimator.estimate(row) + 48;
    if (!memoryUse.tryUse(need)) {
      switchToSortMerge();
      addSorted(row, left);
      return;
    }
    table.computeIfAbsent(key, k -> new ArrayList<>(2)).add(new BuildRow(row));
  }

  private void switchToSortMerge() {
    fallback = true;
    memoryUse.freeAll();
    createSorters();
    boolean buildLeft = buildSide == 1;
    for (List<BuildRow> rows : table.values()) {
      for (BuildRow b : rows) {
        addSorted(b.row, buildLeft);
      }
    }
    table.clear();
  }

  private void probe(Row row, boolean left) {
    Object key = JoinSupport.hashKey(row, left ? leftKeys : rightKeys);
    List<BuildRow> candidates = key == null ? null : table.get(key);
    boolean matched = false;
    if (candidates != null) {
      for (BuildRow b : candidates) {
        Row l = left ? row : b.row;
        Row r = left ? b.row : row;
        if (join.matches(l, r)) {
          matched = true;
          b.matched = true;
          if (join.semiOrAnti()) {
            if (left) {
              break;
            }
          } else {
            emit(join.joined(l, r));
          }
        }
      }
    }
    if (left) {
      if (join.type == JoinType.SEMI && matched) {
        emit(row);
      } else if (!matched) {
        join.leftOnly(row, this::emit);
      }
    } else if (!matched) {
      join.rightOnly(row, this::emit);
    }
  }

  @Override
  protected void produce() throws Exception {
    if (fallback) {
      for (Row r : nullKeyBuildRows) {
        if (buildSide == 1) {
          join.leftOnly(r, this::emit);
        } else {
          join.rightOnly(r, this::emit);
        }
      }
      mergeJoin();
      return;
    }
    boolean buildLeft = buildSide == 1;
    for (List<BuildRow> rows : table.values()) {
      for (BuildRow b : rows) {
        if (buildLeft) {
          if (join.type == JoinType.SEMI && b.matched) {
            emit(b.row);
          } else if (!b.matched) {
            join.leftOnly(b.row, this::emit);
          }
        } else if (!b.matched) {
          join.rightOnly(b.row, this::emit);
        }
      }
    }
    for (Row r : nullKeyBuildRows) {
      if (buildLeft) {
        join.leftOnly(r, this::emit);
      } else {
        join.rightOnly(r, this::emit);
      }
    }
    table.clear();
    memoryUse.freeAll();
  }

  /** For tests: whether the build side overflowed into the sort-merge fallback. */
  public boolean usedSortMergeFallback() {
    return fallback;
  }
}
