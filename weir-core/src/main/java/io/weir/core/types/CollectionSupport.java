package io.weir.core.types;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Instantiation of collection classes and the byte ordering that makes hash collections deterministic. */
final class CollectionSupport {
  private CollectionSupport() {}

  /**
   * The class to instantiate when reading a declared collection type: the class itself if it is
   * concrete with an accessible no-arg constructor, else the default (ArrayList/HashSet/HashMap),
   * or null if the default does not fit the declared class.
   */
  static Class<?> implementationFor(Class<?> declared, Class<?> defaultImpl) {
    if (!declared.isInterface() && !Modifier.isAbstract(declared.getModifiers()) && Modifier.isPublic(declared.getModifiers())) {
      try {
        Constructor<?> c = declared.getConstructor();
        if (Modifier.isPublic(c.getModifiers())) {
          return declared;
        }
      } catch (NoSuchMethodException e) {
        // fall through to the default
      }
    }
    return declared.isAssignableFrom(defaultImpl) ? defaultImpl : null;
  }

  @SuppressWarnings("unchecked")
  static <C> C instantiate(Class<?> impl, int size) {
    if (impl == ArrayList.class) {
      return (C) new ArrayList<>(size);
    }
    if (impl == HashMap.class) {
      return (C) new HashMap<>(Math.max(4, (int) (size / 0.75f) + 1));
    }
    if (impl == HashSet.class) {
      return (C) new HashSet<>(Math.max(4, (int) (size / 0.75f) + 1));
    }
    try {
      return (C) impl.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + impl.getName() + ": " + e, e);
    }
  }

  static boolean isCollectionFamily(Class<?> c) {
    return List.class.isAssignableFrom(c) || Set.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
        || Collection.class == c;
  }

  /** Sorts {@code n} byte slices ({@code offsets[i]..offsets[i+1]} of {@code buf}); returns the order. */
  static Integer[] sortedOrder(byte[] buf, int[] offsets, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(buf, offsets[a], offsets[a + 1], buf, offsets[b], offsets[b + 1]));
    return order;
  }
}
