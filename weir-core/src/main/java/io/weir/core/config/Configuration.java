package io.weir.core.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** String key/value settings read through typed {@link ConfigOption}s. */
public final class Configuration implements Serializable {
  private final Map<String, String> values = new LinkedHashMap<>();

  public Configuration() {}

  public Configuration(Configuration other) {
    values.putAll(other.values);
  }

  public <T> T get(ConfigOption<T> option) {
    String raw = values.get(option.key());
    return raw == null ? option.defaultValue() : option.parse(raw);
  }

  public <T> Configuration set(ConfigOption<T> option, T value) {
    if (value == null) {
      values.remove(option.key());
    } else {
      values.put(option.key(), value instanceof java.time.Duration d ? d.toMillis() + "ms" : value.toString());
    }
    return this;
  }

  public Configuration setString(String key, String value) {
    values.put(key, value);
    return this;
  }

  public String getString(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public boolean contains(ConfigOption<?> option) {
    return values.containsKey(option.key());
  }

  public Map<String, String> toMap() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
