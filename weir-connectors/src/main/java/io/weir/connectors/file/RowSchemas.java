package io.weir.connectors.file;

import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Checks of Row field names/types shared by the row formats. */
final class RowSchemas {
  private RowSchemas() {}

  static void check(String who, String[] names, TypeInfo<?>[] types) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(types, "types");
    if (names.length != types.length) {
      throw new IllegalArgumentException(
          who + ": " + names.length + " field names but " + types.length + " types");
    }
    if (names.length == 0) {
      throw new IllegalArgumentException(who + ": a row needs at least one field");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null || names[i].isBlank()) {
        throw new IllegalArgumentException(who + ": field " + (i + 1) + " has no name");
      }
      if (types[i] == null) {
        throw new IllegalArgumentException(who + ": field '" + names[i] + "' has no type");
      }
      if (!seen.add(names[i].toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(who + ": field name '" + names[i] + "' appears twice");
      }
    }
  }

  static TypeInfo<Row> rowType(String[] names, TypeInfo<?>[] types) {
    return Types.ROW_NAMED(names, types);
  }
}
