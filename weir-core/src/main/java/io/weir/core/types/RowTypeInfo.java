package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Type of a {@link Row}: field names and types. Default names are f0..fN. */
public final class RowTypeInfo extends CompositeTypeInfo<Row> {
  private final String[] fieldNames;
  private final TypeInfo<?>[] fieldTypes;

  public RowTypeInfo(TypeInfo<?>... fieldTypes) {
    this(defaultNames(fieldTypes.length), fieldTypes);
  }

  public RowTypeInfo(String[] fieldNames, TypeInfo<?>[] fieldTypes) {
    if (fieldNames.length != fieldTypes.length) {
      throw new IllegalArgumentException(
          "row has " + fieldNames.length + " field names but " + fieldTypes.length + " field types");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fieldNames.length; i++) {
      if (fieldNames[i] == null || fieldTypes[i] == null) {
        throw new IllegalArgumentException("row field " + i + " has a null name or type");
      }
      if (!seen.add(fieldNames[i])) {
        throw new IllegalArgumentException("row field name '" + fieldNames[i] + "' appears twice");
      }
    }
    this.fieldNames = fieldNames.clone();
    this.fieldTypes = fieldTypes.clone();
  }

  private static String[] defaultNames(int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "f" + i;
    }
    return names;
  }

  @Override
  public Class<Row> getTypeClass() {
    return Row.class;
  }

  @Override
  public String[] getFieldNames() {
    return fieldNames.clone();
  }

  @Override
  public TypeInfo<?>[] getFieldTypes() {
    return fieldTypes.clone();
  }

  @Override
  public int getArity() {
    return fieldTypes.length;
  }

  @Override
  public TypeInfo<?> getFieldType(int pos) {
    return fieldTypes[pos];
  }

  @Override
  public Object getFieldValue(Row record, int pos) {
    return record.getField(pos);
  }

  @Override
  public Row setFieldValue(Row record, int pos, Object value) {
    record.setField(pos, value);
    return record;
  }

  @Override
  public TypeSerializer<Row> createSerializer() {
    TypeSerializer<?>[] sers = new TypeSerializer<?>[fieldTypes.length];
    for (int i = 0; i < sers.length; i++) {
      sers[i] = fieldTypes[i].createSerializer();
    }
    return new RowSerializer(sers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowTypeInfo r && Arrays.equals(r.fieldNames, fieldNames) && Arrays.equals(r.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(fieldNames) + Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    return "Row<" + fieldsToString() + ">";
  }

  /**
   * RowKind byte, null mask, then the non-null fields. Without field serializers (a Row of unknown
   * shape, see {@link #dynamic()}) the arity is written first and each field is class-tagged.
   */
  public static final class RowSerializer implements TypeSerializer<Row> {
    private static final RowKind[] KINDS = RowKind.values();

    // Codes of the basic types whose singleton serializers are called directly: a row mixes
    // types, so a call through field(i) is megamorphic, a real call per field that also keeps the
    // DataInput/DataOutput calls from inlining. Through the constant the JIT can inline them.
    private static final byte OTHER = 0;
    private static final byte LONG = 1;
    private static final byte INT = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte TIMESTAMP = 5;
    private static final byte BOOLEAN = 6;

    private final TypeSerializer<Object>[] fieldSerializers;
    private final TypeSerializer<Object> dynamicField;
    private final byte[] codes;

    @SuppressWarnings("unchecked")
    public RowSerializer(TypeSerializer<?>... fieldSerializers) {
      this.fieldSerializers = (TypeSerializer<Object>[]) fieldSerializers.clone();
      this.dynamicField = null;
      this.codes = new byte[fieldSerializers.length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = code(fieldSerializers[i]);
      }
    }

    private RowSerializer() {
      this.fieldSerializers = null;
      this.dynamicField = new GenericTypeInfo<>(Object.class, false).createSerializer();
      this.codes = null;
    }

    /** For rows whose field types are unknown (an imprecise Row type). */
    static RowSerializer dynamic() {
      return new RowSerializer();
    }

    private TypeSerializer<Object> field(int i) {
      return fieldSerializers == null ? dynamicField : fieldSerializers[i];
    }

    private static byte code(TypeSerializer<?> s) {
      if (s == BasicSerializers.LONG) {
        return LONG;
      } else if (s == BasicSerializers.INT) {
        return INT;
      } else if (s == BasicSerializers.DOUBLE) {
        return DOUBLE;
      } else if (s == BasicSerializers.STRING) {
        return STRING;
      } else if (s == BasicSerializers.LOCAL_DATE_TIME) {
        return TIMESTAMP;
      } else if (s == BasicSerializers.BOOLEAN) {
        return BOOLEAN;
      }
      return OTHER;
    }

    private Object readField(int i, DataInput in) throws IOException {
      switch (codes == null ? OTHER : codes[i]) {
        case LONG:
          return BasicSerializers.LONG.deserialize(in);
        case INT:
          return BasicSerializers.INT.deserialize(in);
        case DOUBLE:
          return BasicSerializers.DOUBLE.deserialize(in);
        case STRING:
          return BasicSerializers.STRING.deserialize(in);
        case TIMESTAMP:
          return BasicSerializers.LOCAL_DATE_TIME.deserialize(in);
        case BOOLEAN:
          return BasicSerializers.BOOLEAN.deserialize(in);
        default:
          return field(i).deserialize(in);
      }
    }

    private void writeField(int i, Object f, DataOutput out) throws IOException {
      switch (codes == null ? OTHER : codes[i]) {
        case LONG:
          BasicSerializers.LONG.serialize((Long) f, out);
          break;
        case INT:
          BasicSerializers.INT.serialize((Integer) f, out);
          break;
        case DOUBLE:
          BasicSerializers.DOUBLE.serialize((Double) f, out);
          break;
        case STRING:
          BasicSerializers.STRING.serialize((String) f, out);
          break;
        case TIMESTAMP:
          BasicSerializers.LOCAL_DATE_TIME.serialize((LocalDateTime) f, out);
          break;
        case BOOLEAN:
          BasicSerializers.BOOLEAN.serialize((Boolean) f, out);
          break;
        default:
          field(i).serialize(f, out);
      }
    }

    @Override
    public void serialize(Row value, DataOutput out) throws IOException {
      int arity = value.getArity();
      if (fieldSerializers == null) {
        SerializationUtil.writeVarInt(arity, out);
      } else if (arity != fieldSerializers.length) {
        throw new IllegalArgumentException(
            "row " + value + " has " + arity + " fields but its type declares " + fieldSerializers.length);
      }
      out.writeByte(value.getKind().ordinal());
      int bits = 0;
      for (int i = 0; i < arity; i++) {
        if (value.getField(i) == null) {
          bits |= 1 << (i & 7);
        }
        if ((i & 7) == 7) {
          out.writeByte(bits);
          bits = 0;
        }
      }
      if ((arity & 7) != 0) {
        out.writeByte(bits);
      }
      for (int i = 0; i < arity; i++) {
        Object f = value.getField(i);
        if (f != null) {
          try {
            writeField(i, f, out);
          } catch (ClassCastException e) {
            throw new IllegalArgumentException("row field " + i + " holds a " + f.getClass().getName()
                + " that does not match its declared type: " + e.getMessage(), e);
          }
        }
      }
    }

    @Override
    public Row deserialize(DataInput in) throws IOException {
      int arity = fieldSerializers == null ? SerializationUtil.readVarInt(in) : fieldSerializers.length;
      int kind = in.readUnsignedByte();
      if (kind >= KINDS.length) {
        throw new IOException("corrupt row: unknown row kind " + kind);
      }
      Row row = new Row(KINDS[kind], arity);
      if (arity > 64) {
        boolean[] nulls = SerializationUtil.readNullMask(arity, in);
        for (int i = 0; i < arity; i++) {
          if (!nulls[i]) {
            row.setField(i, readField(i, in));
          }
        }
        return row;
      }
      // The mask bytes in one long: no boolean[] per row.
      long nulls = 0;
      for (int b = 0; 8 * b < arity; b++) {
        nulls |= (long) in.readUnsignedByte() << (8 * b);
      }
      for (int i = 0; i < arity; i++) {
        if ((nulls & (1L << i)) == 0) {
          row.setField(i, readField(i, in));
        }
      }
      return row;
    }

    @Override
    public Row copy(Row value) {
      if (value == null) {
        return null;
      }
      int arity = value.getArity();
      Row row = new Row(value.getKind(), arity);
      for (int i = 0; i < arity; i++) {
        Object f = value.getField(i);
        row.setField(i, f == null ? null : field(i).copy(f));
      }
      return row;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RowSerializer r && Arrays.equals(r.fieldSerializers, fieldSerializers);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(fieldSerializers);
    }
  }
}
