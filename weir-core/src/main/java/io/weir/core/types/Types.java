package io.weir.core.types;

/**
 * Factory of common {@link TypeInfo}s. PLACEHOLDER signatures; implementation pending.
 */
public final class Types {
  private Types() {}

  public static final TypeInfo<String> STRING = null;
  public static final TypeInfo<Long> LONG = null;
  public static final TypeInfo<Integer> INT = null;
  public static final TypeInfo<Double> DOUBLE = null;
  public static final TypeInfo<Boolean> BOOLEAN = null;
}
