package io.weir.core.state;

import io.weir.core.types.TypeInfo;
import java.util.Objects;

public class MapStateDescriptor<K, V> extends StateDescriptor<MapState<K, V>, V> {
  private final TypeInfo<K> keyType;

  public MapStateDescriptor(String name, TypeInfo<K> keyType, TypeInfo<V> valueType) {
    super(name, valueType);
    this.keyType = Objects.requireNonNull(keyType, "key type");
  }

  public MapStateDescriptor(String name, Class<K> keyType, Class<V> valueType) {
    this(name, TypeInfo.of(keyType), TypeInfo.of(valueType));
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  @Override
  public Kind getKind() {
    return Kind.MAP;
  }
}
