package io.weir.datastream.windowing.operators;

import io.weir.core.functions.OutputTag;
import io.weir.core.state.AggregatingState;
import io.weir.core.state.AggregatingStateDescriptor;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReducingState;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.functions.KeyedStateStore;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.state.KeyedStateBackend;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window operators share: the window function call, per-window and per-key state for
 * it, late-record handling and the timer service ("window-timers", windows as namespaces).
 *
 * <p>Time: in BATCH mode the watermark stays at -inf until the input ends (the engine fires a
 * key's event-time timers when the sorted input moves to the next key), so no record is ever late
 * there; processing-time timers do not fire in BATCH, so processing-time windows emit nothing.
 */
abstract class BaseWindowOperator<K, IN, R, OUT, W extends Window>
    extends AbstractUdfStreamOperator<OUT, InternalWindowFunction<R, OUT, K, W>>
    implements OneInputStreamOperator<IN, OUT>, Triggerable<K, W> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BaseWindowOperator.class);

  protected final TypeSerializer<W> windowSerializer;
  protected final boolean eventTime;
  protected final long allowedLateness;
  protected final OutputTag<IN> lateDataOutputTag;

  protected transient InternalTimerService<W> timerService;
  protected transient TimestampedCollector<OUT> collector;
  protected transient WindowContextImpl windowContext;
  private transient long lateRecordsDropped;

  BaseWindowOperator(
      InternalWindowFunction<R, OUT, K, W> windowFunction,
      TypeSerializer<W> windowSerializer,
      boolean eventTime,
      long allowedLateness,
      OutputTag<IN> lateDataOutputTag) {
    super(windowFunction);
    if (allowedLateness < 0) {
      throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness + " ms");
    }
    this.windowSerializer = windowSerializer;
    this.eventTime = eventTime;
    this.allowedLateness = allowedLateness;
    this.lateDataOutputTag = lateDataOutputTag;
  }

  @Override
  public void open() throws Exception {
    timerService = getInternalTimerService("window-timers", windowSerializer, this);
    collector = new TimestampedCollector<>(output);
    windowContext = new WindowContextImpl();
    super.open();
  }

  @Override
  public void close() throws Exception {
    if (lateRecordsDropped > 0) {
      LOG.info("Window operator '{}' dropped {} late records (set sideOutputLateData to keep them)",
          getName(), lateRecordsDropped);
    }
    super.close();
  }

  /** The watermark against which lateness is judged: none in BATCH (-inf until the end). */
  protected long lateWatermark() {
    return eventTime && !isBatchMode() ? currentWatermark : Long.MIN_VALUE;
  }

  /**
   * The watermark triggers see: -inf in BATCH, where event time only jumps to +inf at the end
   * (a trigger comparing a window to it must never fire early there).
   */
  protected long triggerWatermark() {
    return isBatchMode() ? Long.MIN_VALUE : currentWatermark;
  }

  protected static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
  }

  protected long currentProcessingTime() {
    return timerService.currentProcessingTime();
  }

  protected IllegalStateException missingTimestamp(Object assigner) {
    return new IllegalStateException(
        "Window operator '" + getName() + "' (" + assigner + ") got a record without a timestamp: "
            + "event-time windows need timestamps; assign them with a WatermarkStrategy on the source "
            + "or use a processing-time window");
  }

  protected void lateRecord(StreamRecord<IN> record) {
    if (lateDataOutputTag != null) {
      output.collect(lateDataOutputTag, new StreamRecord<>(record.getValue(), record.getTimestamp()));
    } else {
      lateRecordsDropped++;
    }
  }

  /** Late records dropped so far by this subtask (those not sent to a side output). */
  public long getLateRecordsDropped() {
    return lateRecordsDropped;
  }

  @SuppressWarnings("unchecked")
  protected void emitWindowContents(W window, R contents) throws Exception {
    collector.setAbsoluteTimestamp(window.maxTimestamp());
    windowContext.window = window;
    userFunction.process((K) getCurrentKey(), window, windowContext, contents, collector);
  }

  protected void clearWindowFunctionState(W window) throws Exception {
    windowContext.window = window;
    userFunction.clear(window, windowContext);
  }

  protected KeyedStateBackend<Object> backend() {
    return getKeyedStateBackend();
  }

  /** The context the window function sees; bound to the firing window. */
  final class WindowContextImpl implements InternalWindowFunction.InternalWindowContext {
    W window;
    private final StateStore perWindow = new StateStore(true);
    private final StateStore global = new StateStore(false);

    @Override
    public long currentProcessingTime() {
      return BaseWindowOperator.this.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }

    @Override
    public KeyedStateStore windowState() {
      return perWindow;
    }

    @Override
    public KeyedStateStore globalState() {
      return global;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (outputTag == null) {
        throw new IllegalArgumentException("output tag must not be null");
      }
      output.collect(outputTag, new StreamRecord<>(value, window.maxTimestamp()));
    }

    private final class StateStore implements KeyedStateStore {
      private final boolean windowScoped;

      StateStore(boolean windowScoped) {
        this.windowScoped = windowScoped;
      }

      private <S extends State> S get(StateDescriptor<S, ?> d) {
        if (d.getName().equals(WindowContents.STATE_NAME)) {
          throw new IllegalArgumentException("state name '" + d.getName() + "' is reserved by the window operator");
        }
        return windowScoped
            ? backend().getPartitionedState(window, windowSerializer, d)
            : backend().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, d);
      }

      @Override
      public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <MK, MV> MapState<MK, MV> getMapState(MapStateDescriptor<MK, MV> descriptor) {
        return get(descriptor);
      }

      @Override
      public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <I, A, O> AggregatingState<I, O> getAggregatingState(AggregatingStateDescriptor<I, A, O> descriptor) {
        return get(descriptor);
      }
    }
  }
}
