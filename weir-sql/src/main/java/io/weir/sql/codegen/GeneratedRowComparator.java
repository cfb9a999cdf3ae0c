package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowComparator;

/** A generated {@link RowComparator} for an ORDER BY specification. */
public final class GeneratedRowComparator extends GeneratedClass<RowComparator> implements RowComparator {
  GeneratedRowComparator(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public int compare(Row a, Row b) {
    return instance().compare(a, b);
  }
}
