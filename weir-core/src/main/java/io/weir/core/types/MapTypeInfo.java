package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Type of a {@link Map}; read back as a {@link HashMap} unless a concrete map class was declared.
 * Entries are written in the order of their serialized key bytes, so equal maps give equal bytes
 * whatever their iteration order. Null keys and values are allowed.
 */
public final class MapTypeInfo<K, V> extends TypeInfo<Map<K, V>> {
  private final TypeInfo<K> keyType;
  private final TypeInfo<V> valueType;
  private final Class<?> implClass;

  public MapTypeInfo(TypeInfo<K> keyType, TypeInfo<V> valueType) {
    this(keyType, valueType, HashMap.class);
  }

  MapTypeInfo(TypeInfo<K> keyType, TypeInfo<V> valueType, Class<?> implClass) {
    this.keyType = Objects.requireNonNull(keyType);
    this.valueType = Objects.requireNonNull(valueType);
    this.implClass = implClass;
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  public TypeInfo<V> getValueType() {
    return valueType;
  }

  /** The class values are read back as. */
  Class<?> implClass() {
    return implClass;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Map<K, V>> getTypeClass() {
    return (Class) (implClass == HashMap.class ? Map.class : implClass);
  }

  @Override
  public TypeSerializer<Map<K, V>> createSerializer() {
    return new MapSerializer<>(keyType.createSerializer(), valueType.createSerializer(), implClass);
  }

  @Override
  public boolean isPrecise() {
    return keyType.isPrecise() && valueType.isPrecise();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapTypeInfo<?, ?> m && m.keyType.equals(keyType) && m.valueType.equals(valueType)
        && m.implClass == implClass;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, implClass);
  }

  @Override
  public String toString() {
    return "Map<" + keyType + ", " + valueType + ">";
  }

  /** Size, then key (with null flag) and value (with null flag) per entry, sorted by key bytes. */
  public static final class MapSerializer<K, V> implements TypeSerializer<Map<K, V>> {
    private final TypeSerializer<K> keySerializer;
    private final TypeSerializer<V> valueSerializer;
    private final Class<?> implClass;

    public MapSerializer(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
      this(keySerializer, valueSerializer, HashMap.class);
    }

    MapSerializer(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer, Class<?> implClass) {
      this.keySerializer = NullableSerializer.wrap(keySerializer);
      this.valueSerializer = NullableSerializer.wrap(valueSerializer);
      this.implClass = implClass;
    }

    @Override
    public void serialize(Map<K, V> value, DataOutput out) throws IOException {
      int n = value.size();
      SerializationUtil.writeVarInt(n, out);
      if (n == 0) {
        return;
      }
      if (n == 1) {
        Map.Entry<K, V> e = value.entrySet().iterator().next();
        keySerializer.serialize(e.getKey(), out);
        valueSerializer.serialize(e.getValue(), out);
        return;
      }
      ByteArrayDataOutput tmp = new ByteArrayDataOutput(16 * n);
      int[] offsets = new int[n + 1];
      @SuppressWarnings("unchecked")
      V[] values = (V[]) new Object[n];
      int i = 0;
      for (Map.Entry<K, V> e : value.entrySet()) {
        keySerializer.serialize(e.getKey(), tmp);
        values[i] = e.getValue();
        offsets[++i] = tmp.length();
      }
      if (i != n) {
        throw new IOException("map changed size while being serialized");
      }
      byte[] buf = tmp.getSharedBuffer();
      for (int idx : CollectionSupport.sortedOrder(buf, offsets, n)) {
        out.write(buf, offsets[idx], offsets[idx + 1] - offsets[idx]);
        valueSerializer.serialize(values[idx], out);
      }
    }

    @Override
    public Map<K, V> deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      Map<K, V> map = CollectionSupport.instantiate(implClass, n);
      for (int i = 0; i < n; i++) {
        K k = keySerializer.deserialize(in);
        map.put(k, valueSerializer.deserialize(in));
      }
      return map;
    }

    @Override
    public Map<K, V> copy(Map<K, V> value) {
      if (value == null) {
        return null;
      }
      Map<K, V> map = CollectionSupport.instantiate(implClass, value.size());
      for (Map.Entry<K, V> e : value.entrySet()) {
        map.put(keySerializer.copy(e.getKey()), valueSerializer.copy(e.getValue()));
      }
      return map;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MapSerializer<?, ?> m && m.keySerializer.equals(keySerializer)
          && m.valueSerializer.equals(valueSerializer) && m.implClass == implClass;
    }

    @Override
    public int hashCode() {
      return Objects.hash(keySerializer, valueSerializer);
    }
  }
}
