package io.weir.datastream;

import io.weir.core.types.TypeInfo;
import java.lang.reflect.Method;
import java.util.Objects;

/** Rules for keys and stream type compatibility. */
final class KeyTypes {
  private KeyTypes() {}

  /**
   * Keys are spread over key groups by hashCode(), which must be equal for equal keys, also in
   * another JVM (state is restored from checkpoints by key group): arrays, enums and classes
   * without their own hashCode() do not qualify.
   */
  static void validate(TypeInfo<?> keyType, String operation) {
    Objects.requireNonNull(keyType, operation + ": key type");
    Class<?> c = keyType.getTypeClass();
    if (c != null && c.isArray()) {
      throw new IllegalArgumentException(operation + ": key type " + keyType + " is an array, which cannot be a key "
          + "(arrays hash by identity); use a List, a String or a tuple");
    }
    if (c == null || c == Object.class || c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
      return;
    }
    if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
      throw new IllegalArgumentException(operation + ": enum type " + c.getName() + " cannot be a key (its hashCode "
          + "differs between JVMs, so restored state would be lost); key by name() or ordinal()");
    }
    if (!c.isPrimitive() && !overridesHashCode(c)) {
      throw new IllegalArgumentException(operation + ": key type " + c.getName() + " does not override hashCode() "
          + "and equals(), so equal keys would not meet; implement them or key by a field");
    }
  }

  private static boolean overridesHashCode(Class<?> c) {
    try {
      Method m = c.getMethod("hashCode");
      return m.getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  /** Equal types, or, when one is imprecise, related classes. */
  static boolean sameType(TypeInfo<?> a, TypeInfo<?> b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.equals(b)) {
      return true;
    }
    if (!a.isPrecise() || !b.isPrecise()) {
      // An erased lambda result is only known as some superclass (often Object) of the real type.
      Class<?> x = a.getTypeClass();
      Class<?> y = b.getTypeClass();
      return x == null || y == null || x.isAssignableFrom(y) || y.isAssignableFrom(x);
    }
    return false;
  }

  /** The better of two key types that passed {@link #sameType}: the precise one. */
  static TypeInfo<?> preferPrecise(TypeInfo<?> a, TypeInfo<?> b) {
    return a.isPrecise() || !b.isPrecise() ? a : b;
  }
}
