package io.weir.datastream;

import io.weir.core.functions.Function;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;

/**
 * Output types of user functions, through the type extractor (imprecise, never failing, for erased
 * lambdas). The extractor binds a generic function's first type argument to {@code inputType}, so
 * callers pass null where the first type argument is not the input (keyed functions: the key).
 */
final class OutputTypes {
  private OutputTypes() {}

  @SuppressWarnings("unchecked")
  static <R> TypeInfo<R> of(Function function, Class<?> functionClass, int typeArgIndex, TypeInfo<?> inputType) {
    java.util.Objects.requireNonNull(function, "function");
    return (TypeInfo<R>) TypeExtractor.getOutputType(function, functionClass, typeArgIndex, inputType);
  }
}
