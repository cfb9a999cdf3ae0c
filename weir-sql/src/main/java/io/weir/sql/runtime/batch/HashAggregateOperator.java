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
import io.weir.sql.runtime.aggregate.GroupState;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.operators.WindowSpec;
import io.weir.sql.runtime.util.GroupTable;
import io.weir.sql.runtime.util.RowUtil;
import io.weir.sql.runtime.util.WindowRows;
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
 *
 * <p><b>Window aggregation</b> ({@link #windowed}: TUMBLE/HOP/CUMULATE over a time field, BATCH):
 * instead of sorting every row by key and time for the window operator, the LOCAL phase (chained
 * to the producer, before the exchange) groups by {@code keys ++ slice end} (slice = the slide or
 * step; a TUMBLE window is one slice), so only one partial per key and slice crosses the exchange;
 * the GLOBAL phase (input partitioned by the keys) keeps one accumulator per key and slice too (a
 * HOP window of n slides would otherwise hold n copies of every slice's data, and cost n hash
 * look-ups per partial; a TUMBLE slice is its window) and at end of input assembles each window of
 * a key from its slices, emitting the window operator's layout {@code keys ++ aggregates ++
 * [window_start, window_end, window_time]} with record timestamp window_time. Rows without a time
 * belong to no window. Only for mergeable aggregates ({@link #mergeable}).
 *
 * <p><b>On watermarks</b> ({@link #windowedOnWatermarks}, GLOBAL): when the event time can never be
 * late (the planner proves an ascending rowtime), the GLOBAL phase reads the STREAMING
 * LocalWindowAggregate's partials ({@code keys ++ [slice end - 1, GroupState]}) and, on each
 * watermark, emits every window ending at or before watermark + 1 and drops the slices no later
 * window needs, before passing the watermark on: memory stays bounded by the windows in flight,
 * and watermark-driven operators downstream (a window join, a cascaded aggregation) run as the
 * windows close. Unlike STREAMING's keyed window operator it has no per-key timers or state
 * look-ups: one firing pass walks all keys' slices. Should the table spill, it stops firing and
 * passing watermarks and emits the remaining windows at the end of the input.
 */
public final class HashAggregateOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  /**
   * COMPLETE: raw rows in, final rows out. LOCAL (before the shuffle): raw rows in, partial rows
   * {@code key fields ++ [GroupState]} out ({@link #partialType}; a window phase's carry BYTES
   * accumulators, {@link #windowPartialType}); when the budget is
   * exhausted it emits its partials and starts over instead of spilling. GLOBAL (after the
   * shuffle): partial rows in (keys first), merged final rows out.
   */
  public enum Phase { COMPLETE, LOCAL, GLOBAL }


  private final Phase phase;
  private final int[] groupFields;
  private final RowTypeInfo keyType;
  private final RowAggregator aggregator;
  private final boolean collectionAccumulators;
  /** Window aggregation: the window (null for a plain GROUP BY), its time field and time class. */
  private final WindowSpec window;
  private final int timeField;
  private final Class<?> timeClass;
  private final long slice;
  private final long sliceOffset;
  /** GLOBAL window phase: fire windows on watermarks (see the class comment). */
  private final boolean onWatermarks;

  /** Group key -> accumulators, looked up by the input row's key fields (no key row per input row). */
  private transient GroupTable<Object[]> groups;
  /** The group the previous row went to (null when the table was emptied): a hot key's runs skip hashing. */
  private transient GroupTable.Group<Object[]> lastGroup;
  /** The key row's own fields (0..n-1): looks a built window key up in {@link #groups}. */
  private transient int[] keyRowFields;
  /** GLOBAL window phase: grouping key -> its slices (instead of {@link #groups}). */
  private transient Map<Row, Slices> windowGroups;
  /**
   * Window bounds converted to the time class, by window end (direct-mapped on end / step): all
   * keys share the windows, and one key's windows are neighbours.
   */
  private transient WindowRows windowRows;
  /** Where a windowed partial row ({@code keys ++ slice end ++ accumulators}) holds the keys. */
  private transient int[] partialKeyFields;
  private transient io.weir.sql.runtime.util.SpillSupport.Reservation memoryUse;
  private transient ExternalSorter<Row> sorter;
  private transient TypeSerializer<Row> keySerializer;
  private transient TypeSerializer<Object[]> accSerializer;
  private transient boolean sawInput;
  private transient boolean spilled;
  /** On watermarks: every window ending at or before this was emitted (Long.MIN_VALUE: none yet). */
  private transient long firedUpTo;
  /** On watermarks: the smallest slice end seen, where the first window ends. */
  private transient long minSliceEnd;

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
    this(groupFields, aggregates, inputType, memoryBytes, phase, null, -1, false);
  }

  /**
   * One phase of a BATCH window aggregation (see the class comment): LOCAL reads the raw rows,
   * GLOBAL the LOCAL phase's partial rows ({@link #windowPartialType}); both get the same arguments.
   *
   * @param groupFields input field indices of the GROUP BY keys besides the window
   * @param window TUMBLE, HOP or CUMULATE
   * @param timeField input field index of the time attribute
   */
  public static HashAggregateOperator windowed(int[] groupFields, WindowSpec window, int timeField,
      List<AggregateSpec> aggregates, RowTypeInfo inputType, long memoryBytes, Phase phase) {
    if (phase == Phase.COMPLETE || window.kind() == WindowSpec.Kind.SESSION || !mergeable(aggregates)) {
      throw new IllegalArgumentException("a hash window aggregation needs LOCAL/GLOBAL phases, a TUMBLE/HOP/CUMULATE "
          + "window and mergeable aggregates, got " + phase + ", " + window + ", " + aggregates);
    }
    return new HashAggregateOperator(groupFields, aggregates, inputType, memoryBytes, phase, window, timeField, false);
  }

  /**
   * The GLOBAL phase of a window aggregation that fires on watermarks (see the class comment),
   * after a STREAMING LocalWindowAggregate; TUMBLE, or HOP/CUMULATE whose size is a multiple of
   * the step (window ends are then slice ends).
   */
  public static HashAggregateOperator windowedOnWatermarks(int[] groupFields, WindowSpec window, int timeField,
      List<AggregateSpec> aggregates, RowTypeInfo inputType, long memoryBytes) {
    if (!supportsWatermarks(window, aggregates)) {
      throw new IllegalArgumentException("a hash window aggregation on watermarks needs a TUMBLE window or a HOP/CUMULATE "
          + "window whose size is a multiple of its step, and mergeable aggregates, got " + window + ", " + aggregates);
    }
    return new HashAggregateOperator(groupFields, aggregates, inputType, memoryBytes, Phase.GLOBAL, window, timeField,
        true);
  }

  /** Whether {@link #windowedOnWatermarks} can run this window aggregation. */
  public static boolean supportsWatermarks(WindowSpec window, List<AggregateSpec> aggregates) {
    return window.kind() != WindowSpec.Kind.SESSION && window.size() % window.step() == 0 && mergeable(aggregates);
  }

  /**
   * Whether merging partial accumulators (LOCAL/GLOBAL phases, slices into windows) gives what one
   * accumulator over all rows gives: not for FIRST/LAST_VALUE (the order would change) nor user
   * aggregates without {@code merge}.
   */
  public static boolean mergeable(List<AggregateSpec> aggregates) {
    for (AggregateSpec a : aggregates) {
      if (a.kind() == AggregateSpec.Kind.FIRST_VALUE || a.kind() == AggregateSpec.Kind.LAST_VALUE
          || a.kind() == AggregateSpec.Kind.USER_DEFINED && !a.userFunction().hasMerge()) {
        return false;
      }
    }
    return true;
  }

  private HashAggregateOperator(int[] groupFields, List<AggregateSpec> aggregates, RowTypeInfo inputType, long memoryBytes,
      Phase phase, WindowSpec window, int timeField, boolean onWatermarks) {
    super(memoryBytes);
    this.phase = phase;
    this.onWatermarks = onWatermarks;
    this.window = window;
    this.timeField = timeField;
    this.timeClass = window == null ? null : inputType.getFieldType(timeField).getTypeClass();
    this.slice = window == null ? 0 : window.step();
    // the slice containing ts = 0 ends at the first end of the windows containing it
    long[] ends = window == null ? null : window.windowEnds(0);
    long firstEnd = ends == null ? 0 : window.kind() == WindowSpec.Kind.HOP ? ends[ends.length - 1] : ends[0];
    this.sliceOffset = window == null ? 0 : Math.floorMod(firstEnd, slice);
    int keyArity = groupFields.length + (window == null ? 0 : 1);
    RowTypeInfo keyRowType = window == null ? RowUtil.projectType(inputType, groupFields)
        : RowUtil.projectType(inputType, groupFields, Types.LONG);
    if (phase == Phase.GLOBAL) {
      int[] leading = new int[keyArity];
      for (int i = 0; i < leading.length; i++) {
        leading[i] = i;
      }
      this.groupFields = leading;
    } else {
      this.groupFields = groupFields.clone();
    }
    this.keyType = keyRowType;
    this.aggregator = new RowAggregator(aggregates, inputType, false);
    this.collectionAccumulators = collectionAccumulators(aggregates);
  }

  /** Whether an accumulator holds a value collection that grows with the input (memory accounting). */
  static boolean collectionAccumulators(List<AggregateSpec> aggregates) {
    return aggregates.stream().anyMatch(a -> a.distinct()
        || a.kind() == AggregateSpec.Kind.MIN || a.kind() == AggregateSpec.Kind.MAX
        || a.kind() == AggregateSpec.Kind.FIRST_VALUE || a.kind() == AggregateSpec.Kind.LAST_VALUE);
  }

  /**
   * Type of the partial rows between the LOCAL and GLOBAL phases of a window aggregation: key
   * fields, the slice end (epoch millis), then the accumulators.
   */
  public static RowTypeInfo windowPartialType(int[] groupFields, RowTypeInfo inputType) {
    return RowUtil.projectType(inputType, groupFields, Types.LONG, Types.BYTE_ARRAY);
  }

  /**
   * Type of the partial rows between a LOCAL and a GLOBAL phase: key fields, then the accumulators
   * as a {@link GroupState} (objects, not bytes: a chained or in-memory exchange passes them as
   * they are, and the GLOBAL phase adopts a new group's accumulators instead of merging a copy).
   *
   * @param aggregator the LOCAL operator's ({@link #aggregator()})
   */
  public static RowTypeInfo partialType(int[] groupFields, RowTypeInfo inputType, RowAggregator aggregator) {
    return RowUtil.projectType(inputType, groupFields, GroupState.typeInfo(aggregator));
  }

  @Override
  public void open() throws Exception {
    super.open();
    groups = new GroupTable<>();
    keyRowFields = java.util.stream.IntStream.range(0, keyType.getArity()).toArray();
    windowGroups = new HashMap<>();
    memoryUse = spill.reservation();
    keySerializer = keyType.createSerializer();
    accSerializer = aggregator.serializer();
    windowRows = window == null ? null : new WindowRows(timeClass);
    partialKeyFields = window == null ? null : java.util.stream.IntStream.range(0, groupFields.length - 1).toArray();
    firedUpTo = Long.MIN_VALUE;
    minSliceEnd = Long.MAX_VALUE;
  }

  /** The LOCAL window key: grouping fields ++ slice end; the GLOBAL one: grouping fields ++ window end. */
  private Row windowKey(Row row, int[] fields, int count, long end) {
    Row key = new Row(count + 1);
    for (int i = 0; i < count; i++) {
      key.setField(i, row.getField(fields[i]));
    }
    key.setField(count, end);
    return key;
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row row = record.getValue();
    sawInput = true;
    if (window != null) {
      processWindowed(row);
      return;
    }
    if (phase != Phase.GLOBAL) {
      aggregator.accumulate(accumulators(row, groupFields, false, null), row);
      return;
    }
    Object field = row.getField(groupFields.length);
    Object[] partial = field instanceof GroupState g ? g.accs : accSerializer.deserializeFromBytes((byte[]) field);
    Object[] accs = accumulators(row, groupFields, false, partial);
    if (accs != partial) {
      aggregator.merge(accs, partial);
    }
  }

  private void processWindowed(Row row) {
    if (phase == Phase.LOCAL) {
      Object time = row.getField(timeField);
      if (time == null) {
        return; // no event time: belongs to no window
      }
      long ts = RowUtil.toMillis(time);
      long sliceEnd = Math.floorDiv(ts - sliceOffset, slice) * slice + sliceOffset + slice;
      aggregator.accumulate(accumulators(windowKey(row, groupFields, groupFields.length, sliceEnd), keyRowFields, true, null), row);
      return;
    }
    int k = groupFields.length - 1;
    long sliceEnd;
    Object[] partial;
    if (row.getField(k + 1) instanceof GroupState g) {
      // a STREAMING LocalWindowAggregate's partial: its slice field holds slice end - 1
      sliceEnd = (Long) row.getField(k) + 1;
      partial = g.accs;
    } else {
      sliceEnd = (Long) row.getField(k);
      partial = accSerializer.deserializeFromBytes((byte[]) row.getField(k + 1));
    }
    if (onWatermarks) {
      if (lastWindowEnd(sliceEnd) <= firedUpTo) {
        return; // every window of this slice was emitted: late, as STREAMING would drop it
      }
      minSliceEnd = Math.min(minSliceEnd, sliceEnd);
    } else if (window.kind() == WindowSpec.Kind.TUMBLE) {
      // a slice is the window: a flat table keyed by keys ++ window end holds fewer objects
      aggregator.merge(accumulators(windowKey(row, groupFields, k, sliceEnd), keyRowFields, true, null), partial);
      return;
    }
    Row key = RowUtil.project(row, partialKeyFields);
    Slices slices = windowGroups.get(key);
    long need = (slices == null ? RowSizeEstimator.estimate(key) + 96 : 0) + (collectionAccumulators ? 48 : 0);
    int at = slices == null ? -1 : slices.find(sliceEnd);
    if (at < 0) {
      need += 64 + 48L * aggregator.size();
    }
    if (need > 0 && !memoryUse.tryUse(need)) {
      spillGroups();
      slices = null;
      at = -1;
      need = RowSizeEstimator.estimate(key) + 96 + 64 + 48L * aggregator.size() + (collectionAccumulators ? 48 : 0);
      // under a tiny budget this may fail again: the map then holds a slice without a reservation
      if (!memoryUse.tryUse(need)) {
        need = 0;
      }
    }
    if (slices == null) {
      slices = new Slices();
      windowGroups.put(key, slices);
    }
    slices.bytes += need;
    if (at >= 0) {
      aggregator.merge(slices.accs[at], partial);
    } else {
      slices.insert(-at - 1, sliceEnd, partial);
    }
  }

  /** One key's slices in the GLOBAL window phase, by slice end (input mostly in time order: appends). */
  private static final class Slices {
    long[] ends = new long[4];
    Object[][] accs = new Object[4][];
    int size;
    /** Bytes reserved for this key and its slices (given back when fired slices are dropped). */
    long bytes;

    /** Index of {@code end}, or {@code -(insertion point) - 1}. */
    int find(long end) {
      if (size > 0 && ends[size - 1] == end) {
        return size - 1;
      }
      if (size == 0 || ends[size - 1] < end) {
        return -size - 1;
      }
      return Arrays.binarySearch(ends, 0, size, end);
    }

    void dropFirst(int n) {
      System.arraycopy(ends, n, ends, 0, size - n);
      System.arraycopy(accs, n, accs, 0, size - n);
      Arrays.fill(accs, size - n, size, null);
      size -= n;
    }

    void insert(int at, long end, Object[] acc) {
      if (size == ends.length) {
        ends = Arrays.copyOf(ends, size * 2);
        accs = Arrays.copyOf(accs, size * 2);
      }
      System.arraycopy(ends, at, ends, at + 1, size - at);
      System.arraycopy(accs, at, accs, at + 1, size - at);
      ends[at] = end;
      accs[at] = acc;
      size++;
    }
  }

  /** Emits every window of one key from its slices (sorted by end). */
  private void emitWindows(Row key, Slices s) {
    if (window.kind() == WindowSpec.Kind.TUMBLE) {
      for (int i = 0; i < s.size; i++) {
        if (s.ends[i] > firedUpTo) {
          emitWindow(key, s.ends[i], s.accs[i]);
        }
      }
      return;
    }
    long[] ends = new long[s.size * 4];
    int n = 0;
    for (int i = 0; i < s.size; i++) {
      for (long end : window.windowEnds(s.ends[i] - 1)) {
        if (n == ends.length) {
          ends = Arrays.copyOf(ends, n * 2);
        }
        ends[n++] = end;
      }
    }
    Arrays.sort(ends, 0, n);
    int lo = 0;
    int hi = 0;
    for (int j = 0; j < n; j++) {
      long end = ends[j];
      if (j > 0 && ends[j - 1] == end || end <= firedUpTo) {
        continue;
      }
      // the window [start, end) holds the slices ending in (start, end]; both bounds only grow
      long start = window.windowStart(end);
      while (lo < s.size && s.ends[lo] <= start) {
        lo++;
      }
      while (hi < s.size && s.ends[hi] <= end) {
        hi++;
      }
      emitWindow(key, end, merged(s, lo, hi, true));
    }
  }

  /**
   * The accumulators of slices [lo, hi) merged into a new array; with {@code copySingle} false, a
   * single slice's own array (emitting only reads it).
   */
  private Object[] merged(Slices s, int lo, int hi, boolean copySingle) {
    if (hi - lo == 1 && !copySingle) {
      return s.accs[lo];
    }
    Object[] accs = aggregator.copy(s.accs[lo]);
    for (int i = lo + 1; i < hi; i++) {
      // merge may keep collection accumulators it is given, and a slice serves several windows
      aggregator.merge(accs, collectionAccumulators ? aggregator.copy(s.accs[i]) : s.accs[i]);
    }
    return accs;
  }

  @Override
  public void processWatermark(io.weir.runtime.streamrecord.Watermark mark) throws Exception {
    if (!onWatermarks || mark.getTimestamp() == Long.MAX_VALUE) {
      super.processWatermark(mark);
      return;
    }
    if (!spilled) {
      // a window [start, end) is complete once the watermark reaches end - 1
      fireUpTo(mark.getTimestamp() + 1);
      output.emitWatermark(mark);
    }
  }

  /** The last window end that contains the slice ending at {@code sliceEnd}. */
  private long lastWindowEnd(long sliceEnd) {
    return switch (window.kind()) {
      case TUMBLE -> sliceEnd;
      case HOP -> sliceEnd + window.size() - slice;
      case CUMULATE -> window.windowStart(sliceEnd) + window.size();
      default -> throw new IllegalStateException(window.toString());
    };
  }

  /** Emits every window ending in (firedUpTo, limit] (window ends are slice ends) and drops spent slices. */
  private void fireUpTo(long limit) {
    if (minSliceEnd == Long.MAX_VALUE) {
      return;
    }
    long next = firedUpTo == Long.MIN_VALUE ? minSliceEnd : firedUpTo + slice;
    if (next > limit) {
      return;
    }
    long last = next + (limit - next) / slice * slice;
    long sliceBytes = 64 + 48L * aggregator.size() + (collectionAccumulators ? 48 : 0);
    var it = windowGroups.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Row, Slices> e = it.next();
      Slices s = e.getValue();
      for (long end = Math.max(next, s.ends[0]); end <= last; end += slice) {
        emitWindowOf(e.getKey(), s, end);
      }
      int spent = 0;
      while (spent < s.size && lastWindowEnd(s.ends[spent]) <= last) {
        spent++;
      }
      if (spent == s.size) {
        it.remove();
        memoryUse.free(s.bytes);
      } else if (spent > 0) {
        s.dropFirst(spent);
        long freed = Math.min(s.bytes, sliceBytes * spent);
        s.bytes -= freed;
        memoryUse.free(freed);
      }
    }
    firedUpTo = last;
  }

  /** Emits the window ending at {@code end} of one key from the slices it holds, if any. */
  private void emitWindowOf(Row key, Slices s, long end) {
    long start = window.windowStart(end);
    int lo = 0;
    while (lo < s.size && s.ends[lo] <= start) {
      lo++;
    }
    int hi = lo;
    while (hi < s.size && s.ends[hi] <= end) {
      hi++;
    }
    if (lo < hi) {
      emitWindow(key, end, merged(s, lo, hi, false));
    }
  }

  /**
   * The accumulators of the group whose key is {@code row}'s fields {@code fields}, created (and
   * reserved for) on first use; may spill the table first. The key is copied only for a new group
   * ({@code rowIsKey}: {@code row} is a key row built for this lookup, kept as it is). A new group
   * takes {@code initial} as its accumulators when not null (a partial nothing else holds).
   */
  private Object[] accumulators(Row row, int[] fields, boolean rowIsKey, Object[] initial) {
    GroupTable.Group<Object[]> group = lastGroup;
    int hash;
    if (group != null && GroupTable.sameKey(group.key, row, fields)) {
      hash = group.hash;
    } else {
      hash = GroupTable.hash(row, fields);
      group = groups.find(row, fields, hash);
    }
    Object[] accs = group == null ? null : group.value;
    long need = collectionAccumulators ? 48 : 0;
    Row key = null;
    if (accs == null) {
      key = rowIsKey ? row : RowUtil.project(row, fields);
      need += RowSizeEstimator.estimate(key) + 64 + 48L * aggregator.size();
    }
    if (need > 0 && !memoryUse.tryUse(need)) {
      if (phase == Phase.LOCAL) {
        emitPartials(); // a local pre-aggregation just forwards what it has
      } else {
        spillGroups();
      }
      accs = null;
      if (key == null) {
        key = rowIsKey ? row : RowUtil.project(row, fields);
      }
      // under a tiny budget this may fail again: the table then holds a group without a reservation
      memoryUse.tryUse(RowSizeEstimator.estimate(key) + 64 + 48L * aggregator.size() + (collectionAccumulators ? 48 : 0));
    }
    if (accs == null) {
      accs = initial != null ? initial : aggregator.createAccumulators();
      group = groups.add(hash, key, accs);
    }
    lastGroup = group;
    return accs;
  }

  private void emitPartials() {
    int k = keyType.getArity();
    for (GroupTable.Group<Object[]> g : groups.groups()) {
      Row out = new Row(k + 1);
      for (int i = 0; i < k; i++) {
        out.setField(i, g.key.getField(i));
      }
      // a window phase's partial type holds bytes (see windowPartialType)
      out.setField(k, window == null ? new GroupState(g.value) : accSerializer.serializeToBytes(g.value));
      emit(out);
    }
    groups.clear();
    lastGroup = null;
    memoryUse.freeAll();
  }

  /** Moves every group into the sorter as (key ++ serialized accumulators). */
  private void spillGroups() {
    if (sorter == null) {
      sorter = new ExternalSorter<>(new RowTypeInfo(Types.ROW(keyType.getFieldTypes()), Types.BYTE_ARRAY).createSerializer(),
          spill.memory(), spill.spillDir());
    }
    spilled = true;
    memoryUse.freeAll();
    for (GroupTable.Group<Object[]> g : groups.groups()) {
      sorter.add(keySerializer.serializeToBytes(g.key), Row.of(g.key, accSerializer.serializeToBytes(g.value)), 0);
    }
    groups.clear();
    lastGroup = null;
    int k = groupFields.length - 1;
    for (Map.Entry<Row, Slices> e : windowGroups.entrySet()) {
      Slices s = e.getValue();
      for (int i = 0; i < s.size; i++) {
        Row key = windowKey(e.getKey(), groupFields, k, s.ends[i]);
        sorter.add(keySerializer.serializeToBytes(key), Row.of(key, accSerializer.serializeToBytes(s.accs[i])), 0);
      }
    }
    windowGroups.clear();
  }

  private Row result(Row key, Object[] accs) {
    Row out = new Row(groupFields.length + aggregator.size());
    for (int i = 0; i < groupFields.length; i++) {
      out.setField(i, key.getField(i));
    }
    aggregator.getValues(accs, out, groupFields.length);
    return out;
  }

  private void emitResult(Row key, Object[] accs) {
    emit(result(key, accs));
  }

  /** The window operator's layout: keys ++ aggregates ++ [window_start, window_end, window_time]. */
  private void emitWindow(Row key, long end, Object[] accs) {
    Row out = windowRows.row(key, groupFields.length - 1, aggregator, accs, window.windowStart(end), end);
    emit(out, end - 1);
  }

  @Override
  protected void produce() throws Exception {
    if (phase == Phase.LOCAL) {
      emitPartials();
      return;
    }
    if (sorter == null) {
      for (GroupTable.Group<Object[]> g : groups.groups()) {
        if (window == null) {
          emitResult(g.key, g.value);
        } else {
          emitWindow(g.key, (Long) g.key.getField(groupFields.length - 1), g.value);
        }
      }
      for (Map.Entry<Row, Slices> e : windowGroups.entrySet()) {
        emitWindows(e.getKey(), e.getValue());
      }
    } else if (window != null) {
      produceSpilledWindows();
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
              emitResult(key, accs);
            }
            currentKey = r.sortKey();
            key = (Row) r.record().getField(0);
            accs = partial;
          }
        }
        if (currentKey != null) {
          emitResult(key, accs);
        }
      }
      sorter.close();
      sorter = null;
    }
    if (!sawInput && groupFields.length == 0 && window == null && getOperatorContext().getSubtaskIndex() == 0) {
      emit(result(new Row(0), aggregator.createAccumulators()));
    }
    groups.clear();
    lastGroup = null;
    windowGroups.clear();
    memoryUse.freeAll();
  }

  /**
   * GLOBAL window phase after a spill: the sorted (keys ++ slice end) partials; one key's slices are
   * adjacent (its serialized keys are a common prefix), not necessarily in time order.
   */
  private void produceSpilledWindows() throws Exception {
    spillGroups();
    int k = groupFields.length - 1;
    try (CloseableSortedIterator<Row> it = sorter.finish()) {
      Row currentKey = null;
      Slices slices = null;
      while (it.hasNext()) {
        SortedRecord<Row> r = it.next();
        Row full = (Row) r.record().getField(0);
        Row key = RowUtil.project(full, partialKeyFields);
        if (currentKey == null || !currentKey.equals(key)) {
          if (currentKey != null) {
            emitWindows(currentKey, slices);
          }
          currentKey = key;
          slices = new Slices();
        }
        long end = (Long) full.getField(k);
        Object[] partial = accSerializer.deserializeFromBytes((byte[]) r.record().getField(1));
        int at = slices.find(end);
        if (at >= 0) {
          aggregator.merge(slices.accs[at], partial);
        } else {
          slices.insert(-at - 1, end, partial);
        }
      }
      if (currentKey != null) {
        emitWindows(currentKey, slices);
      }
    }
    sorter.close();
    sorter = null;
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
