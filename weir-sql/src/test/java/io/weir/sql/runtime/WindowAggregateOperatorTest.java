package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.operators.WatermarkAssignerOperator;
import io.weir.sql.runtime.operators.WindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowSpec;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowAggregateOperatorTest {
  // (k VARCHAR, ts TIMESTAMP(3), v BIGINT)
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LOCAL_DATE_TIME, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 2, false, -1, Types.LONG, "s"));

  static LocalDateTime t(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
  }

  static Row in(String k, long ts, long v) {
    return Row.of(k, t(ts), v);
  }

  static Row out(String k, long cnt, long sum, long start, long end) {
    return Row.of(k, cnt, sum, t(start), t(end), t(end - 1));
  }

  @Test
  void tumbleFiresOnWatermarkAndDropsLateRows() throws Exception {
    OperatorTestSupport.forKeyedOperator(
            new WindowAggregateOperator(WindowSpec.tumble(10), 1, AGGS, IN), KEY, KEY.keyType(IN))
        .input(
            record(in("a", 1, 1), 1), record(in("a", 9, 2), 9), record(in("b", 12, 5), 12),
            watermark(9),
            record(in("a", 3, 100), 3), // late: [0,10) fired
            record(in("a", 15, 3), 15),
            watermark(30))
        .expectOutput(
            record(out("a", 2, 3, 0, 10), 9),
            watermark(9),
            record(out("a", 1, 3, 10, 20), 19),
            record(out("b", 1, 5, 10, 20), 19),
            watermark(30))
        .ignoreOrderWithinTimestamp()
        .expectBatchOutput(out("a", 3, 103, 0, 10), out("a", 1, 3, 10, 20), out("b", 1, 5, 10, 20))
        .run();
  }

  @Test
  void sessionWindowsMergeWhenAGapIsBridged() throws Exception {
    OperatorTestSupport.forKeyedOperator(
            new WindowAggregateOperator(WindowSpec.session(5), 1, AGGS, IN), KEY, KEY.keyType(IN))
        .input(record(in("a", 0, 1), 0), record(in("a", 10, 2), 10), record(in("a", 5, 4), 5),
            record(in("a", 30, 8), 30), watermark(100))
        .expectOutput(out("a", 3, 7, 0, 15), out("a", 1, 8, 30, 35))
        .expectBatchOutput(out("a", 3, 7, 0, 15), out("a", 1, 8, 30, 35))
        .run();
  }

  /** Brute force: the windows a timestamp belongs to, by scanning candidate starts. */
  static List<long[]> windowsOf(WindowSpec w, long ts) {
    List<long[]> result = new ArrayList<>();
    for (long start = Math.floorDiv(ts - w.size(), w.step()) * w.step(); start <= ts; start += w.step()) {
      switch (w.kind()) {
        case TUMBLE, HOP -> {
          if (start <= ts && ts < start + w.size() && Math.floorMod(start, w.step()) == 0) {
            result.add(new long[] {start, start + w.size()});
          }
        }
        case CUMULATE -> {
          long cycle = Math.floorDiv(ts, w.size()) * w.size();
          if (start == cycle) {
            for (long end = cycle + w.step(); end <= cycle + w.size(); end += w.step()) {
              if (ts < end) {
                result.add(new long[] {cycle, end});
              }
            }
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    return result;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tumble", "hop", "cumulate", "session"})
  void randomOutOfOrderInputMatchesBruteForce(String kind) throws Exception {
    WindowSpec w = switch (kind) {
      case "tumble" -> WindowSpec.tumble(1000);
      case "hop" -> WindowSpec.hop(500, 2000);
      case "cumulate" -> WindowSpec.cumulate(400, 2000);
      default -> WindowSpec.session(700);
    };
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Object> items = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      long max = 0;
      long time = 0;
      for (int i = 0; i < 200; i++) {
        time += rnd.nextInt(kind.equals("session") ? 400 : 150);
        long ts = Math.max(0, time - rnd.nextInt(1000)); // out of order by < 1000ms
        max = Math.max(max, ts);
        Row r = in("k" + rnd.nextInt(3), ts, rnd.nextInt(10));
        rows.add(r);
        items.add(record(r, ts));
        if (rnd.nextInt(10) == 0) {
          items.add(watermark(time - 1001)); // no row is late
        }
      }
      items.add(watermark(Long.MAX_VALUE - 1));
      Map<Row, Integer> expected = Changelogs.multiset(kind.equals("session") ? sessions(rows, w.size()) : bruteForce(rows, w));
      WindowAggregateOperator op = new WindowAggregateOperator(w, 1, AGGS, IN);
      List<Object> streamingOut = new ArrayList<>();
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
        h.open();
        for (Object item : items) {
          if (item instanceof io.weir.runtime.streamrecord.Watermark wm) {
            h.processWatermark(wm);
          } else {
            var tv = (io.weir.runtime.testing.TimestampedValue<?>) item;
            h.processElement((Row) tv.value(), tv.timestamp());
          }
        }
        h.endInput();
        for (StreamRecord<Row> r : h.getOutputRecords()) {
          streamingOut.add(record(r.getValue(), r.getTimestamp()));
        }
        assertThat(Changelogs.show(Changelogs.multiset(h.extractOutputValues()))).as(kind + " seed " + seed)
            .isEqualTo(Changelogs.show(expected));
      }
      if (seed == 1) {
        OperatorTestSupport.forKeyedOperator(op, KEY, KEY.keyType(IN))
            .input(items)
            .expectOutput(streamingOut)
            .ignoreOrderWithinTimestamp()
            .expectBatchOutput(new ArrayList<>(expected.keySet().stream()
                .flatMap(r -> java.util.Collections.nCopies(expected.get(r), r).stream()).toList()))
            .run();
      }
    }
  }

  /**
   * Sliced HOP/CUMULATE windows (one accumulator per slice, merged when a window fires) against a
   * per-window reference that applies the operator's lateness rule row by row: a row counts for
   * the windows whose end - 1 is above the watermark it arrives at. Out-of-order rows within the
   * watermark bound, late rows that only some of their windows may still take, and retractions
   * of earlier rows. Also checks one accumulate call per row (CountingAggregate), not one per window.
   */
  @ParameterizedTest
  @ValueSource(strings = {"hop", "hop-offset", "cumulate", "cumulate-offset"})
  void slicedWindowsMatchPerWindowReference(String kind) throws Exception {
    long offset = kind.endsWith("offset") ? (kind.startsWith("hop") ? 700 : -300) : 0;
    WindowSpec w = kind.startsWith("hop") ? WindowSpec.hop(2000, 10000, offset) : WindowSpec.cumulate(2000, 10000, offset);
    List<AggregateSpec> aggs = List.of(
        new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
        new AggregateSpec(Kind.SUM, 2, false, -1, Types.LONG, "s"),
        new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "mx"),
        new AggregateSpec(Kind.USER_DEFINED, 2, false, -1, Types.LONG, "calls",
            new io.weir.sql.runtime.functions.UserAggregateCall("counting", new CountingAggregate(), new int[] {2}, true, true)));
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed * 31 + kind.hashCode());
      List<Object> items = new ArrayList<>();
      Map<List<Object>, List<Long>> reference = new HashMap<>();
      Map<List<Object>, List<Long>> batchReference = new HashMap<>();
      List<Row> inserted = new ArrayList<>();
      long watermark = Long.MIN_VALUE;
      long time = 0;
      long accepted = 0;
      for (int i = 0; i < 600; i++) {
        Row r;
        if (!inserted.isEmpty() && rnd.nextInt(12) == 0) {
          // a retraction of an earlier row: it leaves the windows that have not fired yet
          Row old = inserted.remove(rnd.nextInt(inserted.size()));
          r = Row.ofKind(io.weir.core.types.RowKind.DELETE, old.getField(0), old.getField(1), old.getField(2));
        } else {
          time += rnd.nextInt(300);
          boolean late = rnd.nextInt(20) == 0;
          long ts = Math.max(0, time - (late ? 3000 + rnd.nextInt(9000) : rnd.nextInt(1000)));
          r = in("k" + rnd.nextInt(3), ts, rnd.nextInt(100));
          inserted.add(r);
        }
        long ts = ((LocalDateTime) r.getField(1)).toInstant(ZoneOffset.UTC).toEpochMilli();
        Long v = (Long) r.getField(2);
        boolean insert = r.getKind() == io.weir.core.types.RowKind.INSERT;
        items.add(record(r, ts));
        boolean counted = false;
        for (long[] win : windowsOf(w, offset, ts)) {
          List<Object> k = List.of(r.getField(0), win[0], win[1]);
          if (win[1] - 1 > watermark) {
            apply(reference, k, v, insert);
            counted = true;
          }
          apply(batchReference, k, v, insert); // BATCH: no row is late
        }
        accepted += counted && insert ? 1 : 0;
        if (rnd.nextInt(8) == 0) {
          watermark = time - 1001; // rows less than 1000 ms out of order are never late
          items.add(watermark(watermark));
        }
      }
      items.add(watermark(Long.MAX_VALUE - 1));
      List<Row> expected = rowsOf(reference);
      assertThat(expected).hasSizeGreaterThan(100);

      WindowAggregateOperator op = new WindowAggregateOperator(w, 1, aggs, IN);
      assertThat(op.isSliced()).isTrue();
      CountingAggregate.ACCUMULATE_CALLS.set(0);
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
        h.open();
        for (Object item : items) {
          if (item instanceof io.weir.runtime.streamrecord.Watermark wm) {
            h.processWatermark(wm);
          } else {
            var tv = (io.weir.runtime.testing.TimestampedValue<?>) item;
            h.processElement((Row) tv.value(), tv.timestamp());
          }
        }
        h.endInput();
        assertThat(Changelogs.show(Changelogs.multiset(h.extractOutputValues()))).as(kind + " seed " + seed)
            .isEqualTo(Changelogs.show(Changelogs.multiset(expected)));
      }
      // one accumulate per inserted row that some window still takes, not one per window
      assertThat(CountingAggregate.ACCUMULATE_CALLS.get()).as(kind + " seed " + seed).isEqualTo(accepted);
      if (seed == 1) {
        OperatorTestSupport.forKeyedOperator(new WindowAggregateOperator(w, 1, aggs, IN), KEY, KEY.keyType(IN))
            .input(items)
            .expectOutput(expected)
            .ignoreOrder()
            .expectBatchOutput(rowsOf(batchReference))
            .run();
      }
    }
  }

  private static void apply(Map<List<Object>, List<Long>> windows, List<Object> window, Long v, boolean insert) {
    List<Long> values = windows.computeIfAbsent(window, x -> new ArrayList<>());
    if (insert) {
      values.add(v);
    } else {
      values.remove(v);
    }
  }

  /** (k, count, sum, max, counting-sum, window columns) of each non-empty window. */
  private static List<Row> rowsOf(Map<List<Object>, List<Long>> windows) {
    List<Row> rows = new ArrayList<>();
    windows.forEach((k, values) -> {
      if (!values.isEmpty()) {
        long sum = values.stream().mapToLong(Long::longValue).sum();
        long max = values.stream().mapToLong(Long::longValue).max().getAsLong();
        rows.add(Row.of(k.get(0), (long) values.size(), sum, max, sum, t((Long) k.get(1)), t((Long) k.get(2)), t((Long) k.get(2) - 1)));
      }
    });
    return rows;
  }

  /** Brute force with window starts shifted by {@code offset}: HOP and CUMULATE. */
  static List<long[]> windowsOf(WindowSpec w, long offset, long ts) {
    List<long[]> result = new ArrayList<>();
    if (w.kind() == WindowSpec.Kind.HOP) {
      for (long start = Math.floorDiv(ts - w.size() - offset, w.step()) * w.step() + offset; start <= ts; start += w.step()) {
        if (ts < start + w.size()) {
          result.add(new long[] {start, start + w.size()});
        }
      }
    } else {
      long cycle = Math.floorDiv(ts - offset, w.size()) * w.size() + offset;
      for (long end = cycle + w.step(); end <= cycle + w.size(); end += w.step()) {
        if (ts < end) {
          result.add(new long[] {cycle, end});
        }
      }
    }
    return result;
  }

  /** Insert-only input: MIN/MAX keeping only the extreme give what the retractable value-count trees give. */
  @ParameterizedTest
  @ValueSource(strings = {"tumble", "hop", "session"})
  void insertOnlyMinMaxMatchesTheRetractableAccumulators(String kind) throws Exception {
    List<AggregateSpec> aggs = List.of(
        new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
        new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "mx"),
        new AggregateSpec(Kind.MIN, 2, false, -1, Types.LONG, "mn"));
    WindowSpec w = switch (kind) {
      case "tumble" -> WindowSpec.tumble(1000);
      case "hop" -> WindowSpec.hop(500, 2000);
      default -> WindowSpec.session(300);
    };
    Random rnd = new Random(kind.hashCode());
    List<Row> rows = new ArrayList<>();
    long time = 0;
    for (int i = 0; i < 300; i++) {
      time += rnd.nextInt(200);
      rows.add(in("k" + rnd.nextInt(4), time, rnd.nextInt(1000) - 500));
    }
    List<List<Row>> outputs = new ArrayList<>();
    for (boolean retracts : new boolean[] {true, false}) {
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
          new WindowAggregateOperator(w, 1, aggs, IN, retracts), KEY, KEY.keyType(IN))) {
        h.open();
        for (Row r : rows) {
          h.processElement(r, ((LocalDateTime) r.getField(1)).toInstant(ZoneOffset.UTC).toEpochMilli());
        }
        h.processWatermark(new io.weir.runtime.streamrecord.Watermark(Long.MAX_VALUE));
        h.endInput();
        outputs.add(h.extractOutputValues());
      }
    }
    assertThat(outputs.get(0)).isNotEmpty();
    assertThat(outputs.get(1)).containsExactlyElementsOf(outputs.get(0));
  }

  static List<Row> bruteForce(List<Row> rows, WindowSpec w) {
    Map<List<Object>, long[]> acc = new HashMap<>();
    for (Row r : rows) {
      long ts = r.getField(1) == null ? 0 : ((LocalDateTime) r.getField(1)).toInstant(ZoneOffset.UTC).toEpochMilli();
      for (long[] win : windowsOf(w, ts)) {
        long[] a = acc.computeIfAbsent(List.of(r.getField(0), win[0], win[1]), k -> new long[2]);
        a[0]++;
        a[1] += (Long) r.getField(2);
      }
    }
    List<Row> out = new ArrayList<>();
    acc.forEach((k, a) -> out.add(out((String) k.get(0), a[0], a[1], (Long) k.get(1), (Long) k.get(2))));
    return out;
  }

  static List<Row> sessions(List<Row> rows, long gap) {
    Map<Object, TreeMap<Long, List<Long>>> byKey = new HashMap<>();
    for (Row r : rows) {
      long ts = ((LocalDateTime) r.getField(1)).toInstant(ZoneOffset.UTC).toEpochMilli();
      byKey.computeIfAbsent(r.getField(0), k -> new TreeMap<>()).computeIfAbsent(ts, x -> new ArrayList<>()).add((Long) r.getField(2));
    }
    List<Row> out = new ArrayList<>();
    byKey.forEach((k, m) -> {
      long start = -1;
      long end = -1;
      long cnt = 0;
      long sum = 0;
      for (Map.Entry<Long, List<Long>> e : m.entrySet()) {
        if (cnt > 0 && e.getKey() > end) {
          out.add(out((String) k, cnt, sum, start, end));
          cnt = 0;
          sum = 0;
        }
        if (cnt == 0) {
          start = e.getKey();
        }
        end = e.getKey() + gap;
        cnt += e.getValue().size();
        sum += e.getValue().stream().mapToLong(Long::longValue).sum();
      }
      out.add(out((String) k, cnt, sum, start, end));
    });
    return out;
  }

  @Test
  void watermarkAssignerSetsTimestampsAndEmitsMaxMinusDelay() throws Exception {
    RowProjection minus5 = r -> Row.of(((LocalDateTime) r.getField(1)).minusNanos(5_000_000));
    OperatorTestSupport.forOperator(new WatermarkAssignerOperator(1, minus5, 0))
        .input(in("a", 100, 1), in("a", 90, 2), Row.of("a", null, 3L), in("a", 120, 4), watermark(1000))
        .expectOutput(
            record(in("a", 100, 1), 100), watermark(95),
            record(in("a", 90, 2), 90),
            record(Row.of("a", null, 3L), Long.MIN_VALUE),
            record(in("a", 120, 4), 120), watermark(115))
        .expectBatchOutput(in("a", 100, 1), in("a", 90, 2), Row.of("a", null, 3L), in("a", 120, 4))
        .run();
  }
}
