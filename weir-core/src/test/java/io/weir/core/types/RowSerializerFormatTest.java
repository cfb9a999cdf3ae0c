package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows of every width up to past 64 fields (where the null mask no longer fits one long), with
 * random nulls: bytes equal an independent writer of the persisted format, and read back equal
 * from the in-place and the java.io reader.
 */
class RowSerializerFormatTest {
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void rowsOfAnyWidthKeepTheirFormat(long seed) throws IOException {
    Random rnd = new Random(seed);
    for (int arity = 0; arity <= 70; arity++) {
      TypeInfo<?>[] types = new TypeInfo<?>[arity];
      for (int i = 0; i < arity; i++) {
        types[i] = i % 3 == 1 ? Types.STRING : Types.LONG;
      }
      TypeSerializer<Row> ser = new RowTypeInfo(types).createSerializer();
      List<Row> rows = new ArrayList<>();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      ByteArrayDataOutput out = new ByteArrayDataOutput();
      for (int n = 0; n < 5; n++) {
        RowKind kind = RowKind.values()[rnd.nextInt(RowKind.values().length)];
        Row row = new Row(kind, arity);
        for (int i = 0; i < arity; i++) {
          if (rnd.nextInt(3) != 0) {
            row.setField(i, i % 3 == 1 ? randomString(rnd) : rnd.nextLong());
          }
        }
        rows.add(row);
        ser.serialize(row, out);
        writeReference(row, expected);
      }
      assertThat(out.toByteArray()).as("arity %d", arity).isEqualTo(expected.toByteArray());
      ByteArrayDataInput in = new ByteArrayDataInput(out.toByteArray());
      DataInputStream streamIn = new DataInputStream(new ByteArrayInputStream(out.toByteArray()));
      for (Row row : rows) {
        assertThat(ser.deserialize(in)).isEqualTo(row);
        assertThat(ser.deserialize(streamIn)).isEqualTo(row);
      }
      assertThat(in.available()).isZero();
    }
  }

  private static String randomString(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int len = rnd.nextInt(30);
    for (int i = 0; i < len; i++) {
      sb.append((char) (rnd.nextBoolean() ? rnd.nextInt(0x80) : rnd.nextInt(0x10000)));
    }
    return sb.toString();
  }

  /** Kind ordinal, null bits (field i is bit i % 8 of byte i / 8), then the non-null fields. */
  private static void writeReference(Row row, ByteArrayOutputStream out) {
    int arity = row.getArity();
    out.write(row.getKind().ordinal());
    for (int b = 0; 8 * b < arity; b++) {
      int bits = 0;
      for (int i = 8 * b; i < Math.min(arity, 8 * b + 8); i++) {
        if (row.getField(i) == null) {
          bits |= 1 << (i - 8 * b);
        }
      }
      out.write(bits);
    }
    for (int i = 0; i < arity; i++) {
      Object f = row.getField(i);
      if (f instanceof Long v) {
        for (int k = 56; k >= 0; k -= 8) {
          out.write((int) (v >>> k));
        }
      } else if (f instanceof String s) {
        byte[] b = StringEncodingTest.reference(List.of(s));
        out.write(b, 0, b.length);
      }
    }
  }
}
