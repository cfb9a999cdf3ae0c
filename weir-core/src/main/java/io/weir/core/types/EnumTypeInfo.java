package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/** Type of a Java enum; values serialize as their ordinal. */
public final class EnumTypeInfo<E extends Enum<E>> extends TypeInfo<E> {
  private final Class<E> enumClass;

  public EnumTypeInfo(Class<E> enumClass) {
    if (!enumClass.isEnum()) {
      throw new IllegalArgumentException(enumClass.getName() + " is not an enum");
    }
    this.enumClass = enumClass;
  }

  @Override
  public Class<E> getTypeClass() {
    return enumClass;
  }

  @Override
  public TypeSerializer<E> createSerializer() {
    return new EnumSerializer<>(enumClass);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumTypeInfo<?> e && e.enumClass == enumClass;
  }

  @Override
  public int hashCode() {
    return enumClass.hashCode();
  }

  @Override
  public String toString() {
    return "Enum<" + enumClass.getName() + ">";
  }

  static final class EnumSerializer<E extends Enum<E>> implements TypeSerializer<E> {
    private final Class<E> enumClass;
    private transient E[] constants;

    EnumSerializer(Class<E> enumClass) {
      this.enumClass = Objects.requireNonNull(enumClass);
    }

    @Override
    public void serialize(E value, DataOutput out) throws IOException {
      SerializationUtil.writeVarInt(value.ordinal(), out);
    }

    @Override
    public E deserialize(DataInput in) throws IOException {
      E[] c = constants;
      if (c == null) {
        c = constants = enumClass.getEnumConstants();
      }
      int ordinal = SerializationUtil.readVarInt(in);
      if (ordinal >= c.length) {
        throw new IOException("enum " + enumClass.getName() + " has no constant with ordinal " + ordinal);
      }
      return c[ordinal];
    }

    @Override
    public E copy(E value) {
      return value;
    }

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EnumSerializer<?> e && e.enumClass == enumClass;
    }

    @Override
    public int hashCode() {
      return enumClass.hashCode();
    }
  }
}
