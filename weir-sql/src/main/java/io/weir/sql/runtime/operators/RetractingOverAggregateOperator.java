package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * STREAMING OVER aggregation with a {@code ROWS BETWEEN n|UNBOUNDED PRECEDING AND CURRENT ROW}
 * frame over an <em>updating</em> input (e.g. a top-1 per key, Nexmark q6; Flink rejects this,
 * FLINK-19059). Keyed by the PARTITION BY fields, each partition's current rows are kept sorted by
 * {@code order} (the ORDER BY followed by all remaining fields, so ties have one deterministic order,
 * the same the BATCH operator uses). An insert or retraction changes the frames of at most the
 * next {@code n} rows: their previous results are retracted and the new ones emitted (unchanged
 * results are not re-emitted). The output is therefore an updating stream whose final state
 * equals the BATCH result over the final input. Results are emitted as rows arrive, not at the
 * watermark (the input's order is already not final while it updates).
 */
public final class RetractingOverAggregateOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row> {
  private final RowTypeInfo inputType;
  private final RowComparator order;
  private final long preceding;
  private final RowAggregator aggregator;

  private transient ValueState<List<Row>> rowsState;
  private transient StreamRecord<Row> out;

  /**
   * @param order total order of a partition's rows (ORDER BY, then every other field)
   * @param preceding rows before the current one in the frame, or {@link OverFrame#UNBOUNDED}
   * @param calls aggregate calls (no ranking functions)
   */
  public RetractingOverAggregateOperator(RowTypeInfo inputType, RowComparator order, long preceding,
      List<AggregateSpec> calls) {
    this.inputType = inputType;
    this.order = order;
    this.preceding = preceding;
    for (AggregateSpec c : calls) {
      if (c.kind() == AggregateSpec.Kind.ROW_NUMBER || c.kind() == AggregateSpec.Kind.RANK
          || c.kind() == AggregateSpec.Kind.DENSE_RANK) {
        throw new IllegalArgumentException(c.kind() + " over an updating input is not supported");
      }
    }
    this.aggregator = new RowAggregator(calls, inputType, true);
  }

  @Override
  public void open() throws Exception {
    rowsState = getKeyedStateBackend().getState(new ValueStateDescriptor<>("over-rows", Types.LIST(inputType)));
    out = new StreamRecord<>(null);
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    List<Row> rows = rowsState.value();
    if (rows == null) {
      rows = new ArrayList<>();
    }
    Row row = in.copy();
    row.setKind(RowKind.INSERT);
    boolean add = RowUtil.isAccumulate(in.getKind());
    int p;
    int oldEnd;
    int newEnd;
    if (add) {
      p = RowUtil.upperBound(rows, row, order);
      oldEnd = frameEnd(p, rows.size(), 0);
    } else {
      p = indexOf(rows, row);
      if (p < 0) {
        return; // retraction of a row never seen (e.g. expired state); nothing to undo
      }
      oldEnd = frameEnd(p, rows.size(), 1);
    }
    List<Row> before = results(rows, p, oldEnd);
    if (add) {
      rows.add(p, row);
      newEnd = frameEnd(p, rows.size(), 1);
    } else {
      rows.remove(p);
      newEnd = frameEnd(p, rows.size(), 0);
    }
    List<Row> after = results(rows, p, newEnd);
    if (rows.isEmpty()) {
      rowsState.clear();
    } else {
      rowsState.update(rows);
    }
    emitDiff(before, after);
  }

  /** End (exclusive) of the rows from {@code p} whose frames contain position p: the next n (+ extra). */
  private int frameEnd(int p, int size, int extra) {
    if (preceding == OverFrame.UNBOUNDED) {
      return size;
    }
    return (int) Math.min(size, p + preceding + extra);
  }

  private List<Row> results(List<Row> rows, int from, int to) {
    List<Row> res = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      int lo = preceding == OverFrame.UNBOUNDED ? 0 : (int) Math.max(0, i - preceding);
      Object[] accs = aggregator.createAccumulators();
      for (int j = lo; j <= i; j++) {
        aggregator.accumulate(accs, rows.get(j));
      }
      Row cur = rows.get(i);
      int n = cur.getArity();
      Row r = new Row(n + aggregator.size());
      for (int f = 0; f < n; f++) {
        r.setField(f, cur.getField(f));
      }
      aggregator.getValues(accs, r, n);
      res.add(r);
    }
    return res;
  }

  private void emitDiff(List<Row> before, List<Row> after) {
    Map<Row, Integer> counts = new HashMap<>();
    for (Row r : after) {
      counts.merge(r, 1, Integer::sum);
    }
    List<Row> retract = new ArrayList<>();
    for (Row r : before) {
      Integer c = counts.get(r);
      if (c != null && c > 0) {
        counts.put(r, c - 1);
      } else {
        retract.add(r);
      }
    }
    List<Row> insert = new ArrayList<>();
    for (Row r : after) {
      Integer c = counts.get(r);
      if (c != null && c > 0) {
        counts.put(r, c - 1);
        insert.add(r);
      }
    }
    for (int i = 0; i < retract.size(); i++) {
      Row r = retract.get(i);
      r.setKind(i < insert.size() ? RowKind.UPDATE_BEFORE : RowKind.DELETE);
      output.collect(out.replace(r));
    }
    for (int i = 0; i < insert.size(); i++) {
      Row r = insert.get(i);
      r.setKind(i < retract.size() ? RowKind.UPDATE_AFTER : RowKind.INSERT);
      output.collect(out.replace(r));
    }
  }

  private int indexOf(List<Row> rows, Row row) {
    for (int i = RowUtil.lowerBound(rows, row, order); i < rows.size() && order.compare(rows.get(i), row) == 0; i++) {
      if (rows.get(i).equals(row)) {
        return i;
      }
    }
    return -1;
  }
}
