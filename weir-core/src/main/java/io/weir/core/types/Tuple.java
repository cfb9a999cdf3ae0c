package io.weir.core.types;

/** Common view of Tuple2..Tuple5. */
public interface Tuple {
  int getArity();

  <X> X getField(int pos);

  void setField(int pos, Object value);
}
