package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.Transformation;

/** PLACEHOLDER (minimal): the DataStream work fills this in. */
public class KeyedStream<T, K> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;
  private final TypeInfo<K> keyType;

  public KeyedStream(StreamExecutionEnvironment env, Transformation<T> partitioned, KeySelector<T, K> keySelector, TypeInfo<K> keyType) {
    super(env, partitioned);
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }
}
