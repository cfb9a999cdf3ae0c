package io.weir.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChangelogMultisetTest {
  @Test
  void updatesKeepTheirPosition() {
    ChangelogMultiset m = new ChangelogMultiset();
    m.apply(Row.ofKind(RowKind.INSERT, "a", 1));
    m.apply(Row.ofKind(RowKind.INSERT, "b", 1));
    m.apply(Row.ofKind(RowKind.UPDATE_BEFORE, "a", 1));
    m.apply(Row.ofKind(RowKind.UPDATE_AFTER, "a", 2));
    m.apply(Row.ofKind(RowKind.INSERT, "c", 1));
    m.apply(Row.ofKind(RowKind.DELETE, "b", 1));
    assertThat(m.rows()).containsExactly(Row.of("a", 2), Row.of("c", 1));
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.changes()).isEqualTo(6);
    assertThat(m.rows(1)).containsExactly(Row.of("a", 2));
  }

  @Test
  void retractingAnAbsentRowIsAnError() {
    ChangelogMultiset m = new ChangelogMultiset();
    m.apply(Row.ofKind(RowKind.INSERT, 1));
    assertThatThrownBy(() -> m.apply(Row.ofKind(RowKind.DELETE, 2))).hasMessageContaining("-D[2]");
  }

  /** Random changelogs with duplicates: the multiset equals a naive count map. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void matchesANaiveCountAfterRandomChanges(long seed) {
    Random r = new Random(seed);
    ChangelogMultiset m = new ChangelogMultiset();
    Map<Row, Integer> naive = new HashMap<>();
    List<Row> present = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      if (present.isEmpty() || r.nextInt(3) > 0) {
        Row v = Row.of(r.nextInt(20));
        m.apply(Row.ofKind(r.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER, v.getField(0)));
        naive.merge(v, 1, Integer::sum);
        present.add(v);
      } else {
        Row v = present.remove(r.nextInt(present.size()));
        m.apply(Row.ofKind(r.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE, v.getField(0)));
        naive.merge(v, -1, Integer::sum);
      }
    }
    Map<Row, Integer> actual = new HashMap<>();
    m.rows().forEach(row -> actual.merge(row, 1, Integer::sum));
    naive.values().removeIf(c -> c == 0);
    assertThat(actual).isEqualTo(naive);
    assertThat(m.size()).isEqualTo(present.size());
  }
}
