package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.Row;
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
import java.util.List;

/**
 * STREAMING {@code ORDER BY rowtime [, other fields]} on an event-time attribute (ascending):
 * rows wait in state until the watermark passes their time and are then emitted in time order,
 * rows of equal time ordered by {@code secondary} (or arrival). Late rows are dropped. Insert-only.
 * Keyed by an empty key with parallelism 1 (a global order). In BATCH the same happens at end of
 * input (one timer per distinct time), which is correct but {@code batch.SortOperator} is the
 * cheaper choice there.
 */
public final class TemporalSortOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, VoidNamespace> {
  private final RowTypeInfo inputType;
  private final int timeField;
  private final RowComparator secondary;

  private transient MapState<Long, List<Row>> buffer;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param inputType type of the input rows
   * @param timeField the event-time attribute sorted on
   * @param secondary order among rows of equal time, or null for arrival order
   */
  public TemporalSortOperator(RowTypeInfo inputType, int timeField, RowComparator secondary) {
    this.inputType = inputType;
    this.timeField = timeField;
    this.secondary = secondary;
  }

  @Override
  public void open() throws Exception {
    buffer = getKeyedStateBackend().getState(new MapStateDescriptor<>("sort-buffer", Types.LONG, Types.LIST(inputType)));
    timers = getInternalTimerService("temporal-sort", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("ORDER BY a time attribute needs an insert-only input, got " + row);
    }
    Object t = row.getField(timeField);
    if (t == null) {
      return;
    }
    long ts = RowUtil.toMillis(t);
    if (ts <= timers.currentWatermark()) {
      return; // late
    }
    List<Row> rows = buffer.get(ts);
    if (rows == null) {
      rows = new ArrayList<>();
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ts);
    }
    rows.add(row);
    buffer.put(ts, rows);
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    List<Row> rows = buffer.get(timer.getTimestamp());
    if (rows == null) {
      return;
    }
    buffer.remove(timer.getTimestamp());
    if (secondary != null) {
      rows.sort(secondary);
    }
    for (Row r : rows) {
      output.collect(out.replace(r, timer.getTimestamp()));
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}
}
