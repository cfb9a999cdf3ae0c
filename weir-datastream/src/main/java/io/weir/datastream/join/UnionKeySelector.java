package io.weir.datastream.join;

import io.weir.core.functions.KeySelector;

/** Applies the key selector of the element's side. */
public final class UnionKeySelector<T1, T2, K> implements KeySelector<TaggedUnion<T1, T2>, K> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<T1, K> key1;
  private final KeySelector<T2, K> key2;

  public UnionKeySelector(KeySelector<T1, K> key1, KeySelector<T2, K> key2) {
    this.key1 = key1;
    this.key2 = key2;
  }

  @Override
  public K getKey(TaggedUnion<T1, T2> value) throws Exception {
    return value.isOne() ? key1.getKey(value.getOne()) : key2.getKey(value.getTwo());
  }
}
