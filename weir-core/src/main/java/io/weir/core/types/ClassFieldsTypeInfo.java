package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The common part of {@link PojoTypeInfo} and {@link RecordTypeInfo}: a class with named, typed
 * fields, and the field layout both serializers write (a null mask, then the non-null fields).
 */
abstract class ClassFieldsTypeInfo<T> extends CompositeTypeInfo<T> {
  final Class<T> typeClass;
  final String[] fieldNames;
  final TypeInfo<?>[] fieldTypes;

  ClassFieldsTypeInfo(Class<T> typeClass, String[] fieldNames, TypeInfo<?>[] fieldTypes) {
    this.typeClass = typeClass;
    this.fieldNames = fieldNames;
    this.fieldTypes = fieldTypes;
  }

  @Override
  public Class<T> getTypeClass() {
    return typeClass;
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

  TypeSerializer<?>[] fieldSerializers() {
    TypeSerializer<?>[] sers = new TypeSerializer<?>[fieldTypes.length];
    for (int i = 0; i < sers.length; i++) {
      sers[i] = fieldTypes[i].createSerializer();
    }
    return sers;
  }

  /** Null mask, then the non-null fields. */
  static void writeFields(Object[] fields, TypeSerializer<Object>[] serializers, DataOutput out) throws IOException {
    int arity = serializers.length;
    SerializationUtil.writeNullMask(fields, arity, out);
    for (int i = 0; i < arity; i++) {
      if (fields[i] != null) {
        serializers[i].serialize(fields[i], out);
      }
    }
  }

  /** The fields {@link #writeFields} wrote, NULLs included. */
  static Object[] readFields(TypeSerializer<Object>[] serializers, DataInput in) throws IOException {
    int arity = serializers.length;
    boolean[] nulls = SerializationUtil.readNullMask(arity, in);
    Object[] fields = new Object[arity];
    for (int i = 0; i < arity; i++) {
      if (!nulls[i]) {
        fields[i] = serializers[i].deserialize(in);
      }
    }
    return fields;
  }
}
