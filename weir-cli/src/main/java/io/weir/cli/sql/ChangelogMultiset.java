package io.weir.cli.sql;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's result materialized from its changelog: +I/+U add one copy of a row, -U/-D remove one.
 * Rows keep the position of their first addition, and an update (-U then +U) keeps the updated
 * row's position, so a live view of the result does not jump around. Amortized constant time per
 * change.
 */
final class ChangelogMultiset {
  /** Row copies in display order; null marks a removed row (compacted when half are removed). */
  private final List<Row> slots = new ArrayList<>();
  /** Where the copies of each row are. */
  private final Map<Row, Deque<Integer>> positions = new HashMap<>();
  private int freedByUpdate = -1;
  private int holes;
  private long size;
  private long changes;

  /** Applies one change; a retraction of a row that is not there is an error (a planner bug). */
  void apply(Row change) {
    changes++;
    Row key = change.copy();
    key.setKind(RowKind.INSERT);
    switch (change.getKind()) {
      case INSERT, UPDATE_AFTER -> {
        int pos;
        if (change.getKind() == RowKind.UPDATE_AFTER && freedByUpdate >= 0) {
          pos = freedByUpdate;
          slots.set(pos, key);
          holes--;
        } else {
          pos = slots.size();
          slots.add(key);
        }
        freedByUpdate = -1;
        positions.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(pos);
        size++;
      }
      case UPDATE_BEFORE, DELETE -> {
        Deque<Integer> where = positions.get(key);
        if (where == null) {
          throw new IllegalStateException("the changelog retracts a row that is not in the result: " + change);
        }
        int pos = where.removeLast();
        if (where.isEmpty()) {
          positions.remove(key);
        }
        slots.set(pos, null);
        holes++;
        size--;
        freedByUpdate = change.getKind() == RowKind.UPDATE_BEFORE ? pos : -1;
        if (freedByUpdate < 0 && holes > 32 && holes > slots.size() / 2) {
          compact();
        }
      }
      default -> throw new IllegalStateException("unknown row kind " + change.getKind());
    }
  }

  private void compact() {
    List<Row> live = new ArrayList<>((int) size);
    positions.clear();
    for (Row r : slots) {
      if (r != null) {
        positions.computeIfAbsent(r, k -> new ArrayDeque<>()).addLast(live.size());
        live.add(r);
      }
    }
    slots.clear();
    slots.addAll(live);
    holes = 0;
  }

  long size() {
    return size;
  }

  long changes() {
    return changes;
  }

  /** The current rows (INSERT kind), duplicates repeated. */
  List<Row> rows() {
    return rows(Integer.MAX_VALUE);
  }

  /** The first {@code limit} current rows. */
  List<Row> rows(int limit) {
    List<Row> out = new ArrayList<>();
    for (Row r : slots) {
      if (out.size() >= limit) {
        break;
      }
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
