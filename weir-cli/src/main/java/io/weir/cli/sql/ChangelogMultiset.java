package io.weir.cli.sql;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's result materialized from its changelog: +I/+U add one copy of a row, -U/-D remove
 * one. Rows keep the order in which their oldest present copy was added (an updated row moves to
 * the end). Linear in the number of changes.
 */
final class ChangelogMultiset {
  private final Map<Row, int[]> counts = new LinkedHashMap<>();
  private long size;
  private long changes;

  /** Applies one change; a retraction of a row that is not there is an error (a planner bug). */
  void apply(Row change) {
    changes++;
    Row key = change.copy();
    key.setKind(RowKind.INSERT);
    switch (change.getKind()) {
      case INSERT, UPDATE_AFTER -> {
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        size++;
      }
      case UPDATE_BEFORE, DELETE -> {
        int[] c = counts.get(key);
        if (c == null) {
          throw new IllegalStateException("the changelog retracts a row that is not in the result: " + change);
        }
        if (--c[0] == 0) {
          counts.remove(key);
        }
        size--;
      }
      default -> throw new IllegalStateException("unknown row kind " + change.getKind());
    }
  }

  long size() {
    return size;
  }

  long changes() {
    return changes;
  }

  /** The current rows (INSERT kind), duplicates repeated. */
  List<Row> rows() {
    List<Row> out = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, size));
    for (Map.Entry<Row, int[]> e : counts.entrySet()) {
      for (int i = 0; i < e.getValue()[0]; i++) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** The first {@code limit} current rows. */
  List<Row> rows(int limit) {
    List<Row> out = new ArrayList<>();
    Iterator<Map.Entry<Row, int[]>> it = counts.entrySet().iterator();
    while (it.hasNext() && out.size() < limit) {
      Map.Entry<Row, int[]> e = it.next();
      for (int i = 0; i < e.getValue()[0] && out.size() < limit; i++) {
        out.add(e.getKey());
      }
    }
    return out;
  }
}
