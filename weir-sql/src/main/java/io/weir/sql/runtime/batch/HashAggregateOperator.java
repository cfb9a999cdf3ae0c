package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.sort.SortedRecord;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BATCH GROUP BY by hashing (one-input, unkeyed; the planner hash-partitions the input by the
 * grouping fields): a hash map of group key -> accumulators under the memory budget. When the budget
 * is exhausted, all groups are written as partial accumulators into an {@link ExternalSorter} by
 * key bytes and the map starts empty again; at end of input the sorted partials are merged per key
 * (a sort aggregation over the spilled data). Output rows: {@code grouping fields ++ aggregate
 * values}, insert-only. With no grouping fields (a global aggregate) subtask 0 emits one row even
 * for empty input ({@code COUNT(*) = 0}, {@code SUM = NULL}), as SQL requires.
 */
public final class HashAggregateOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  /**
   * COMPLETE: raw rows in, final rows out. LOCAL (before the shuffle): raw rows in, partial rows
   * {@code key fields ++ BYTES accumulators} out ({@link #partialType}); when the budget is
   * exhausted it emits its partials and starts over instead of spilling. GLOBAL (after the
   * shuffle): partial rows in (keys first), merged final rows out.
   */
  public enum Phase { COMPLETE, LOCAL, GLOBAL }

  private final Phase phase;
  private final int[] groupFields;
  private final RowTypeInfo keyType;
  private final RowAggregator aggregator;
  private final boolean collectionAccumulators;

  private transient Map<Row, Object[]> groups;
  private transient long reserved;
  private transient ExternalSorter<Row> sorter;
  private transient TypeSerializer<Row> keySerializer;
  private transient TypeSerializer<Object[]> accSerializer;
  private transient boolean sawInput;
  private transient boolean spilled;

  /**
   * @param groupFields input field indices of the GROUP BY keys
   * @param aggregates aggregate calls
   * @param inputType type of the input rows
   * @param memoryBytes hash table budget; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public HashAggregateOperator(int[] groupFields, List<AggregateSpec> aggregates, RowTypeInfo inputType, long memoryBytes) {
    this(groupFields, aggregates, inputType, memoryBytes, Phase.COMPLETE);
  }

  /**
   * Two-phase aggregation: the LOCAL and the GLOBAL operator get the same arguments (grouping
   * fields and types of the raw input); the GLOBAL one reads the LOCAL one's partial rows.
   *
   * @param phase COMPLETE, LOCAL or GLOBAL
   */
  public HashAggregateOperator(int[] groupFields, List<AggregateSpec> aggregates, RowTypeInfo inputType, long memoryBytes,
      Phase phase) {
    super(memoryBytes);
    this.phase = phase;
    TypeInfo<?>[] types = new TypeInfo<?>[groupFields.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = inputType.getFieldType(groupFields[i]);
    }
    if (phase == Phase.GLOBAL) {
      int[] leading = new int[groupFields.length];
      for (int i = 0; i < leading.length; i++) {
        leading[i] = i;
      }
      this.groupFields = leading;
    } else {
      this.groupFields = groupFields.clone();
    }
    this.keyType = new RowTypeInfo(types);
    this.aggregator = new RowAggregator(aggregates, inputType, false);
    this.collectionAccumulators = aggregates.stream().anyMatch(a -> a.distinct()
        || a.kind() == AggregateSpec.Kind.MIN || a.kind() == AggregateSpec.Kind.MAX
        || a.kind() == AggregateSpec.Kind.FIRST_VALUE || a.kind() == AggregateSpec.Kind.LAST_VALUE);
  }

  /** Type of the partial rows between a LOCAL and a GLOBAL phase: key fields, then the accumulators. */
  public static RowTypeInfo partialType(int[] groupFields, RowTypeInfo inputType) {
    TypeInfo<?>[] types = new TypeInfo<?>[groupFields.length + 1];
    for (int i = 0; i < groupFields.length; i++) {
      types[i] = inputType.getFieldType(groupFields[i]);
    }
    types[groupFields.length] = Types.BYTE_ARRAY;
    return new RowTypeInfo(types);
  }

  @Override
  public void open() throws Exception {
    super.open();
    groups = new HashMap<>();
    keySerializer = keyType.createSerializer();
    accSerializer = aggregator.serializer();
  }

  private Row key(Row row) {
    Row key = new Row(groupFields.length);
    for (int i = 0; i < groupFields.length; i++) {
      key.setField(i, row.getField(groupFields[i]));
    }
    return key;
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row row = record.getValue();
    sawInput = true;
    Row key = key(row);
    Object[] accs = groups.get(key);
    long need = collectionAccumulators ? 48 : 0;
    if (accs == null) {
      need += RowSizeEstimator.estimate(key) + 64 + 48L * aggregator.size();
    }
    if (need > 0) {
      if (spill.memory().tryReserve(need)) {
        reserved += need;
      } else {
        if (phase == Phase.LOCAL) {
          emitPartials(); // a local pre-aggregation just forwards what it has
        } else {
          spillGroups();
        }
        accs = null;
        // under a tiny budget this may fail again: the map then holds a group without a reservation
        if (spill.memory().tryReserve(need)) {
          reserved += need;
        }
      }
    }
    if (accs == null) {
      accs = aggregator.createAccumulators();
      groups.put(key, accs);
    }
    if (phase == Phase.GLOBAL) {
      aggregator.merge(accs, accSerializer.deserializeFromBytes((byte[]) row.getField(groupFields.length)));
    } else {
      aggregator.accumulate(accs, row);
    }
  }

  private void emitPartials() {
    for (Map.Entry<Row, Object[]> e : groups.entrySet()) {
      Row out = new Row(groupFields.length + 1);
      for (int i = 0; i < groupFields.length; i++) {
        out.setField(i, e.getKey().getField(i));
      }
      out.setField(groupFields.length, accSerializer.serializeToBytes(e.getValue()));
      emit(out);
    }
    groups.clear();
    if (reserved > 0) {
      spill.memory().release(reserved);
      reserved = 0;
    }
  }

  /** Moves every group into the sorter as (key ++ serialized accumulators). */
  private void spillGroups() {
    if (sorter == null) {
      sorter = new ExternalSorter<>(new RowTypeInfo(Types.ROW(keyType.getFieldTypes()), Types.BYTE_ARRAY).createSerializer(),
          spill.memory(), spill.spillDir());
    }
    spilled = true;
    if (reserved > 0) {
      spill.memory().release(reserved);
      reserved = 0;
    }
    for (Map.Entry<Row, Object[]> e : groups.entrySet()) {
      sorter.add(keySerializer.serializeToBytes(e.getKey()), Row.of(e.getKey(), accSerializer.serializeToBytes(e.getValue())), 0);
    }
    groups.clear();
  }

  private Row result(Row key, Object[] accs) {
    Row out = new Row(groupFields.length + aggregator.size());
    for (int i = 0; i < groupFields.length; i++) {
      out.setField(i, key.getField(i));
    }
    aggregator.getValues(accs, out, groupFields.length);
    return out;
  }

  @Override
  protected void produce() throws Exception {
    if (phase == Phase.LOCAL) {
      emitPartials();
      return;
    }
    if (sorter == null) {
      for (Map.Entry<Row, Object[]> e : groups.entrySet()) {
        emit(result(e.getKey(), e.getValue()));
      }
    } else {
      spillGroups();
      try (CloseableSortedIterator<Row> it = sorter.finish()) {
        byte[] currentKey = null;
        Row key = null;
        Object[] accs = null;
        while (it.hasNext()) {
          SortedRecord<Row> r = it.next();
          Object[] partial = accSerializer.deserializeFromBytes((byte[]) r.record().getField(1));
          if (currentKey != null && Arrays.equals(currentKey, r.sortKey())) {
            aggregator.merge(accs, partial);
          } else {
            if (currentKey != null) {
              emit(result(key, accs));
            }
            currentKey = r.sortKey();
            key = (Row) r.record().getField(0);
            accs = partial;
          }
        }
        if (currentKey != null) {
          emit(result(key, accs));
        }
      }
      sorter.close();
      sorter = null;
    }
    if (!sawInput && groupFields.length == 0 && getOperatorContext().getSubtaskIndex() == 0) {
      emit(result(new Row(0), aggregator.createAccumulators()));
    }
    groups.clear();
    if (reserved > 0) {
      spill.memory().release(reserved);
      reserved = 0;
    }
  }

  /** The aggregate calls as the operator runs them (a generated handle). */
  public io.weir.sql.runtime.aggregate.RowAggregator aggregator() {
    return aggregator;
  }

  /** For tests: whether the hash table overflowed to disk. */
  public boolean hasSpilled() {
    return spilled;
  }

  @Override
  public void close() throws Exception {
    if (sorter != null) {
      sorter.close();
    }
    super.close();
  }
}
