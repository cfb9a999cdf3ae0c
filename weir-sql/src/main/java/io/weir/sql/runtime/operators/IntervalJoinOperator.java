package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.util.RowUtil;
import io.weir.sql.runtime.util.SimpleTypeInfo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Event-time interval join: {@code l.key = r.key AND r.time BETWEEN l.time + lowerBound AND
 * l.time + upperBound} (bounds in ms, inclusive) plus a residual predicate on {@code l ++ r};
 * keyed on both inputs by the equi key. INNER, LEFT, RIGHT, FULL. Output is insert-only
 * {@code left ++ right}: a pair is emitted when its second row arrives; a row of an outer side
 * that can no longer match (the watermark passed the end of its interval) and never matched is
 * emitted NULL-padded then, and dropped from state. Rows already behind the watermark on arrival
 * are late and dropped; rows with a NULL time never match. Insert-only input.
 *
 * <p>State: one {@link Buffers} per key, both sides' rows each in time order (rows arrive nearly
 * in time order, so an insert is almost always an append), so that a row finds its partners by a
 * binary search over the other side and expiry drops a prefix. Cleanup (STREAMING) goes without
 * keyed timers: each side has a FIFO {@link CleanupQueue} with one entry per key whose rows of that
 * side are not all gone, at the cleanup time of its earliest row when queued; each watermark pops
 * the due entries, drops the key's expired rows and queues the key again if rows remain. Entries
 * are queued in arrival order, so one may wait behind a later one: a row is dropped late by at
 * most the input's disorder (never before it can no longer match). The queues are not
 * checkpointed; they are rebuilt from the keyed state on restore. This saves a timer per key (a
 * timer object, the timer set's hashing, a second state lookup when it fires), which was most of
 * Nexmark q7's join cost, where nearly every price is a key of its own. BATCH keeps one
 * end-of-key timer per key.
 *
 * <p>The same algorithm is correct in BATCH (the watermark stays -inf while a key's rows arrive
 * and a key's cleanup timers fire when the key is done), and output is append-only in both modes.
 */
public final class IntervalJoinOperator extends AbstractStreamOperator<Row>
    implements TwoInputStreamOperator<Row, Row, Row>, Triggerable<Row, VoidNamespace> {
  private final JoinType type;
  private final RowTypeInfo leftType;
  private final RowTypeInfo rightType;
  private final int leftTimeField;
  private final int rightTimeField;
  private final long lowerBound;
  private final long upperBound;
  private final RowPredicate residual;
  /** A row of time t is kept until the watermark reaches t + this (left) ... */
  private final long leftKeep;
  /** ... or t + this (right): the end of its partners' time range, and not before t itself. */
  private final long rightKeep;

  private transient ValueStateDescriptor<Buffers> descriptor;
  private transient ValueState<Buffers> state;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient CleanupQueue leftQueue;
  private transient CleanupQueue rightQueue;
  private transient StreamRecord<Row> out;
  private transient int leftArity;
  private transient int rightArity;

  /**
   * @param type INNER, LEFT, RIGHT or FULL
   * @param leftType type of input 1
   * @param rightType type of input 2
   * @param leftTimeField event-time field of the left rows
   * @param rightTimeField event-time field of the right rows
   * @param lowerBound r.time >= l.time + lowerBound (ms, may be negative)
   * @param upperBound r.time <= l.time + upperBound (ms)
   * @param residual other conditions on {@code left ++ right}, or null
   */
  public IntervalJoinOperator(JoinType type, RowTypeInfo leftType, RowTypeInfo rightType, int leftTimeField,
      int rightTimeField, long lowerBound, long upperBound, RowPredicate residual) {
    if (type == JoinType.SEMI || type == JoinType.ANTI) {
      throw new IllegalArgumentException("interval joins support INNER, LEFT, RIGHT and FULL, not " + type);
    }
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException("interval join lower bound " + lowerBound + " ms is above the upper bound "
          + upperBound + " ms");
    }
    this.type = type;
    this.leftType = leftType;
    this.rightType = rightType;
    this.leftTimeField = leftTimeField;
    this.rightTimeField = rightTimeField;
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
    this.residual = residual;
    // a left row at t meets right rows up to t + upperBound; a right row at t left rows up to t - lowerBound
    this.leftKeep = Math.max(upperBound, 0);
    this.rightKeep = Math.max(-lowerBound, 0);
  }

  @Override
  public void open() throws Exception {
    TypeSerializer<Buffers> serializer = new BuffersSerializer(leftType.createSerializer(), rightType.createSerializer());
    descriptor = new ValueStateDescriptor<>("interval-join",
        new SimpleTypeInfo<>(Buffers.class, serializer, "IntervalJoinBuffers"));
    state = getKeyedStateBackend().getState(descriptor);
    timers = getInternalTimerService("interval-join", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
    leftArity = leftType.getArity();
    rightArity = rightType.getArity();
    leftQueue = new CleanupQueue();
    rightQueue = new CleanupQueue();
    if (!isBatchMode()) {
      // restored keys (none on a fresh start) go back into the queues, in cleanup order
      getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, descriptor, (key, s) -> {
        Buffers b = s.value();
        if (b.left != null && b.left.start < b.left.end) {
          leftQueue.add(b.left.times[b.left.start] + leftKeep, key, b);
        }
        if (b.right != null && b.right.start < b.right.end) {
          rightQueue.add(b.right.times[b.right.start] + rightKeep, key, b);
        }
      });
      leftQueue.sort();
      rightQueue.sort();
    }
  }

  @Override
  public void processElement1(StreamRecord<Row> record) throws Exception {
    process(record.getValue(), true);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) throws Exception {
    process(record.getValue(), false);
  }

  private void emit(Row l, Row r, long ts) {
    output.collect(out.replace(RowUtil.join(RowKind.INSERT, l, leftArity, r, rightArity), ts));
  }

  private void process(Row row, boolean isLeft) throws Exception {
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("interval join needs insert-only inputs, got " + row);
    }
    row = RowUtil.asInsert(row);
    Object t = row.getField(isLeft ? leftTimeField : rightTimeField);
    boolean outer = isLeft ? type.leftOuter() : type.rightOuter();
    if (t == null) {
      if (outer) {
        emit(isLeft ? row : null, isLeft ? null : row, StreamRecord.NO_TIMESTAMP);
      }
      return;
    }
    long ts = RowUtil.toMillis(t);
    long watermark = timers.currentWatermark();
    if (ts <= watermark) {
      return; // late
    }
    Buffers buf = state.value();
    boolean matched = false;
    if (buf != null) {
      Side other = isLeft ? buf.right : buf.left;
      if (other != null && other.start < other.end) {
        // the other side's matching time range
        long from = isLeft ? ts + lowerBound : ts - upperBound;
        long to = isLeft ? ts + upperBound : ts - lowerBound;
        long[] times = other.times;
        for (int i = other.lowerBound(from); i < other.end && times[i] <= to; i++) {
          Row o = other.rows[i];
          Row joined = isLeft ? RowUtil.join(RowKind.INSERT, row, leftArity, o, rightArity)
              : RowUtil.join(RowKind.INSERT, o, leftArity, row, rightArity);
          if (residual == null || residual.test(joined)) {
            matched = true;
            other.matched[i] = true;
            output.collect(out.replace(joined, Math.max(ts, times[i])));
          }
        }
      }
    }
    // keep the row while rows of the other side can still arrive in its range
    long expiry = isLeft ? ts + upperBound : ts - lowerBound;
    boolean batch = isBatchMode();
    if (expiry > watermark || batch) {
      if (buf == null) {
        buf = new Buffers();
        state.update(buf);
        if (batch) {
          timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
        }
      }
      // later changes to buf need no update(): the heap backend holds this object, and snapshots
      // serialize it synchronously on this thread
      Side side = buf.side(isLeft);
      if (side.start == side.end && !batch) {
        (isLeft ? leftQueue : rightQueue).add(ts + (isLeft ? leftKeep : rightKeep), getCurrentKey(), buf);
      }
      side.add(ts, row, matched);
    } else if (!matched && outer) {
      emit(isLeft ? row : null, isLeft ? null : row, ts);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    long watermark = mark.getTimestamp();
    cleanUp(leftQueue, true, watermark);
    cleanUp(rightQueue, false, watermark);
    super.processWatermark(mark);
  }

  /** Pops the due entries of one side: drops their expired rows, queues them again if rows remain. */
  private void cleanUp(CleanupQueue queue, boolean isLeft, long watermark) {
    long keep = isLeft ? leftKeep : rightKeep;
    while (queue.size > 0 && queue.times[queue.head] <= watermark) {
      Object key = queue.keys[queue.head];
      Buffers buf = queue.buffers[queue.head];
      queue.pop();
      Side side = buf.peek(isLeft);
      expire(side, isLeft, watermark);
      if (side.start < side.end) {
        queue.add(side.times[side.start] + keep, key, buf);
      } else {
        Side other = buf.peek(!isLeft);
        if (other.start == other.end) {
          // the key's last rows are gone; buf is still its state: a key gets a new Buffers only
          // when it has none, and an empty side has no queue entry
          setCurrentKey(key);
          state.clear();
        }
      }
    }
  }

  /** BATCH: the key's input is complete. */
  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    Buffers buf = state.value();
    if (buf == null) {
      return;
    }
    expire(buf.peek(true), true, Long.MAX_VALUE);
    expire(buf.peek(false), false, Long.MAX_VALUE);
    state.clear();
  }

  private void expire(Side side, boolean isLeft, long watermark) {
    if (side.start == side.end) {
      return;
    }
    long keep = isLeft ? leftKeep : rightKeep;
    boolean outer = isLeft ? type.leftOuter() : type.rightOuter();
    int i = side.start;
    // t + keep <= watermark, written so that watermark = Long.MAX_VALUE cannot overflow
    while (i < side.end && side.times[i] <= watermark - keep) {
      if (outer && !side.matched[i]) {
        Row row = side.rows[i];
        emit(isLeft ? row : null, isLeft ? null : row, side.times[i]);
      }
      i++;
    }
    side.dropBefore(i);
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}

  /** Rows held in state, both sides, all keys (walks every key: for tests and diagnostics). */
  public long bufferedRows() throws Exception {
    long[] n = {0};
    getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, descriptor, (key, s) -> {
      Buffers b = s.value();
      n[0] += b.peek(true).end - b.peek(true).start + b.peek(false).end - b.peek(false).start;
    });
    return n[0];
  }

  // ---------------------------------------------------------------- state

  /** One key's buffered rows of both sides (a side only once it had a row). */
  static final class Buffers {
    private static final Side NONE = new Side();

    Side left;
    Side right;

    /** The side's rows; for a side that never had any, a shared empty side (do not add to it). */
    Side peek(boolean isLeft) {
      Side s = isLeft ? left : right;
      return s == null ? NONE : s;
    }

    Side side(boolean isLeft) {
      if (isLeft) {
        return left != null ? left : (left = new Side());
      }
      return right != null ? right : (right = new Side());
    }
  }

  /**
   * Keys to clean up of one side, FIFO: cleanup time, key, the key's Buffers (its state object, so
   * the rows can be dropped without a state lookup).
   */
  static final class CleanupQueue {
    long[] times = new long[16];
    Object[] keys = new Object[16];
    Buffers[] buffers = new Buffers[16];
    int head;
    int size;

    void add(long time, Object key, Buffers buf) {
      if (size == times.length) {
        grow();
      }
      int i = (head + size) & (times.length - 1);
      times[i] = time;
      keys[i] = key;
      buffers[i] = buf;
      size++;
    }

    void pop() {
      keys[head] = null;
      buffers[head] = null;
      head = (head + 1) & (times.length - 1);
      size--;
    }

    private void grow() {
      int n = times.length;
      long[] t = new long[2 * n];
      Object[] k = new Object[2 * n];
      Buffers[] b = new Buffers[2 * n];
      for (int j = 0; j < size; j++) {
        int i = (head + j) & (n - 1);
        t[j] = times[i];
        k[j] = keys[i];
        b[j] = buffers[i];
      }
      times = t;
      keys = k;
      buffers = b;
      head = 0;
    }

    /** Orders the entries by time (after a restore added them in key order). */
    void sort() {
      Integer[] order = new Integer[size];
      for (int j = 0; j < size; j++) {
        order[j] = (head + j) & (times.length - 1);
      }
      long[] t = times;
      Arrays.sort(order, (x, y) -> Long.compare(t[x], t[y]));
      long[] nt = new long[times.length];
      Object[] nk = new Object[times.length];
      Buffers[] nb = new Buffers[times.length];
      for (int j = 0; j < size; j++) {
        nt[j] = times[order[j]];
        nk[j] = keys[order[j]];
        nb[j] = buffers[order[j]];
      }
      times = nt;
      keys = nk;
      buffers = nb;
      head = 0;
    }
  }

  /** Rows of one side ordered by time (ties in arrival order): index {@code start} to {@code end - 1}. */
  static final class Side {
    private static final long[] NO_TIMES = {};
    private static final Row[] NO_ROWS = {};
    private static final boolean[] NO_FLAGS = {};

    long[] times = NO_TIMES;
    Row[] rows = NO_ROWS;
    boolean[] matched = NO_FLAGS;
    int start;
    int end;

    /** First index in [start, end) whose time is >= {@code t}, else end. */
    int lowerBound(long t) {
      int lo = start;
      int hi = end;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    void add(long t, Row row, boolean m) {
      if (end == times.length) {
        int size = end - start;
        if (start > 0 && size < times.length / 2 + 1) {
          System.arraycopy(times, start, times, 0, size);
          System.arraycopy(rows, start, rows, 0, size);
          System.arraycopy(matched, start, matched, 0, size);
          Arrays.fill(rows, size, end, null);
        } else {
          int cap = Math.max(2, times.length * 2);
          times = Arrays.copyOfRange(times, start, start + cap);
          rows = Arrays.copyOfRange(rows, start, start + cap);
          matched = Arrays.copyOfRange(matched, start, start + cap);
        }
        start = 0;
        end = size;
      }
      int pos = end;
      if (end > start && times[end - 1] > t) {
        pos = lowerBound(t + 1); // after the rows of the same time: arrival order
        System.arraycopy(times, pos, times, pos + 1, end - pos);
        System.arraycopy(rows, pos, rows, pos + 1, end - pos);
        System.arraycopy(matched, pos, matched, pos + 1, end - pos);
      }
      times[pos] = t;
      rows[pos] = row;
      matched[pos] = m;
      end++;
    }

    /** Drops the rows before index {@code i}. */
    void dropBefore(int i) {
      if (i == end) {
        Arrays.fill(rows, start, end, null);
        start = 0;
        end = 0;
      } else if (i > start) {
        Arrays.fill(rows, start, i, null);
        start = i;
      }
    }
  }

  /** {@code long timer; per side: int n; n x (long time, boolean matched, row)}. */
  static final class BuffersSerializer implements TypeSerializer<Buffers> {
    private final TypeSerializer<Row> leftRows;
    private final TypeSerializer<Row> rightRows;

    BuffersSerializer(TypeSerializer<Row> leftRows, TypeSerializer<Row> rightRows) {
      this.leftRows = leftRows;
      this.rightRows = rightRows;
    }

    @Override
    public void serialize(Buffers b, DataOutput out) throws IOException {
      write(b.peek(true), leftRows, out);
      write(b.peek(false), rightRows, out);
    }

    private static void write(Side s, TypeSerializer<Row> rows, DataOutput out) throws IOException {
      out.writeInt(s.end - s.start);
      for (int i = s.start; i < s.end; i++) {
        out.writeLong(s.times[i]);
        out.writeBoolean(s.matched[i]);
        rows.serialize(s.rows[i], out);
      }
    }

    @Override
    public Buffers deserialize(DataInput in) throws IOException {
      Buffers b = new Buffers();
      b.left = read(leftRows, in);
      b.right = read(rightRows, in);
      return b;
    }

    private static Side read(TypeSerializer<Row> rows, DataInput in) throws IOException {
      int n = in.readInt();
      if (n == 0) {
        return null;
      }
      Side s = new Side();
      s.times = new long[n];
      s.rows = new Row[n];
      s.matched = new boolean[n];
      for (int i = 0; i < n; i++) {
        s.times[i] = in.readLong();
        s.matched[i] = in.readBoolean();
        s.rows[i] = rows.deserialize(in);
      }
      s.end = n;
      return s;
    }

    @Override
    public Buffers copy(Buffers b) {
      Buffers c = new Buffers();
      c.left = b.left == null ? null : copy(b.left, leftRows);
      c.right = b.right == null ? null : copy(b.right, rightRows);
      return c;
    }

    private static Side copy(Side from, TypeSerializer<Row> rows) {
      Side to = new Side();
      int n = from.end - from.start;
      to.times = Arrays.copyOfRange(from.times, from.start, from.end);
      to.matched = Arrays.copyOfRange(from.matched, from.start, from.end);
      to.rows = new Row[n];
      for (int i = 0; i < n; i++) {
        to.rows[i] = rows.copy(from.rows[from.start + i]);
      }
      to.end = n;
      return to;
    }
  }
}
