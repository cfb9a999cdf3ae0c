package io.weir.datastream.join;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Type of {@link TaggedUnion}: a tag byte, then the value with its side's serializer. */
public final class UnionTypeInfo<T1, T2> extends TypeInfo<TaggedUnion<T1, T2>> {
  private static final long serialVersionUID = 1L;

  private final TypeInfo<T1> oneType;
  private final TypeInfo<T2> twoType;

  public UnionTypeInfo(TypeInfo<T1> oneType, TypeInfo<T2> twoType) {
    this.oneType = oneType;
    this.twoType = twoType;
  }

  public TypeInfo<T1> getOneType() {
    return oneType;
  }

  public TypeInfo<T2> getTwoType() {
    return twoType;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<TaggedUnion<T1, T2>> getTypeClass() {
    return (Class) TaggedUnion.class;
  }

  @Override
  public TypeSerializer<TaggedUnion<T1, T2>> createSerializer() {
    return new UnionSerializer<>(oneType.createSerializer(), twoType.createSerializer());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnionTypeInfo<?, ?> u && u.oneType.equals(oneType) && u.twoType.equals(twoType);
  }

  @Override
  public int hashCode() {
    return 31 * oneType.hashCode() + twoType.hashCode();
  }

  @Override
  public String toString() {
    return "TaggedUnion<" + oneType + ", " + twoType + ">";
  }

  static final class UnionSerializer<T1, T2> implements TypeSerializer<TaggedUnion<T1, T2>> {
    private static final long serialVersionUID = 1L;
    private final TypeSerializer<T1> one;
    private final TypeSerializer<T2> two;

    UnionSerializer(TypeSerializer<T1> one, TypeSerializer<T2> two) {
      this.one = one;
      this.two = two;
    }

    @Override
    public void serialize(TaggedUnion<T1, T2> value, DataOutput out) throws IOException {
      if (value.isOne()) {
        out.writeByte(1);
        one.serialize(value.getOne(), out);
      } else {
        out.writeByte(2);
        two.serialize(value.getTwo(), out);
      }
    }

    @Override
    public TaggedUnion<T1, T2> deserialize(DataInput in) throws IOException {
      byte tag = in.readByte();
      return tag == 1 ? TaggedUnion.one(one.deserialize(in)) : TaggedUnion.two(two.deserialize(in));
    }

    @Override
    public TaggedUnion<T1, T2> copy(TaggedUnion<T1, T2> value) {
      return value.isOne() ? TaggedUnion.one(one.copy(value.getOne())) : TaggedUnion.two(two.copy(value.getTwo()));
    }
  }
}
