package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.LookupFunction;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.util.RowUtil;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Processing-time lookup join: each input row looks up its partners in a dimension table through a
 * {@link LookupFunction} at the time it is processed (later changes of the dimension table do not
 * update earlier results). INNER or LEFT; output {@code input ++ dimension row} with the input's
 * RowKind (changelogs pass through); residual predicate on the joined row. NULL keys match nothing.
 * An optional LRU cache holds up to {@code cacheSize} keys for {@code cacheTtlMs} of processing time.
 * Unkeyed; same behavior in both modes.
 */
public final class LookupJoinOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final JoinType type;
  private final int[] keyFields;
  private final LookupFunction lookup;
  private final int inputArity;
  private final int dimArity;
  private final RowPredicate residual;
  private final int cacheSize;
  private final long cacheTtlMs;

  private transient Map<Row, Cached> cache;

  private record Cached(List<Row> rows, long loadedAt) {}

  /**
   * @param type INNER or LEFT
   * @param keyFields input fields compared with the dimension table's lookup key, in key order
   * @param lookup the dimension table's lookup function
   * @param inputArity number of input fields
   * @param dimArity number of dimension table fields
   * @param residual other conditions on {@code input ++ dim}, or null
   * @param cacheSize max cached keys, 0 = no cache
   * @param cacheTtlMs how long a cached key stays valid (processing time), ignored without cache
   */
  public LookupJoinOperator(JoinType type, int[] keyFields, LookupFunction lookup, int inputArity, int dimArity,
      RowPredicate residual, int cacheSize, long cacheTtlMs) {
    if (type != JoinType.INNER && type != JoinType.LEFT) {
      throw new IllegalArgumentException("lookup joins support INNER and LEFT, not " + type);
    }
    this.type = type;
    this.keyFields = keyFields.clone();
    this.lookup = lookup;
    this.inputArity = inputArity;
    this.dimArity = dimArity;
    this.residual = residual;
    this.cacheSize = cacheSize;
    this.cacheTtlMs = cacheTtlMs;
  }

  @Override
  public void open() throws Exception {
    lookup.open();
    if (cacheSize > 0) {
      cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Row, Cached> eldest) {
          return size() > cacheSize;
        }
      };
    }
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    Row key = io.weir.sql.runtime.batch.JoinSupport.key(in, keyFields);
    boolean matched = false;
    if (key != null) {
      for (Row dim : rows(key)) {
        Row joined = RowUtil.join(in.getKind(), in, inputArity, dim, dimArity);
        if (residual == null || residual.test(joined)) {
          matched = true;
          output.collect(record.copy(joined));
        }
      }
    }
    if (!matched && type == JoinType.LEFT) {
      output.collect(record.copy(RowUtil.join(in.getKind(), in, inputArity, null, dimArity)));
    }
  }

  private List<Row> rows(Row key) throws Exception {
    if (cache == null) {
      return lookup.lookup(key);
    }
    long now = getOperatorContext().getProcessingTimeService().getCurrentProcessingTime();
    Cached c = cache.get(key);
    if (c == null || now - c.loadedAt >= cacheTtlMs) {
      c = new Cached(lookup.lookup(key), now);
      cache.put(key, c);
    }
    return c.rows;
  }

  @Override
  public void close() throws Exception {
    lookup.close();
    super.close();
  }

}
