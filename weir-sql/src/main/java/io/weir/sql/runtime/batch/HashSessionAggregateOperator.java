package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.sort.SortedRecord;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.batch.HashAggregateOperator.Phase;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.operators.WindowSpec;
import io.weir.sql.runtime.util.RowUtil;
import io.weir.sql.runtime.util.WindowRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BATCH SESSION window aggregation by hashing, in two phases, instead of sorting every row by key
 * and time for the window operator. A row at t makes the session [t, t + gap); sessions of a key
 * that overlap or touch merge (as in the STREAMING window operator), so the final sessions are the
 * connected pieces of the union of the rows' intervals, whatever order rows and partial sessions
 * arrive in, and merging their partial accumulators is exact for {@link HashAggregateOperator#mergeable}
 * aggregates.
 *
 * <p>LOCAL (chained to the producer, before the exchange by the keys): per key a few open sessions
 * with partial accumulators; when a key has more than {@value #MAX_LOCAL_SESSIONS}, the one that
 * ended first goes downstream (rows come roughly in time order, so it is most likely complete); when
 * the budget is exhausted, and at end of input, all of them. Partial rows:
 * {@code keys ++ [start, end, accumulators]} ({@link #partialType}).
 *
 * <p>GLOBAL (input partitioned by the keys): collects each key's partial sessions (merging one into
 * the key's latest when they overlap), spilling all of them into an {@link ExternalSorter} by
 * (key bytes, start) when the budget is exhausted; at the end sorts each key's sessions by start and
 * merges overlapping neighbours, and emits the window operator's layout
 * {@code keys ++ aggregates ++ [window_start, window_end, window_time]} with record timestamp
 * window_time = window_end - 1. Rows without a time belong to no session.
 */
public final class HashSessionAggregateOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  /** LOCAL: open sessions a key keeps before the oldest is forwarded; more only cost memory and list scans. */
  static final int MAX_LOCAL_SESSIONS = 4;

  private final Phase phase;
  /** Input fields of the keys: the GROUP BY fields in LOCAL, the partial row's leading fields in GLOBAL. */
  private final int[] keyFields;
  private final int timeField;
  private final long gap;
  private final Class<?> timeClass;
  private final RowTypeInfo keyType;
  private final RowAggregator aggregator;
  private transient WindowRows windowRows;
  private final boolean collectionAccumulators;
  private final long sessionBytes;

  private transient Map<Row, List<Session>> groups;
  private transient io.weir.sql.runtime.util.SpillSupport.Reservation memoryUse;
  private transient ExternalSorter<Row> sorter;
  private transient TypeSerializer<Row> keySerializer;
  private transient TypeSerializer<Object[]> accSerializer;
  private transient boolean spilled;

  /** One session of a key: [start, end) and its accumulators, with the bytes reserved for it. */
  private static final class Session {
    long start;
    long end;
    Object[] accs;
    long bytes;

    Session(long start, long end, Object[] accs, long bytes) {
      this.start = start;
      this.end = end;
      this.accs = accs;
      this.bytes = bytes;
    }

    /** Touching sessions merge, like the STREAMING operator's (Flink's TimeWindow.intersects). */
    boolean intersects(long otherStart, long otherEnd) {
      return start <= otherEnd && end >= otherStart;
    }
  }

  /**
   * Both phases get the same arguments; GLOBAL reads LOCAL's partial rows.
   *
   * @param groupFields input field indices of the GROUP BY keys besides the window
   * @param window a SESSION window
   * @param timeField input field index of the time attribute
   * @param aggregates aggregate calls, all {@link HashAggregateOperator#mergeable}
   * @param inputType type of the raw input rows
   * @param memoryBytes budget; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public HashSessionAggregateOperator(int[] groupFields, WindowSpec window, int timeField, List<AggregateSpec> aggregates,
      RowTypeInfo inputType, long memoryBytes, Phase phase) {
    super(memoryBytes);
    if (phase == Phase.COMPLETE || window.kind() != WindowSpec.Kind.SESSION || !HashAggregateOperator.mergeable(aggregates)) {
      throw new IllegalArgumentException("a hash session aggregation needs LOCAL/GLOBAL phases, a SESSION window and "
          + "mergeable aggregates, got " + phase + ", " + window + ", " + aggregates);
    }
    this.phase = phase;
    this.timeField = timeField;
    this.gap = window.size();
    this.timeClass = inputType.getFieldType(timeField).getTypeClass();
    this.keyType = RowUtil.projectType(inputType, groupFields);
    this.keyFields = phase == Phase.GLOBAL ? java.util.stream.IntStream.range(0, groupFields.length).toArray()
        : groupFields.clone();
    this.aggregator = new RowAggregator(aggregates, inputType, false);
    this.collectionAccumulators = HashAggregateOperator.collectionAccumulators(aggregates);
    this.sessionBytes = 80 + 48L * aggregator.size();
  }

  /** Type of the partial rows between the phases: key fields, session start and end (epoch millis), accumulators. */
  public static RowTypeInfo partialType(int[] groupFields, RowTypeInfo inputType) {
    return RowUtil.projectType(inputType, groupFields, Types.LONG, Types.LONG, Types.BYTE_ARRAY);
  }

  @Override
  public void open() throws Exception {
    super.open();
    groups = new HashMap<>();
    memoryUse = spill.reservation();
    keySerializer = keyType.createSerializer();
    accSerializer = aggregator.serializer();
    windowRows = new WindowRows(timeClass);
  }

  private Row key(Row row) {
    return RowUtil.project(row, keyFields);
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row row = record.getValue();
    if (phase == Phase.LOCAL) {
      Object time = row.getField(timeField);
      if (time != null) { // else no event time: belongs to no session
        long ts = RowUtil.toMillis(time);
        processRow(key(row), row, ts, ts + gap);
      }
    } else {
      int k = keyFields.length;
      processPartial(key(row), (Long) row.getField(k), (Long) row.getField(k + 1), (byte[]) row.getField(k + 2));
    }
  }

  /** LOCAL: the row joins (and may bridge) the key's sessions it touches, or opens a new one. */
  private void processRow(Row key, Row row, long start, long end) {
    List<Session> list = groups.get(key);
    Session hit = null;
    if (list != null) {
      for (int i = list.size() - 1; i >= 0; i--) {
        Session s = list.get(i);
        if (s.intersects(start, end)) {
          hit = s;
          break;
        }
      }
    }
    long need = (hit == null ? sessionBytes + (list == null ? RowSizeEstimator.estimate(key) + 64 : 0) : 0)
        + (collectionAccumulators ? 48 : 0);
    if (!reserve(need)) {
      emitPartials(); // a local pre-aggregation just forwards what it has
      list = null;
      hit = null;
      need = sessionBytes + RowSizeEstimator.estimate(key) + 64 + (collectionAccumulators ? 48 : 0);
      if (!reserve(need)) {
        need = 0; // under a tiny budget this may fail again: then the session lives unreserved
      }
    }
    if (list == null) {
      list = new ArrayList<>(2);
      groups.put(key, list);
    }
    if (hit == null) {
      hit = new Session(start, end, aggregator.createAccumulators(), need);
      list.add(hit);
    } else {
      hit.bytes += need;
      hit.start = Math.min(hit.start, start);
      hit.end = Math.max(hit.end, end);
      // the row may bridge the gap between its session and others of the key (sessions of a list never touch)
      for (int i = list.size() - 1; i >= 0; i--) {
        Session s = list.get(i);
        if (s != hit && s.intersects(start, end)) {
          hit.start = Math.min(hit.start, s.start);
          hit.end = Math.max(hit.end, s.end);
          hit.bytes += s.bytes;
          aggregator.merge(hit.accs, s.accs);
          list.remove(i);
        }
      }
    }
    aggregator.accumulate(hit.accs, row);
    if (list.size() > MAX_LOCAL_SESSIONS) {
      Session oldest = list.get(0);
      for (Session s : list) {
        if (s.end < oldest.end) {
          oldest = s;
        }
      }
      list.remove(oldest);
      emitPartial(key, oldest);
      release(oldest.bytes);
    }
  }

  /** GLOBAL: collects a partial session, merged into the key's latest one when they overlap (the common case). */
  private void processPartial(Row key, long start, long end, byte[] accBytes) {
    List<Session> list = groups.get(key);
    Session last = list == null ? null : list.get(list.size() - 1);
    if (last != null && last.intersects(start, end)) {
      long need = collectionAccumulators ? 48 : 0;
      if (need == 0 || reserve(need)) {
        last.bytes += need;
        last.start = Math.min(last.start, start);
        last.end = Math.max(last.end, end);
        aggregator.merge(last.accs, accSerializer.deserializeFromBytes(accBytes));
        return;
      }
    }
    long need = sessionBytes + accBytes.length + (list == null ? RowSizeEstimator.estimate(key) + 64 : 0);
    if (!reserve(need)) {
      spillSessions();
      list = null;
      need = sessionBytes + accBytes.length + RowSizeEstimator.estimate(key) + 64;
      if (!reserve(need)) {
        need = 0;
      }
    }
    if (list == null) {
      list = new ArrayList<>(2);
      groups.put(key, list);
    }
    list.add(new Session(start, end, accSerializer.deserializeFromBytes(accBytes), need));
  }

  private boolean reserve(long bytes) {
    return bytes == 0 || memoryUse.tryUse(bytes);
  }

  private void release(long bytes) {
    memoryUse.free(bytes);
  }

  private void releaseAll() {
    memoryUse.freeAll();
  }

  private void emitPartial(Row key, Session s) {
    int k = key.getArity();
    Row out = new Row(k + 3);
    for (int i = 0; i < k; i++) {
      out.setField(i, key.getField(i));
    }
    out.setField(k, s.start);
    out.setField(k + 1, s.end);
    out.setField(k + 2, accSerializer.serializeToBytes(s.accs));
    emit(out);
  }

  private void emitPartials() {
    for (Map.Entry<Row, List<Session>> e : groups.entrySet()) {
      for (Session s : e.getValue()) {
        emitPartial(e.getKey(), s);
      }
    }
    groups.clear();
    releaseAll();
  }

  /** Moves every session into the sorter as (key bytes; start) -> (key, end, serialized accumulators). */
  private void spillSessions() {
    if (sorter == null) {
      sorter = new ExternalSorter<>(new RowTypeInfo(Types.ROW(keyType.getFieldTypes()), Types.LONG, Types.BYTE_ARRAY)
          .createSerializer(), spill.memory(), spill.spillDir());
    }
    spilled = true;
    releaseAll();
    for (Map.Entry<Row, List<Session>> e : groups.entrySet()) {
      byte[] keyBytes = keySerializer.serializeToBytes(e.getKey());
      for (Session s : e.getValue()) {
        sorter.add(keyBytes, Row.of(e.getKey(), s.end, accSerializer.serializeToBytes(s.accs)), s.start);
      }
    }
    groups.clear();
  }

  private void emitResult(Row key, Session s) {
    Row out = windowRows.row(key, key.getArity(), aggregator, s.accs, s.start, s.end);
    emit(out, s.end - 1);
  }

  @Override
  protected void produce() throws Exception {
    if (phase == Phase.LOCAL) {
      emitPartials();
      return;
    }
    if (sorter == null) {
      Comparator<Session> byStart = Comparator.comparingLong(s -> s.start);
      for (Map.Entry<Row, List<Session>> e : groups.entrySet()) {
        List<Session> list = e.getValue();
        list.sort(byStart);
        Session current = null;
        for (Session s : list) {
          if (current != null && current.intersects(s.start, s.end)) {
            current.end = Math.max(current.end, s.end);
            aggregator.merge(current.accs, s.accs);
          } else {
            if (current != null) {
              emitResult(e.getKey(), current);
            }
            current = s;
          }
        }
        emitResult(e.getKey(), current);
      }
    } else {
      spillSessions();
      // sorted by key bytes, then start: one sweep merges each key's overlapping neighbours
      try (CloseableSortedIterator<Row> it = sorter.finish()) {
        byte[] currentKey = null;
        Row key = null;
        Session current = null;
        while (it.hasNext()) {
          SortedRecord<Row> r = it.next();
          long start = r.timestamp();
          long end = (Long) r.record().getField(1);
          Object[] partial = accSerializer.deserializeFromBytes((byte[]) r.record().getField(2));
          if (currentKey != null && Arrays.equals(currentKey, r.sortKey()) && current.intersects(start, end)) {
            current.end = Math.max(current.end, end);
            aggregator.merge(current.accs, partial);
            continue;
          }
          if (current != null) {
            emitResult(key, current);
          }
          currentKey = r.sortKey();
          key = (Row) r.record().getField(0);
          current = new Session(start, end, partial, 0);
        }
        if (current != null) {
          emitResult(key, current);
        }
      }
      sorter.close();
      sorter = null;
    }
    groups.clear();
    releaseAll();
  }

  /** For tests: whether GLOBAL's sessions overflowed to disk. */
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
