package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: apply a changelog, compare multisets of rows. */
final class Changelogs {
  private Changelogs() {}

  /** Applies +I/+U (add) and -U/-D (remove; must exist) to an empty table; result as INSERT rows. */
  static Map<Row, Integer> materialize(List<Row> changelog) {
    Map<Row, Integer> table = new HashMap<>();
    for (Row r : changelog) {
      Row key = RowUtil.asInsert(r);
      if (RowUtil.isAccumulate(r.getKind())) {
        table.merge(key, 1, Integer::sum);
      } else {
        Integer n = table.get(key);
        assertThat(n).as("retraction " + r + " of a row that is not in the result " + table.keySet()).isNotNull();
        if (n == 1) {
          table.remove(key);
        } else {
          table.put(key, n - 1);
        }
      }
    }
    return table;
  }

  static Map<Row, Integer> multiset(List<Row> rows) {
    Map<Row, Integer> m = new HashMap<>();
    for (Row r : rows) {
      m.merge(RowUtil.asInsert(r), 1, Integer::sum);
    }
    return m;
  }

  /** Sorted text form, for readable assertion messages. */
  static String show(Map<Row, Integer> m) {
    TreeMap<String, Integer> t = new TreeMap<>();
    m.forEach((k, v) -> t.put(k.toString(), v));
    return t.toString();
  }

  static Row row(RowKind kind, Object... fields) {
    return Row.ofKind(kind, fields);
  }

  static List<Row> insertsOnly(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      assertThat(r.getKind()).as("BATCH output must be insert-only: " + r).isEqualTo(RowKind.INSERT);
      out.add(r);
    }
    return out;
  }
}
