package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-N by ROW_NUMBER per partition (keyed by the PARTITION BY fields): keeps the rows whose row
 * number within the partition, ordered by {@code order}, is in {@code [rankStart, rankEnd]}.
 * Deduplication is Top-1 (keep first row: order by time ascending; keep last row: descending).
 * Output rows are the input fields, plus the row number (BIGINT) as last field when
 * {@code outputRankNumber}. Rows tying on {@code order} are numbered by arrival.
 *
 * <p>STREAMING: consumes a changelog; after each input the visible ranks before and after are
 * compared and the difference emitted: with the row number, position by position (-U old / +U new
 * when a rank's row changed, +I for a new rank, -D for a vanished one); without it, -D for rows
 * that left the Top-N and +I for rows that entered it. For insert-only input
 * ({@code inputInsertOnly}) only the first {@code rankEnd} rows of a partition are kept in state.
 *
 * <p>BATCH: collects the partition and emits its final Top-N (inserts only) on the key's
 * end-of-input timer.
 */
public final class RankOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, VoidNamespace> {
  private final RowTypeInfo inputType;
  private final RowComparator order;
  private final long rankStart;
  private final long rankEnd;
  private final boolean outputRankNumber;
  private final boolean inputInsertOnly;
  private final boolean latestWinsTies;

  private transient ValueState<List<Row>> state;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param inputType type of the input rows (state serializer)
   * @param order ORDER BY of the OVER window
   * @param rankStart first row number kept (1-based, inclusive)
   * @param rankEnd last row number kept (inclusive)
   * @param outputRankNumber append the row number as a BIGINT field
   * @param inputInsertOnly the input has no retractions (keeps only rankEnd rows per partition)
   */
  public RankOperator(RowTypeInfo inputType, RowComparator order, long rankStart, long rankEnd,
      boolean outputRankNumber, boolean inputInsertOnly) {
    this(inputType, order, rankStart, rankEnd, outputRankNumber, inputInsertOnly, false);
  }

  /**
   * @param latestWinsTies a row that ties on {@code order} goes before the rows it ties with:
   *     deduplication keeping the last row by a time attribute replaces the kept row with a later
   *     arrival of the same time, as Flink does (other Top-N keep ties in arrival order)
   */
  public RankOperator(RowTypeInfo inputType, RowComparator order, long rankStart, long rankEnd,
      boolean outputRankNumber, boolean inputInsertOnly, boolean latestWinsTies) {
    if (rankStart < 1 || rankEnd < rankStart) {
      throw new IllegalArgumentException("invalid Top-N range [" + rankStart + ", " + rankEnd + "]");
    }
    this.inputType = inputType;
    this.order = order;
    this.rankStart = rankStart;
    this.rankEnd = rankEnd;
    this.outputRankNumber = outputRankNumber;
    this.inputInsertOnly = inputInsertOnly;
    this.latestWinsTies = latestWinsTies;
  }

  @Override
  public void open() throws Exception {
    state = getKeyedStateBackend().getState(new ValueStateDescriptor<>("rank-rows", Types.LIST(inputType)));
    timers = getInternalTimerService("rank", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
  }

  /** Adds or removes a row; false when nothing changed. */
  private boolean apply(List<Row> rows, Row input) {
    Row row = RowUtil.asInsert(input);
    if (RowUtil.isAccumulate(input.getKind())) {
      int pos = latestWinsTies ? RowUtil.lowerBound(rows, row, order) : RowUtil.upperBound(rows, row, order);
      if (inputInsertOnly && pos >= rankEnd) {
        return false;
      }
      rows.add(pos, row);
      if (inputInsertOnly && rows.size() > rankEnd) {
        rows.remove(rows.size() - 1);
      }
      return true;
    }
    int first = RowUtil.lowerBound(rows, row, order);
    for (int i = RowUtil.upperBound(rows, row, order) - 1; i >= first; i--) {
      if (RowUtil.sameFields(rows.get(i), row)) {
        rows.remove(i);
        return true;
      }
    }
    return false; // retraction of a row we do not hold
  }

  private List<Row> visible(List<Row> rows) {
    int from = (int) Math.min(rows.size(), rankStart - 1);
    int to = (int) Math.min(rows.size(), rankEnd);
    return new ArrayList<>(rows.subList(from, to));
  }

  private Row withRank(Row row, long rank, RowKind kind) {
    if (!outputRankNumber) {
      return RowUtil.withKind(row, kind);
    }
    Row r = new Row(kind, row.getArity() + 1);
    for (int i = 0; i < row.getArity(); i++) {
      r.setField(i, row.getField(i));
    }
    r.setField(row.getArity(), rank);
    return r;
  }

  private void emit(Row row, long ts) {
    output.collect(out.replace(row, ts));
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row input = record.getValue();
    List<Row> rows = state.value();
    if (rows == null) {
      if (!RowUtil.isAccumulate(input.getKind())) {
        return;
      }
      rows = new ArrayList<>();
      if (isBatchMode()) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
      }
    }
    if (isBatchMode()) {
      // append now, sort once on the timer (sorted insertion would be quadratic for a big ORDER BY);
      // with a small Top-N, trim now and then to keep the partition bounded
      if (RowUtil.isAccumulate(input.getKind())) {
        rows.add(RowUtil.asInsert(input));
      } else {
        for (int i = rows.size() - 1; i >= 0; i--) {
          if (RowUtil.sameFields(rows.get(i), input)) {
            rows.remove(i);
            break;
          }
        }
      }
      if (inputInsertOnly && rankEnd < Integer.MAX_VALUE / 4 && rows.size() >= 2 * rankEnd + 1024) {
        sortByRank(rows);
        rows.subList((int) rankEnd, rows.size()).clear();
      }
      state.update(rows);
      return;
    }
    List<Row> before = visible(rows);
    if (!apply(rows, input)) {
      return;
    }
    List<Row> after = visible(rows);
    if (rows.isEmpty()) {
      state.clear();
    } else {
      state.update(rows);
    }
    long ts = record.getTimestamp();
    if (outputRankNumber) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        Row b = i < before.size() ? before.get(i) : null;
        Row a = i < after.size() ? after.get(i) : null;
        long rank = rankStart + i;
        if (b != null && a != null) {
          if (!RowUtil.sameFields(a, b)) {
            emit(withRank(b, rank, RowKind.UPDATE_BEFORE), ts);
            emit(withRank(a, rank, RowKind.UPDATE_AFTER), ts);
          }
        } else if (b != null) {
          emit(withRank(b, rank, RowKind.DELETE), ts);
        } else {
          emit(withRank(a, rank, RowKind.INSERT), ts);
        }
      }
      return;
    }
    if (before.size() <= SMALL_DIFF && after.size() <= SMALL_DIFF) {
      emitSmallDiff(before, after, ts);
      return;
    }
    Map<Row, Integer> delta = new HashMap<>();
    for (Row b : before) {
      delta.merge(b, -1, Integer::sum);
    }
    for (Row a : after) {
      delta.merge(a, 1, Integer::sum);
    }
    for (Row b : before) {
      Integer d = delta.get(b);
      if (d != null && d < 0) {
        emit(RowUtil.withKind(b, RowKind.DELETE), ts);
        delta.put(b, d + 1);
      }
    }
    for (Row a : after) {
      Integer d = delta.get(a);
      if (d != null && d > 0) {
        emit(RowUtil.withKind(a, RowKind.INSERT), ts);
        delta.put(a, d - 1);
      }
    }
  }

  /** Up to this many visible rows the difference is computed by pairwise comparison. */
  private static final int SMALL_DIFF = 16;

  /**
   * The difference {@link #processElement} computes with a count map, without hashing every row
   * (a bid row hashes two long strings; deduplication and small Top-N do this per record): of rows
   * with equal fields, the first (before count - after count) in {@code before} leave (-D), the
   * first (after count - before count) in {@code after} enter (+I). Visible rows are all INSERT
   * rows, so equal fields is {@link Row#equals}, the map's equality.
   */
  private void emitSmallDiff(List<Row> before, List<Row> after, long ts) {
    emitSurplus(before, after, RowKind.DELETE, ts);
    emitSurplus(after, before, RowKind.INSERT, ts);
  }

  /** Emits, as {@code kind}, the first (count in own - count in other) of each row's equals in {@code own}. */
  private void emitSurplus(List<Row> own, List<Row> other, RowKind kind, long ts) {
    for (int i = 0; i < own.size(); i++) {
      Row r = own.get(i);
      int rank = 1 + countSame(own, 0, i, r);
      int surplus = countSame(own, 0, own.size(), r) - countSame(other, 0, other.size(), r);
      if (rank <= surplus) {
        emit(RowUtil.withKind(r, kind), ts);
      }
    }
  }

  private static int countSame(List<Row> rows, int from, int to, Row row) {
    int n = 0;
    for (int j = from; j < to; j++) {
      Row r = rows.get(j);
      if (r == row || RowUtil.sameFields(r, row)) {
        n++;
      }
    }
    return n;
  }

  /** BATCH: the order streaming insertion gives (stable sort; latestWinsTies puts later arrivals first). */
  private void sortByRank(List<Row> rows) {
    if (latestWinsTies) {
      java.util.Collections.reverse(rows);
    }
    rows.sort(order);
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    List<Row> rows = state.value();
    if (rows != null) {
      sortByRank(rows);
      List<Row> top = visible(rows);
      for (int i = 0; i < top.size(); i++) {
        emit(withRank(top.get(i), rankStart + i, RowKind.INSERT), StreamRecord.NO_TIMESTAMP);
      }
    }
    state.clear();
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}
}
