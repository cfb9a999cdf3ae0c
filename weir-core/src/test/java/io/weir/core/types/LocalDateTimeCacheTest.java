package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TIMESTAMP serializer's cache of recently read values: a sequence with repeats and changes
 * (NULLs, pre-epoch and extreme values, values differing in one field only) reads back equal,
 * also when several threads read at once, and bad bytes still fail every time.
 */
class LocalDateTimeCacheTest {
  private static final LocalDateTime[] POOL = {
      LocalDateTime.of(2026, 11, 22, 15, 0, 0, 123_000_000),
      LocalDateTime.of(2026, 11, 22, 15, 0, 0, 124_000_000), // 1 ms later
      LocalDateTime.of(2026, 11, 23, 15, 0, 0, 123_000_000), // 1 day later, same time
      LocalDateTime.of(2027, 11, 22, 15, 0, 0, 123_000_000), // 1 year later, same day
      LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000), // 1 ms before the epoch
      LocalDateTime.of(1900, 2, 28, 0, 0),
      LocalDateTime.of(-5000, 1, 1, 0, 0, 0, 1),
      LocalDateTime.MIN,
      LocalDateTime.MAX,
  };

  private static final TypeSerializer<Row> ROWS =
      new RowTypeInfo(Types.LONG, Types.LOCAL_DATE_TIME, Types.LOCAL_DATE_TIME).createSerializer();

  private static List<Row> rows(long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    LocalDateTime start = POOL[0];
    for (int i = 0; i < 3000; i++) {
      if (r.nextInt(8) == 0) { // a change; otherwise the previous value repeats
        start = r.nextInt(4) == 0 ? null : r.nextBoolean() ? POOL[r.nextInt(POOL.length)]
            : LocalDateTime.of(1950 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000);
      }
      LocalDateTime end = start == null || start.equals(LocalDateTime.MAX) ? null : start.plusSeconds(10);
      rows.add(Row.of((long) i, start, end));
    }
    return rows;
  }

  private static byte[] bytes(List<Row> rows) throws IOException {
    ByteArrayDataOutput out = new ByteArrayDataOutput(64);
    for (Row row : rows) {
      ROWS.serialize(row, out);
    }
    return out.toByteArray();
  }

  private static List<Row> read(byte[] bytes, int n) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(ROWS.deserialize(in));
    }
    return rows;
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1L, 7L, 20261122L})
  void readsBackEqualValuesWithRepeatsAndChanges(long seed) throws Exception {
    List<Row> rows = rows(seed);
    byte[] bytes = bytes(rows);
    List<Row> back = read(bytes, rows.size());
    assertThat(back).isEqualTo(rows);
    boolean shared = false;
    for (int i = 1; i < back.size(); i++) {
      Object prev = back.get(i - 1).getField(1);
      Object cur = back.get(i).getField(1);
      shared |= cur != null && cur == prev;
    }
    assertThat(shared).as("an immediate repeat comes from the cache").isTrue();
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {3L, 99L})
  void threadsReadingAtOnceGetTheirOwnValues(long seed) throws Exception {
    List<List<Row>> inputs = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      inputs.add(rows(seed * 31 + t));
      bytes.add(bytes(inputs.get(t)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Row>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int k = t;
        results.add(pool.submit(() -> {
          List<Row> last = null;
          for (int round = 0; round < 20; round++) {
            last = read(bytes.get(k), inputs.get(k).size());
          }
          return last;
        }));
      }
      for (int t = 0; t < 4; t++) {
        assertThat(results.get(t).get()).isEqualTo(inputs.get(t));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "month byte {0}")
  @ValueSource(ints = {0, 13, -1})
  void invalidBytesFailEveryTime(int month) throws Exception {
    ByteArrayDataOutput out = new ByteArrayDataOutput(16);
    out.writeInt(2026);
    out.writeByte(month);
    out.writeByte(22);
    out.writeLong(0L);
    byte[] bad = out.toByteArray();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> BasicSerializers.LOCAL_DATE_TIME.deserializeFromBytes(bad))
          .isInstanceOf(DateTimeException.class);
    }
  }
}
