package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-time temporal join against a versioned table: {@code l JOIN r FOR SYSTEM_TIME AS OF
 * l.rowtime ON l.k = r.pk}, keyed on both inputs by the join key (the versioned table's primary
 * key). Input 1 is insert-only; input 2 is the versioned table's changelog (+I/+U add a version at
 * its rowtime, -D ends the row at its rowtime, -U is ignored). A left row waits until the
 * watermark reaches its time, then joins the version valid at that time (the latest version at or
 * before it, unless deleted); INNER emits only matches, LEFT pads the rest with NULLs. Output is
 * insert-only {@code left ++ right} with the left row's timestamp. Versions no future left row can
 * see are dropped. Left rows behind the watermark on arrival are late and dropped. Same behavior in
 * BATCH.
 */
public final class TemporalJoinOperator extends AbstractStreamOperator<Row>
    implements TwoInputStreamOperator<Row, Row, Row>, Triggerable<Row, VoidNamespace> {
  private final JoinType type;
  private final RowTypeInfo leftType;
  private final RowTypeInfo rightType;
  private final int leftTimeField;
  private final int rightTimeField;
  private final RowPredicate residual;

  private transient MapState<Long, List<Row>> leftBuffer;
  private transient MapState<Long, Row> versions;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param type INNER or LEFT
   * @param leftType type of input 1 (probe side)
   * @param rightType type of input 2 (versioned table)
   * @param leftTimeField rowtime of the left rows
   * @param rightTimeField rowtime of the versioned table's rows
   * @param residual other conditions on {@code left ++ right}, or null
   */
  public TemporalJoinOperator(JoinType type, RowTypeInfo leftType, RowTypeInfo rightType, int leftTimeField,
      int rightTimeField, RowPredicate residual) {
    if (type != JoinType.INNER && type != JoinType.LEFT) {
      throw new IllegalArgumentException("temporal joins support INNER and LEFT, not " + type);
    }
    this.type = type;
    this.leftType = leftType;
    this.rightType = rightType;
    this.leftTimeField = leftTimeField;
    this.rightTimeField = rightTimeField;
    this.residual = residual;
  }

  @Override
  public void open() throws Exception {
    leftBuffer = getKeyedStateBackend().getState(new MapStateDescriptor<>("temporal-left", Types.LONG, Types.LIST(leftType)));
    versions = getKeyedStateBackend().getState(new MapStateDescriptor<>("temporal-versions", Types.LONG, rightType));
    timers = getInternalTimerService("temporal-join", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
  }

  @Override
  public void processElement1(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("the probe side of a temporal join must be insert-only, got " + row);
    }
    Object t = row.getField(leftTimeField);
    if (t == null) {
      if (type == JoinType.LEFT) {
        output.collect(out.replace(RowUtil.join(RowKind.INSERT, row, leftType.getArity(), null, rightType.getArity()),
            StreamRecord.NO_TIMESTAMP));
      }
      return;
    }
    long ts = RowUtil.toMillis(t);
    if (ts <= timers.currentWatermark()) {
      return; // late
    }
    List<Row> rows = leftBuffer.get(ts);
    if (rows == null) {
      rows = new ArrayList<>();
    }
    rows.add(RowUtil.asInsert(row));
    leftBuffer.put(ts, rows);
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ts);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    if (row.getKind() == RowKind.UPDATE_BEFORE) {
      return; // the +U that follows carries the new version
    }
    Object t = row.getField(rightTimeField);
    if (t == null) {
      return;
    }
    versions.put(RowUtil.toMillis(t), row.getKind() == RowKind.DELETE ? row : RowUtil.asInsert(row));
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    long time = timer.getTimestamp();
    TreeMap<Long, Row> sorted = new TreeMap<>();
    for (Map.Entry<Long, Row> e : versions.entries()) {
      sorted.put(e.getKey(), e.getValue());
    }
    TreeMap<Long, List<Row>> due = new TreeMap<>();
    for (Map.Entry<Long, List<Row>> e : leftBuffer.entries()) {
      if (e.getKey() <= time) {
        due.put(e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<Long, List<Row>> e : due.entrySet()) {
      Map.Entry<Long, Row> version = sorted.floorEntry(e.getKey());
      Row right = version == null || version.getValue().getKind() == RowKind.DELETE ? null : version.getValue();
      for (Row l : e.getValue()) {
        Row joined = right == null ? null : RowUtil.join(RowKind.INSERT, l, leftType.getArity(), right, rightType.getArity());
        if (joined != null && (residual == null || residual.test(joined))) {
          output.collect(out.replace(joined, e.getKey()));
        } else if (type == JoinType.LEFT) {
          output.collect(out.replace(RowUtil.join(RowKind.INSERT, l, leftType.getArity(), null, rightType.getArity()),
              e.getKey()));
        }
      }
      leftBuffer.remove(e.getKey());
    }
    // future left rows are later than 'time': they can only see the version valid at 'time' or newer
    Long keep = sorted.floorKey(time);
    if (keep != null) {
      for (Long old : sorted.headMap(keep, false).keySet()) {
        versions.remove(old);
      }
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}
}
