package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.sort.SortedRecord;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.GroupTable;
import io.weir.sql.runtime.util.RowUtil;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * BATCH Top-N / deduplication by ROW_NUMBER on insert-only input, by hashing instead of sorting
 * every row by partition key (one-input, unkeyed; the planner hash-partitions the input by the
 * PARTITION BY fields): a hash map of partition key -> the best {@code rankEnd} rows so far, kept
 * sorted (a bounded insertion buffer; for deduplication one row). At end of input each partition
 * emits its rows {@code rankStart..rankEnd}, with the row number as a last BIGINT field when
 * {@code outputRankNumber}, without a record timestamp (as the keyed RankOperator does).
 *
 * <p>Ties on the ORDER BY are broken as the sort-based BATCH RankOperator breaks them, which sees a
 * partition's rows ordered by (record timestamp, arrival): the smaller timestamp first, then the
 * earlier arrival; with {@code latestWinsTies} (deduplication keeping the last row by a time
 * attribute) the reverse, so a later row of the same time wins.
 *
 * <p>When the memory budget is exhausted every partition's rows go into an {@link ExternalSorter}
 * by key bytes (with their timestamps, in arrival order among full ties) and the map starts empty;
 * at end of input the sorted runs are merged per key: the Top-N of the union of partial Top-Ns is
 * the Top-N. The LOCAL phase (chained before the exchange) instead emits its partial Top-N rows,
 * with their timestamps, whenever the budget is full and at the end; the operator after the
 * exchange takes them as raw rows (the same type). When, after its first {@value #LOCAL_SAMPLE}
 * rows, more than {@value #LOCAL_MAX_HELD} of them are still among their partition's best (few rows
 * per partition), the LOCAL phase forwards every further row as it comes: holding rows back would
 * cost more than the rows it keeps off the exchange.
 *
 * <p>Top-1 (deduplication) keeps its rows in a {@link Top1Table} instead of the map of {@link Top}
 * lists: the kept row is its own key (its partition fields are compared in place), so a row costs no
 * key projection, no map node and no list, and the memory estimate is one per kept row.
 */
public final class HashRankOperator extends BatchOperatorBase implements OneInputStreamOperator<Row, Row> {
  private static final int PARTITION_OVERHEAD = 64 + 16 + 48;
  private static final int ROW_SLOT = 16;
  /** LOCAL: input rows seen before deciding whether holding rows back pays (Flink's adaptive local agg). */
  static final int LOCAL_SAMPLE = 100_000;
  /**
   * LOCAL: more rows held per input row than this after the sample and the phase just forwards (in
   * Nexmark, a Top-1 per auction after the join holds 8 %, and pays; deduplication per (bidder,
   * auction) holds 31 % and Top-10 per auction 48 %, which cost more CPU than the exchange saves).
   */
  static final double LOCAL_MAX_HELD = 0.25;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HashRankOperator.class);

  private final int[] partitionFields;
  private final RowTypeInfo inputType;
  private final RowTypeInfo keyType;
  private final RowComparator order;
  private final long rankStart;
  private final int rankEnd;
  private final boolean outputRankNumber;
  private final boolean latestWinsTies;
  private final boolean local;

  private transient Map<Row, Top> partitions;
  /** Top-1 only (instead of {@link #partitions}). */
  private transient Top1Table top1;
  private transient io.weir.sql.runtime.util.SpillSupport.Reservation memoryUse;
  private transient ExternalSorter<Row> sorter;
  private transient TypeSerializer<Row> keySerializer;
  private transient boolean spilled;
  private transient long flushes;
  private transient long rowsIn;
  private transient long held;
  private transient boolean passThrough;

  /** The best rows of one partition, sorted best first, with their record timestamps. */
  private static final class Top {
    Row[] rows;
    long[] ts;
    int size;

    Top(int capacity) {
      rows = new Row[capacity];
      ts = new long[capacity];
    }
  }

  /**
   * @param partitionFields input field indices of the PARTITION BY
   * @param inputType type of the input rows
   * @param order ORDER BY of the OVER window
   * @param rankStart first row number emitted (1-based)
   * @param rankEnd last row number emitted (inclusive, at most {@code 2^20})
   * @param outputRankNumber append the row number as a BIGINT field
   * @param latestWinsTies of rows tying on {@code order}, the later one goes first
   * @param local a LOCAL phase before the exchange: emits partial Top-N input rows instead of spilling
   * @param memoryBytes hash table budget; 0 = a quarter of {@code execution.batch.memory-budget}
   */
  public HashRankOperator(int[] partitionFields, RowTypeInfo inputType, RowComparator order, long rankStart,
      long rankEnd, boolean outputRankNumber, boolean latestWinsTies, boolean local, long memoryBytes) {
    super(memoryBytes);
    if (rankStart < 1 || rankEnd < rankStart || rankEnd > 1 << 20) {
      throw new IllegalArgumentException("HashRankOperator needs 1 <= rankStart <= rankEnd <= 2^20, got ["
          + rankStart + ", " + rankEnd + "]");
    }
    if (local && outputRankNumber) {
      throw new IllegalArgumentException("a LOCAL Top-N phase emits input rows, never row numbers");
    }
    this.partitionFields = partitionFields.clone();
    this.inputType = inputType;
    this.keyType = RowUtil.projectType(inputType, partitionFields);
    this.order = order;
    this.rankStart = local ? 1 : rankStart;
    this.rankEnd = (int) rankEnd;
    this.outputRankNumber = outputRankNumber;
    this.latestWinsTies = latestWinsTies;
    this.local = local;
  }

  @Override
  public void open() throws Exception {
    super.open();
    if (rankEnd == 1) {
      top1 = new Top1Table(partitionFields);
    } else {
      partitions = new HashMap<>();
    }
    keySerializer = keyType.createSerializer();
    memoryUse = spill.reservation();
  }

  private Row key(Row row) {
    return RowUtil.project(row, partitionFields);
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row row = RowUtil.asInsert(record.getValue());
    long ts = record.getTimestamp();
    if (local) {
      if (passThrough) {
        emit(row, ts);
        return;
      }
      if (++rowsIn == LOCAL_SAMPLE && held > LOCAL_MAX_HELD * rowsIn) {
        LOG.info("{} of the first {} rows are among their partition's top {}: forwarding rows unranked",
            held, rowsIn, rankEnd);
        passThrough = true;
        emitLocal();
        emit(row, ts);
        return;
      }
    }
    add(row, ts);
  }

  private void add(Row row, long ts) {
    if (top1 != null) {
      addTop1(row, ts);
      return;
    }
    Row key = key(row);
    Top top = partitions.get(key);
    if (top == null) {
      if (!ensure(PARTITION_OVERHEAD + RowSizeEstimator.estimate(key) + ROW_SLOT + RowSizeEstimator.estimate(row))) {
        overflow();
        ensure(PARTITION_OVERHEAD + RowSizeEstimator.estimate(key) + ROW_SLOT + RowSizeEstimator.estimate(row));
      }
      top = new Top(Math.min(rankEnd, 4));
      partitions.put(key, top);
      top.rows[0] = row;
      top.ts[0] = ts;
      top.size = 1;
      held++;
      return;
    }
    int pos = position(top, row, ts);
    if (pos >= rankEnd) {
      return;
    }
    long need = RowSizeEstimator.estimate(row) + ROW_SLOT;
    long freed = top.size == rankEnd ? RowSizeEstimator.estimate(top.rows[rankEnd - 1]) + ROW_SLOT : 0;
    if (need > freed && !ensure(need - freed)) {
      overflow(); // this row's partition goes too; it starts over with this row
      add(row, ts);
      return;
    }
    memoryUse.free(freed);
    if (top.size < rankEnd) {
      held++;
    }
    insert(top, pos, row, ts);
  }

  private void addTop1(Row row, long ts) {
    Top1Table t = top1;
    int hash = t.hash(row);
    int slot = t.find(row, hash);
    if (slot < 0) {
      int size = (int) Math.min(Integer.MAX_VALUE, RowSizeEstimator.estimate(row));
      if (!ensure(Top1Table.ENTRY_OVERHEAD + size)) {
        overflow();
        ensure(Top1Table.ENTRY_OVERHEAD + size);
      }
      t.insert(~slot, hash, row, ts, size);
      held++;
      return;
    }
    if (!before(row, ts, t.rows[slot], t.ts[slot])) {
      return;
    }
    int size = (int) Math.min(Integer.MAX_VALUE, RowSizeEstimator.estimate(row));
    int freed = t.sizes[slot];
    if (size > freed && !ensure(size - freed)) {
      overflow(); // this row's partition goes too; it starts over with this row
      addTop1(row, ts);
      return;
    }
    if (freed > size) {
      memoryUse.free(freed - size);
    }
    t.rows[slot] = row;
    t.ts[slot] = ts;
    t.sizes[slot] = size;
  }

  /**
   * Open-addressing (linear probing) table of the kept row per partition for Top-1: the row is the
   * key, compared on its partition fields as a projected key Row would be (deep equality).
   */
  static final class Top1Table {
    /** Per kept row: its share of the four arrays, whose load factor is 1/4 right after growing. */
    static final int ENTRY_OVERHEAD = 4 * (4 + 8 + 8 + 4);
    private static final int INITIAL_CAPACITY = 1 << 8;

    private final int[] keyFields;
    Row[] rows;
    long[] ts;
    int[] sizes;
    int[] hashes;
    int count;

    Top1Table(int[] keyFields) {
      this.keyFields = keyFields;
      allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
      rows = new Row[capacity];
      ts = new long[capacity];
      sizes = new int[capacity];
      hashes = new int[capacity];
    }

    int hash(Row row) {
      return GroupTable.hash(row, keyFields);
    }

    private boolean sameKey(Row a, Row b) {
      for (int f : keyFields) {
        if (!java.util.Objects.deepEquals(a.getField(f), b.getField(f))) {
          return false;
        }
      }
      return true;
    }

    /** The slot of the row's partition, or {@code ~slot} of the free slot it would go into. */
    int find(Row row, int hash) {
      int mask = rows.length - 1;
      int i = hash & mask;
      Row r;
      while ((r = rows[i]) != null) {
        if (hashes[i] == hash && sameKey(r, row)) {
          return i;
        }
        i = (i + 1) & mask;
      }
      return ~i;
    }

    void insert(int slot, int hash, Row row, long t, int size) {
      if (2 * (count + 1) > rows.length) {
        grow();
        slot = ~find(row, hash);
      }
      rows[slot] = row;
      hashes[slot] = hash;
      ts[slot] = t;
      sizes[slot] = size;
      count++;
    }

    private void grow() {
      Row[] oldRows = rows;
      long[] oldTs = ts;
      int[] oldSizes = sizes;
      int[] oldHashes = hashes;
      allocate(oldRows.length * 2);
      int mask = rows.length - 1;
      for (int j = 0; j < oldRows.length; j++) {
        if (oldRows[j] != null) {
          int i = oldHashes[j] & mask;
          while (rows[i] != null) {
            i = (i + 1) & mask;
          }
          rows[i] = oldRows[j];
          hashes[i] = oldHashes[j];
          ts[i] = oldTs[j];
          sizes[i] = oldSizes[j];
        }
      }
    }

    /** Empties the table, dropping its arrays (they were charged per row, and that charge is freed). */
    void clear() {
      allocate(INITIAL_CAPACITY);
      count = 0;
    }
  }

  /** Whether a row arriving now with timestamp {@code ts} goes before {@code kept} (kept with {@code keptTs}). */
  private boolean before(Row row, long ts, Row kept, long keptTs) {
    int c = order.compare(row, kept);
    if (c != 0) {
      return c < 0;
    }
    if (ts != keptTs) {
      return latestWinsTies ? ts > keptTs : ts < keptTs;
    }
    return latestWinsTies;
  }

  /** The first index the row goes before (the kept rows are sorted, so "goes before" is monotone). */
  private int position(Top top, Row row, long ts) {
    int n = top.size;
    if (n > 0 && !before(row, ts, top.rows[n - 1], top.ts[n - 1])) {
      return n;
    }
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (before(row, ts, top.rows[mid], top.ts[mid])) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private void insert(Top top, int pos, Row row, long ts) {
    int n = Math.min(top.size, rankEnd - 1); // the last row falls out when full
    if (n + 1 > top.rows.length) {
      int cap = Math.min(rankEnd, Math.max(n + 1, top.rows.length * 2));
      top.rows = Arrays.copyOf(top.rows, cap);
      top.ts = Arrays.copyOf(top.ts, cap);
    }
    System.arraycopy(top.rows, pos, top.rows, pos + 1, n - pos);
    System.arraycopy(top.ts, pos, top.ts, pos + 1, n - pos);
    top.rows[pos] = row;
    top.ts[pos] = ts;
    top.size = n + 1;
  }

  /** Offers a row to a partition (merging spilled partials): kept if among its best rankEnd. */
  private void offer(Top top, Row row, long ts) {
    int pos = position(top, row, ts);
    if (pos < rankEnd) {
      insert(top, pos, row, ts);
    }
  }

  private boolean ensure(long need) {
    return memoryUse.tryUse(need);
  }

  private void releaseAll() {
    memoryUse.freeAll();
  }

  /** The budget is full: a LOCAL phase forwards what it has, the others spill it sorted by key. */
  private void overflow() {
    if (local) {
      emitLocal();
    } else {
      spillPartitions();
    }
  }

  private void emitLocal() {
    flushes++;
    if (top1 != null) {
      Top1Table t = top1;
      for (int i = 0; i < t.rows.length; i++) {
        if (t.rows[i] != null) {
          emit(t.rows[i], t.ts[i]);
        }
      }
      t.clear();
      releaseAll();
      return;
    }
    for (Top top : partitions.values()) {
      // arrival order among full ties: the operator after the exchange sees them in that order
      for (int i = 0; i < top.size; i++) {
        int j = latestWinsTies ? top.size - 1 - i : i;
        emit(top.rows[j], top.ts[j]);
      }
    }
    partitions.clear();
    releaseAll();
  }

  private void spillPartitions() {
    if (sorter == null) {
      sorter = new ExternalSorter<>(inputType.createSerializer(), spill.memory(), spill.spillDir());
    }
    spilled = true;
    releaseAll();
    if (top1 != null) {
      Top1Table t = top1;
      for (int i = 0; i < t.rows.length; i++) {
        if (t.rows[i] != null) {
          sorter.add(keySerializer.serializeToBytes(key(t.rows[i])), t.rows[i], t.ts[i]);
        }
      }
      t.clear();
      return;
    }
    for (Map.Entry<Row, Top> e : partitions.entrySet()) {
      byte[] keyBytes = keySerializer.serializeToBytes(e.getKey());
      Top top = e.getValue();
      // the sorter keeps add order among equal (key, timestamp): add in arrival order
      for (int i = 0; i < top.size; i++) {
        int j = latestWinsTies ? top.size - 1 - i : i;
        sorter.add(keyBytes, top.rows[j], top.ts[j]);
      }
    }
    partitions.clear();
  }

  private void emitTop(Top top) {
    int to = top.size;
    for (int i = (int) rankStart - 1; i < to; i++) {
      emit(withRank(top.rows[i], i + 1));
    }
  }

  private Row withRank(Row row, long rank) {
    if (!outputRankNumber) {
      return row;
    }
    Row r = new Row(row.getArity() + 1);
    for (int i = 0; i < row.getArity(); i++) {
      r.setField(i, row.getField(i));
    }
    r.setField(row.getArity(), rank);
    return r;
  }

  @Override
  protected void produce() throws Exception {
    if (local) {
      emitLocal();
      LOG.debug("local Top-{}: {} rows in, {} held back", rankEnd, rowsIn, held);
      return;
    }
    if (sorter == null && top1 != null) {
      Top1Table t = top1;
      for (int i = 0; i < t.rows.length; i++) {
        if (t.rows[i] != null) {
          emit(withRank(t.rows[i], 1));
        }
      }
      t.clear();
    } else if (sorter == null) {
      for (Top top : partitions.values()) {
        emitTop(top);
      }
    } else {
      spillPartitions();
      try (CloseableSortedIterator<Row> it = sorter.finish()) {
        byte[] currentKey = null;
        Top top = null;
        while (it.hasNext()) {
          SortedRecord<Row> r = it.next();
          if (currentKey == null || !Arrays.equals(currentKey, r.sortKey())) {
            if (top != null) {
              emitTop(top);
            }
            currentKey = r.sortKey();
            top = new Top(Math.min(rankEnd, 4));
          }
          offer(top, r.record(), r.timestamp());
        }
        if (top != null) {
          emitTop(top);
        }
      }
      sorter.close();
      sorter = null;
    }
    if (partitions != null) {
      partitions.clear();
    }
    releaseAll();
  }

  /** For tests: whether the hash table overflowed to disk. */
  public boolean hasSpilled() {
    return spilled;
  }

  /** For tests: how often a LOCAL phase emitted its partial Top-N (end of input included). */
  public long flushes() {
    return flushes;
  }

  @Override
  public void close() throws Exception {
    if (sorter != null) {
      sorter.close();
    }
    super.close();
  }
}
