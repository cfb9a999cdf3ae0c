package io.weir.sql.runtime.functions;

import io.weir.core.types.Row;
import java.io.Serializable;
import java.util.Comparator;

/** Orders rows by a SQL ORDER BY specification (directions and NULLS FIRST/LAST included). */
public interface RowComparator extends Comparator<Row>, Serializable {}
