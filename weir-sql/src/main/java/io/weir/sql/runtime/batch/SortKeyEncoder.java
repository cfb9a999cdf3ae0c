package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Encodes a SQL ordering (fields, ASC/DESC, NULLS FIRST/LAST) into byte keys whose unsigned
 * lexicographic order is the ordering of the rows, so the runtime's byte-key
 * {@code ExternalSorter} can sort ORDER BY input. Same order as the generated comparator
 * ({@code CodeGenerator.comparator}): numbers by value (doubles like {@link Double#compare}),
 * strings by UTF-16 code units, byte strings unsigned, decimals by value whatever their scale,
 * dates/times/timestamps by instant.
 *
 * <p>Per field: a NULL flag byte ordered as asked, then for a non-null value its bytes, all
 * inverted for DESC. Variable-length values (strings, bytes, decimal digits) end in 0x00, which no
 * value byte that starts a unit equals, so a prefix sorts first.
 */
public final class SortKeyEncoder implements Serializable {
  private final int[] fields;
  private final boolean[] descending;
  private final boolean[] nullsFirst;

  /**
   * @param fields the ORDER BY fields, most significant first
   * @param descending per field: DESC
   * @param nullsFirst per field: NULLS FIRST (SQL default: ASC NULLS FIRST, DESC NULLS LAST, like Flink)
   */
  public SortKeyEncoder(int[] fields, boolean[] descending, boolean[] nullsFirst) {
    if (fields.length != descending.length || fields.length != nullsFirst.length) {
      throw new IllegalArgumentException("one direction and one NULL order per field");
    }
    this.fields = fields.clone();
    this.descending = descending.clone();
    this.nullsFirst = nullsFirst.clone();
  }

  /** The encoder of a Calcite collation (unspecified NULL order: like the generated comparator). */
  public static SortKeyEncoder of(java.util.List<org.apache.calcite.rel.RelFieldCollation> collations) {
    int n = collations.size();
    int[] fields = new int[n];
    boolean[] desc = new boolean[n];
    boolean[] nullsFirst = new boolean[n];
    for (int i = 0; i < n; i++) {
      var fc = collations.get(i);
      fields[i] = fc.getFieldIndex();
      desc[i] = fc.getDirection().isDescending();
      nullsFirst[i] = fc.nullDirection == org.apache.calcite.rel.RelFieldCollation.NullDirection.FIRST
          || fc.nullDirection == org.apache.calcite.rel.RelFieldCollation.NullDirection.UNSPECIFIED && !desc[i];
    }
    return new SortKeyEncoder(fields, desc, nullsFirst);
  }

  /** A growable byte buffer; DESC inverts the bytes a value wrote. */
  private static final class Buf {
    byte[] b = new byte[32];
    int n;

    void put(int v) {
      if (n == b.length) {
        b = Arrays.copyOf(b, n * 2);
      }
      b[n++] = (byte) v;
    }

    void putLong(long v, int bytes) {
      for (int i = bytes - 1; i >= 0; i--) {
        put((int) (v >>> (8 * i)));
      }
    }
  }

  public byte[] encode(Row row) {
    Buf buf = new Buf();
    for (int i = 0; i < fields.length; i++) {
      Object v = row.getField(fields[i]);
      if (v == null) {
        buf.put(nullsFirst[i] ? 0 : 2);
        continue;
      }
      buf.put(1);
      int start = buf.n;
      value(buf, v);
      if (descending[i]) {
        for (int j = start; j < buf.n; j++) {
          buf.b[j] = (byte) ~buf.b[j];
        }
      }
    }
    return Arrays.copyOf(buf.b, buf.n);
  }

  private static void value(Buf buf, Object v) {
    if (v instanceof Long l) {
      buf.putLong(l ^ Long.MIN_VALUE, 8);
    } else if (v instanceof Integer x) {
      buf.putLong(x ^ Integer.MIN_VALUE, 4);
    } else if (v instanceof Short s) {
      buf.putLong(s ^ Short.MIN_VALUE, 2);
    } else if (v instanceof Byte x) {
      buf.put(x ^ Byte.MIN_VALUE);
    } else if (v instanceof Double d) {
      long bits = Double.doubleToLongBits(d);
      buf.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE, 8);
    } else if (v instanceof Float f) {
      int bits = Float.floatToIntBits(f);
      buf.putLong(bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE, 4);
    } else if (v instanceof String s) {
      string(buf, s);
    } else if (v instanceof BigDecimal d) {
      decimal(buf, d);
    } else if (v instanceof Boolean b) {
      buf.put(b ? 1 : 0);
    } else if (v instanceof LocalDateTime t) {
      buf.putLong(t.toEpochSecond(ZoneOffset.UTC) ^ Long.MIN_VALUE, 8);
      buf.putLong(t.getNano(), 4);
    } else if (v instanceof Instant t) {
      buf.putLong(t.getEpochSecond() ^ Long.MIN_VALUE, 8);
      buf.putLong(t.getNano(), 4);
    } else if (v instanceof LocalDate d) {
      buf.putLong(d.toEpochDay() ^ Long.MIN_VALUE, 8);
    } else if (v instanceof LocalTime t) {
      buf.putLong(t.toNanoOfDay(), 8);
    } else if (v instanceof byte[] bytes) {
      for (byte x : bytes) {
        int u = x & 0xFF;
        if (u < 0xFE) {
          buf.put(u + 1);
        } else {
          buf.put(0xFF);
          buf.put(u);
        }
      }
      buf.put(0);
    } else {
      throw new IllegalArgumentException("ORDER BY on values of class " + v.getClass().getName()
          + " is not supported by the BATCH sort");
    }
  }

  /** UTF-16 units in 1 to 3 bytes whose first byte tells the length and never is 0x00 (the end). */
  private static void string(Buf buf, String s) {
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x7F) {
        buf.put(c + 1);
      } else if (c < 0x4000) {
        buf.put(0x80 | (c >> 8));
        buf.put(c);
      } else {
        buf.put(0xC0);
        buf.put(c >> 8);
        buf.put(c);
      }
    }
    buf.put(0);
  }

  /** Sign, then for non-zero values the decimal exponent and the significant digits (inverted when negative). */
  private static void decimal(Buf buf, BigDecimal d) {
    int sign = d.signum();
    buf.put(sign + 1);
    if (sign == 0) {
      return;
    }
    BigDecimal abs = d.abs().stripTrailingZeros();
    String digits = abs.unscaledValue().toString();
    // value = 0.digits x 10^exponent: a larger exponent is a larger magnitude
    int exponent = abs.precision() - abs.scale();
    int start = buf.n;
    buf.putLong(exponent ^ Integer.MIN_VALUE, 4);
    for (int i = 0; i < digits.length(); i++) {
      buf.put(digits.charAt(i));
    }
    buf.put(0);
    if (sign < 0) {
      for (int j = start; j < buf.n; j++) {
        buf.b[j] = (byte) ~buf.b[j];
      }
    }
  }
}
