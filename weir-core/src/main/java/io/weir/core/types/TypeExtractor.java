package io.weir.core.types;

import java.lang.reflect.Type;

/**
 * Derives {@link TypeInfo} from classes and generic types. PLACEHOLDER: to be replaced by the
 * real extractor (records, POJOs, tuples, Row, primitives, collections).
 */
public final class TypeExtractor {
  private TypeExtractor() {}

  public static <T> TypeInfo<T> forClass(Class<T> type) {
    throw new UnsupportedOperationException("TypeExtractor not implemented yet");
  }

  public static TypeInfo<?> forType(Type type) {
    throw new UnsupportedOperationException("TypeExtractor not implemented yet");
  }
}
