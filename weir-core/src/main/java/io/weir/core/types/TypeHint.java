package io.weir.core.types;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type that Java erasure would lose: {@code new TypeHint<Tuple2<String,
 * Long>>() {}}.
 */
public abstract class TypeHint<T> {
  private final TypeInfo<T> typeInfo;

  @SuppressWarnings("unchecked")
  protected TypeHint() {
    Type superType = getClass().getGenericSuperclass();
    if (!(superType instanceof ParameterizedType p)) {
      throw new IllegalArgumentException("TypeHint must be created as an anonymous subclass with a type argument");
    }
    this.typeInfo = (TypeInfo<T>) TypeExtractor.forType(p.getActualTypeArguments()[0]);
  }

  public TypeInfo<T> getTypeInfo() {
    return typeInfo;
  }
}
