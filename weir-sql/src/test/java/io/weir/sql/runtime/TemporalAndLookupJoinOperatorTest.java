package io.weir.sql.runtime;

import static io.weir.core.types.RowKind.DELETE;
import static io.weir.core.types.RowKind.INSERT;
import static io.weir.core.types.RowKind.UPDATE_AFTER;
import static io.weir.core.types.RowKind.UPDATE_BEFORE;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static io.weir.sql.runtime.Changelogs.row;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.LookupFunction;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.operators.LookupJoinOperator;
import io.weir.sql.runtime.operators.TemporalJoinOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TemporalAndLookupJoinOperatorTest {
  // orders (k, ts, amount) joined with rates (k, ts, rate) as of the order time
  static final RowTypeInfo SIDE = new RowTypeInfo(Types.LONG, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);

  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT"})
  void temporalJoinSeesTheVersionValidAtTheLeftRowsTime(JoinType type) throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Object> items = new ArrayList<>();
      List<Row> lefts = new ArrayList<>();
      List<Row> changes = new ArrayList<>(); // right changelog in arrival order
      Map<Long, Row> current = new HashMap<>();
      long time = 0;
      for (int i = 0; i < 200; i++) {
        time += rnd.nextInt(3);
        long k = rnd.nextInt(3);
        if (rnd.nextInt(3) == 0) {
          Row old = current.get(k);
          if (old != null && rnd.nextInt(4) == 0) {
            Row del = Row.ofKind(DELETE, k, time, old.getField(2));
            current.remove(k);
            changes.add(del);
            items.add(record2(del, time));
          } else {
            Row v = Row.ofKind(old == null ? INSERT : UPDATE_AFTER, k, time, (long) rnd.nextInt(100));
            if (old != null) {
              Row before = Row.ofKind(UPDATE_BEFORE, k, old.getField(1), old.getField(2));
              changes.add(before);
              items.add(record2(before, time));
            }
            current.put(k, v);
            changes.add(v);
            items.add(record2(v, time));
          }
        } else {
          long ts = time + rnd.nextInt(5);
          Row l = Row.of(k, ts, (long) rnd.nextInt(10));
          lefts.add(l);
          items.add(record1(l, ts));
        }
        if (rnd.nextInt(10) == 0) {
          items.add(watermark(time - 1));
        }
      }
      items.add(watermark(Long.MAX_VALUE - 1));
      List<Row> expected = new ArrayList<>();
      for (Row l : lefts) {
        long tl = (Long) l.getField(1);
        Row version = null;
        long versionTime = Long.MIN_VALUE;
        for (Row c : changes) {
          long tc = (Long) c.getField(1);
          if (c.getKind() != UPDATE_BEFORE && c.getField(0).equals(l.getField(0)) && tc <= tl && tc >= versionTime) {
            version = c;
            versionTime = tc;
          }
        }
        if (version != null && version.getKind() != DELETE) {
          expected.add(Row.of(l.getField(0), l.getField(1), l.getField(2), version.getField(0), version.getField(1),
              version.getField(2)));
        } else if (type == JoinType.LEFT) {
          expected.add(Row.of(l.getField(0), l.getField(1), l.getField(2), null, null, null));
        }
      }
      OperatorTestSupport.forKeyedTwoInputOperator(new TemporalJoinOperator(type, SIDE, SIDE, 1, 1, null),
              KEY, KEY, KEY.keyType(SIDE))
          .input(items)
          .expectOutput(new ArrayList<>(expected))
          .ignoreOrder()
          .expectBatchOutput(new ArrayList<>(expected))
          .run();
    }
  }

  @Test
  void lookupJoinPassesRowKindsAndPadsLeftJoin() throws Exception {
    HashMap<Long, List<Row>> dim = new HashMap<>();
    dim.put(1L, List.of(Row.of(1L, "one"), Row.of(1L, "uno")));
    dim.put(2L, List.of(Row.of(2L, "two")));
    LookupFunction fn = key -> dim.getOrDefault((Long) key.getField(0), List.of());
    OperatorTestSupport.forOperator(new LookupJoinOperator(JoinType.LEFT, new int[] {0}, fn, 2, 2,
            r -> !"uno".equals(r.getField(3)), 10, 1000))
        .input(row(INSERT, 1L, "a"), row(INSERT, 3L, "b"), row(RowKind.DELETE, 2L, "c"), Row.of(null, "d"))
        .expectOutput(row(INSERT, 1L, "a", 1L, "one"), row(INSERT, 3L, "b", null, null),
            row(RowKind.DELETE, 2L, "c", 2L, "two"), Row.of(null, "d", null, null))
        .run();
    OperatorTestSupport.forOperator(new LookupJoinOperator(JoinType.INNER, new int[] {0}, fn, 2, 2, null, 0, 0))
        .input(row(INSERT, 1L, "a"), row(INSERT, 3L, "b"))
        .expectOutput(row(INSERT, 1L, "a", 1L, "one"), row(INSERT, 1L, "a", 1L, "uno"))
        .expectBatchOutput(row(INSERT, 1L, "a", 1L, "one"), row(INSERT, 1L, "a", 1L, "uno"))
        .run();
  }
}
