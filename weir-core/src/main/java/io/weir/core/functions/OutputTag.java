package io.weir.core.functions;

import io.weir.core.types.TypeInfo;
import java.io.Serializable;
import java.util.Objects;

/** Names a side output. Two tags are equal when their ids are equal. */
public final class OutputTag<T> implements Serializable {
  private final String id;
  private final TypeInfo<T> type;

  public OutputTag(String id, TypeInfo<T> type) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("OutputTag id must not be empty");
    }
    this.id = id;
    this.type = Objects.requireNonNull(type, "type");
  }

  public OutputTag(String id, Class<T> type) {
    this(id, TypeInfo.of(type));
  }

  public String getId() {
    return id;
  }

  public TypeInfo<T> getType() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ")";
  }
}
