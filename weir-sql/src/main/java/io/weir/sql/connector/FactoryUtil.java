package io.weir.sql.connector;

import io.weir.core.config.ConfigOption;
import io.weir.sql.catalog.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds {@link DynamicTableFactory}s and validates table options. */
public final class FactoryUtil {
  public static final String CONNECTOR = "connector";

  private FactoryUtil() {}

  /** All factories visible from the class loader, by identifier. */
  public static Map<String, DynamicTableFactory> discover(ClassLoader classLoader) {
    Map<String, DynamicTableFactory> out = new TreeMap<>();
    for (DynamicTableFactory f : ServiceLoader.load(DynamicTableFactory.class, classLoader)) {
      out.putIfAbsent(f.identifier(), f);
    }
    return out;
  }

  /** The factory for a table's 'connector' option; errors name the table and list the known connectors. */
  public static DynamicTableFactory find(String tableName, Map<String, String> options, ClassLoader classLoader) {
    String id = options.get(CONNECTOR);
    if (id == null) {
      throw new TableOptionException("table " + tableName + ": missing required option 'connector'");
    }
    Map<String, DynamicTableFactory> all = discover(classLoader);
    DynamicTableFactory f = all.get(id);
    if (f == null) {
      String near = Names.nearest(id, all.keySet());
      throw new TableOptionException("table " + tableName + ": unknown connector '" + id + "'"
          + (near != null ? " (did you mean '" + near + "'?)" : "") + "; available: " + String.join(", ", all.keySet()));
    }
    return f;
  }

  /** Checks unknown, missing and ill-typed options. */
  public static void validate(String tableName, DynamicTableFactory factory, Map<String, String> options) {
    Set<String> known = new TreeSet<>();
    known.add(CONNECTOR);
    for (ConfigOption<?> o : factory.requiredOptions()) {
      known.add(o.key());
    }
    for (ConfigOption<?> o : factory.optionalOptions()) {
      known.add(o.key());
    }
    for (String key : options.keySet()) {
      if (known.contains(key) || factory.optionalPrefixes().stream().anyMatch(key::startsWith)) {
        continue;
      }
      String near = Names.nearest(key, known);
      throw new TableOptionException("table " + tableName + ": unknown option '" + key + "' for connector '"
          + factory.identifier() + "'" + (near != null ? " (did you mean '" + near + "'?)" : ""));
    }
    List<String> missing = new ArrayList<>();
    for (ConfigOption<?> o : factory.requiredOptions()) {
      if (!options.containsKey(o.key())) {
        missing.add("'" + o.key() + "'");
      }
    }
    if (!missing.isEmpty()) {
      throw new TableOptionException("table " + tableName + ": missing required option" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " for connector '" + factory.identifier() + "'");
    }
    for (ConfigOption<?> o : factory.requiredOptions()) {
      optionValue(tableName, o, options);
    }
    for (ConfigOption<?> o : factory.optionalOptions()) {
      optionValue(tableName, o, options);
    }
  }

  /** Parses an option's value as its type; a value that does not parse names the option. */
  @SuppressWarnings("unchecked")
  public static <T> T optionValue(String tableName, ConfigOption<T> option, Map<String, String> options) {
    String raw = options.get(option.key());
    if (raw == null) {
      return option.defaultValue();
    }
    Class<T> type = option.type();
    try {
      Object v;
      if (type == String.class) {
        v = raw;
      } else if (type == Integer.class) {
        v = Integer.valueOf(raw.trim());
      } else if (type == Long.class) {
        v = Long.valueOf(raw.trim());
      } else if (type == Double.class) {
        v = Double.valueOf(raw.trim());
      } else if (type == Boolean.class) {
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
          throw new IllegalArgumentException();
        }
        v = Boolean.valueOf(t);
      } else if (type == Duration.class) {
        v = ConfigOption.parseDuration(raw.trim());
      } else if (type.isEnum()) {
        v = Enum.valueOf((Class) type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } else {
        throw new IllegalStateException("option type " + type + " is not supported");
      }
      return (T) v;
    } catch (IllegalArgumentException e) {
      throw new TableOptionException("table " + tableName + ": option '" + option.key() + "' expects "
          + typeName(type) + " but was '" + raw + "'");
    }
  }

  private static String typeName(Class<?> type) {
    if (type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == Double.class) {
      return "a number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as '10 s'";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
      }
      return "one of " + String.join(", ", names);
    }
    return type.getSimpleName();
  }
}
