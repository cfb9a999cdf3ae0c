package io.weir.core.source;

public enum Boundedness {
  BOUNDED,
  CONTINUOUS_UNBOUNDED
}
