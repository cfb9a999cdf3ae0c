package io.weir.core.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** A typed configuration key with a default value and a parser for its string form. */
public final class ConfigOption<T> implements Serializable {
  private final String key;
  private final T defaultValue;
  private final Class<T> type;
  private final String description;

  private ConfigOption(String key, Class<T> type, T defaultValue, String description) {
    this.key = Objects.requireNonNull(key);
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public static <T> ConfigOption<T> of(String key, Class<T> type, T defaultValue, String description) {
    return new ConfigOption<>(key, type, defaultValue, description);
  }

  public String key() {
    return key;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public Class<T> type() {
    return type;
  }

  public String description() {
    return description;
  }

  @SuppressWarnings("unchecked")
  T parse(String raw) {
    String s = raw.trim();
    try {
      Function<String, ?> parser;
      if (type == String.class) {
        return (T) raw;
      } else if (type == Integer.class) {
        parser = Integer::parseInt;
      } else if (type == Long.class) {
        parser = Long::parseLong;
      } else if (type == Double.class) {
        parser = Double::parseDouble;
      } else if (type == Boolean.class) {
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("not a boolean");
        }
        parser = Boolean::parseBoolean;
      } else if (type == Duration.class) {
        parser = ConfigOption::parseDuration;
      } else if (type == MemorySize.class) {
        parser = MemorySize::parse;
      } else if (type.isEnum()) {
        parser = v -> parseEnum(v);
      } else {
        throw new IllegalStateException("unsupported option type " + type);
      }
      return (T) parser.apply(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "option '" + key + "': cannot parse '" + raw + "' as " + type.getSimpleName(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object parseEnum(String v) {
    for (Object c : type.getEnumConstants()) {
      if (((Enum) c).name().equalsIgnoreCase(v.replace('-', '_'))) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown value");
  }

  /** Parses "500 ms", "10s", "2 min", "1h", or a bare number of milliseconds. */
  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("duration must start with a number: " + s);
    }
    long n = Long.parseLong(t.substring(0, i));
    String unit = t.substring(i).trim();
    switch (unit) {
      case "": case "ms": case "milli": case "millis": case "milliseconds": return Duration.ofMillis(n);
      case "s": case "sec": case "secs": case "second": case "seconds": return Duration.ofSeconds(n);
      case "min": case "mins": case "minute": case "minutes": case "m": return Duration.ofMinutes(n);
      case "h": case "hour": case "hours": return Duration.ofHours(n);
      case "d": case "day": case "days": return Duration.ofDays(n);
      default: throw new IllegalArgumentException("unknown time unit '" + unit + "' in " + s);
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
