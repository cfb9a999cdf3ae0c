package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row serializer calls the serializers of the common basic types directly instead of through
 * its field array: the bytes must stay those of the field serializers (written here one by one
 * through the interface), rows must read back equal, and a field of the wrong class must still be
 * reported by position.
 */
class RowSerializerBasicFieldsTest {
  @SuppressWarnings("unchecked")
  private static final TypeInfo<Object>[] TYPES = new TypeInfo[] {Types.LONG, Types.INT, Types.DOUBLE, Types.STRING,
      Types.LOCAL_DATE_TIME, Types.BOOLEAN, Types.SHORT, Types.LONG};
  private static final List<Function<Random, Object>> VALUES = List.of(
      Random::nextLong,
      Random::nextInt,
      r -> r.nextDouble() * 1e6 - 5e5,
      r -> "s" + r.nextInt(1000),
      r -> LocalDateTime.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
          r.nextInt(60), r.nextInt(1000) * 1_000_000),
      Random::nextBoolean,
      r -> (short) r.nextInt(),
      r -> -r.nextLong());

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1L, 5L, 20261122L})
  void bytesAreTheFieldSerializersBytesAndReadBackEqual(long seed) throws IOException {
    Random r = new Random(seed);
    TypeSerializer<Row> ser = new RowTypeInfo(TYPES).createSerializer();
    ByteArrayDataOutput out = new ByteArrayDataOutput(64);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < 300; n++) {
      Row row = new Row(RowKind.values()[r.nextInt(RowKind.values().length)], TYPES.length);
      int mask = 0;
      for (int i = 0; i < TYPES.length; i++) {
        if (r.nextInt(4) == 0) {
          mask |= 1 << i;
        } else {
          row.setField(i, VALUES.get(i).apply(r));
        }
      }
      rows.add(row);
      ser.serialize(row, out);
      expected.write(row.getKind().ordinal());
      expected.write(mask);
      for (int i = 0; i < TYPES.length; i++) {
        if (row.getField(i) != null) {
          expected.write(TYPES[i].createSerializer().serializeToBytes(row.getField(i)));
        }
      }
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    ByteArrayDataInput in = new ByteArrayDataInput(out.toByteArray());
    for (Row row : rows) {
      assertThat(ser.deserialize(in)).isEqualTo(row);
    }
  }

  @ParameterizedTest(name = "field {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void aFieldOfTheWrongClassIsReportedByPosition(int field) {
    TypeSerializer<Row> ser = new RowTypeInfo(TYPES).createSerializer();
    Row row = new Row(TYPES.length);
    row.setField(field, new Object());
    assertThatThrownBy(() -> ser.serializeToBytes(row))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row field " + field + " holds a java.lang.Object");
  }
}
