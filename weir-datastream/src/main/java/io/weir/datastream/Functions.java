package io.weir.datastream;

import io.weir.core.util.InstantiationUtil;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.Objects;

/** Build-time checks of user functions, so mistakes surface where the job is written. */
final class Functions {
  private Functions() {}

  /**
   * Functions are copied to every parallel instance by Java serialization; one that cannot be
   * serialized (e.g. a lambda capturing a non-serializable object) fails here with the culprit.
   */
  static <F> F checkSerializable(F function, String operation) {
    Objects.requireNonNull(function, operation + ": the function must not be null");
    try {
      InstantiationUtil.serialize(function);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(operation + ": the function " + describe(function)
          + " is not serializable: it holds a " + e.getMessage()
          + " (make that field transient or Serializable, or create it in open())", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(operation + ": the function " + describe(function)
          + " cannot be serialized: " + e, e);
    }
    return function;
  }

  private static String describe(Object function) {
    String n = function.getClass().getName();
    return n.contains("$$Lambda") ? "(a lambda in " + n.substring(0, n.indexOf("$$Lambda")) + ")" : n;
  }
}
