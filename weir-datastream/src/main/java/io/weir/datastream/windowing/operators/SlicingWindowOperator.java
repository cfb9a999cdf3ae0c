package io.weir.datastream.windowing.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.windowing.assigners.SliceableWindowAssigner;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tumbling and sliding windows (default trigger) computed from panes: time is cut into panes of
 * length gcd(size, slide); every window is the union of size/pane consecutive panes. A record
 * costs one state update (its pane) however many windows overlap; a firing window combines its
 * panes (merges accumulators for reduce/aggregate, concatenates element lists otherwise).
 *
 * <p>Timers (namespace = the window): a record registers the end of the first window containing
 * its pane that has not fired yet; a firing window registers the next window when that one
 * already holds data. With allowed lateness a fired window also registers its cleanup time
 * (end - 1 + lateness); the panes only it still needs (its first {@code slide}) are cleared then,
 * or right after firing without lateness. A record for windows that fired but are not yet cleaned
 * up fires them again at once (late firing: the result includes the record); a record all of whose
 * windows are cleaned up is late and goes to the side output or is dropped.
 *
 * <p>Processing-time windows work the same with the subtask's clock (no lateness); they fire in
 * STREAMING mode only.
 */
public class SlicingWindowOperator<K, IN, ACC, R, OUT> extends BaseWindowOperator<K, IN, R, OUT, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final SliceableWindowAssigner assigner;
  private final WindowContents<IN, ACC, R> contents;
  private final long size;
  private final long slide;
  private final long offset;
  private final long paneSize;

  private transient WindowContents.Handle<IN, ACC, R, TimeWindow> handle;

  public SlicingWindowOperator(
      SliceableWindowAssigner assigner,
      WindowContents<IN, ACC, R> contents,
      InternalWindowFunction<R, OUT, K, TimeWindow> windowFunction,
      long allowedLateness,
      OutputTag<IN> lateDataOutputTag) {
    super(windowFunction, TimeWindow.Serializer.INSTANCE, assigner.isEventTime(),
        assigner.isEventTime() ? allowedLateness : 0, lateDataOutputTag);
    this.assigner = assigner;
    this.contents = contents;
    this.size = assigner.getSize();
    this.slide = assigner.getSlide();
    this.offset = assigner.getOffset();
    this.paneSize = gcd(size, slide);
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  public long getPaneSize() {
    return paneSize;
  }

  @Override
  public void open() throws Exception {
    super.open();
    handle = contents.bind(backend(), windowSerializer);
  }

  private TimeWindow pane(long start) {
    return new TimeWindow(start, start + paneSize);
  }

  private TimeWindow window(long start) {
    return new TimeWindow(start, start + size);
  }

  private long cleanupTime(long windowMax) {
    return saturatedAdd(windowMax, allowedLateness);
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    long ts;
    if (eventTime) {
      if (!record.hasTimestamp()) {
        throw missingTimestamp(assigner);
      }
      ts = record.getTimestamp();
    } else {
      ts = currentProcessingTime();
    }
    long wm = lateWatermark();
    long lastStart = TimeWindow.getWindowStartWithOffset(ts, offset, slide);
    if (lastStart + size <= ts) {
      // Between two windows (slide > size): the record belongs to no window.
      if (eventTime && saturatedAdd(ts, allowedLateness) <= wm) {
        lateRecord(record);
      }
      return;
    }
    if (cleanupTime(lastStart + size - 1) <= wm) {
      // Even the last window containing the record is cleaned up already.
      lateRecord(record);
      return;
    }
    long firstStart = lastStart - ((lastStart + size - 1 - ts) / slide) * slide;

    handle.add(pane(TimeWindow.getWindowStartWithOffset(ts, offset, paneSize)), record.getValue());

    if (firstStart + size - 1 > wm) {
      registerFireTimer(window(firstStart));
      return;
    }
    // Some windows of the record have fired already: fire those still within their lateness
    // again, and make sure the first one that has not fired has a timer.
    for (long start = firstStart; start <= lastStart; start += slide) {
      long max = start + size - 1;
      if (cleanupTime(max) <= wm) {
        continue;
      }
      TimeWindow w = window(start);
      if (max <= wm) {
        fire(w, false);
      } else {
        registerFireTimer(w);
        break;
      }
    }
  }

  private void registerFireTimer(TimeWindow w) {
    if (eventTime) {
      timerService.registerEventTimeTimer(w, w.maxTimestamp());
    } else {
      timerService.registerProcessingTimeTimer(w, w.maxTimestamp());
    }
  }

  @Override
  public void onEventTime(InternalTimer<K, TimeWindow> timer) throws Exception {
    if (!eventTime) {
      return;
    }
    TimeWindow w = timer.getNamespace();
    long t = timer.getTimestamp();
    if (t == w.maxTimestamp()) {
      fire(w, true);
    } else if (allowedLateness > 0 && t == cleanupTime(w.maxTimestamp())) {
      cleanup(w);
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<K, TimeWindow> timer) throws Exception {
    if (!eventTime && timer.getTimestamp() == timer.getNamespace().maxTimestamp()) {
      fire(timer.getNamespace(), true);
    }
  }

  /** Emits the window's result from its panes; {@code onTime}: fired by its timer (not a late firing). */
  private void fire(TimeWindow w, boolean onTime) throws Exception {
    List<ACC> accs = new ArrayList<>((int) Math.min(size / paneSize, 4096));
    long nextStart = w.getStart() + slide;
    boolean nextHasData = false;
    for (long p = w.getStart(); p < w.getEnd(); p += paneSize) {
      ACC acc = handle.get(pane(p));
      if (acc != null) {
        accs.add(acc);
        nextHasData |= p >= nextStart;
      }
    }
    if (!accs.isEmpty()) {
      R result = handle.combine(accs);
      if (result != null) {
        emitWindowContents(w, result);
      }
    }
    // The next window shares panes [next.start, w.end) with this one: if any holds data it needs a
    // timer (panes after w.end registered one when they got data). Late firings do not chain: the
    // record that caused them registered the first window that has not fired.
    if (onTime && nextHasData) {
      registerFireTimer(window(nextStart));
    }
    if (eventTime && allowedLateness > 0) {
      long cleanup = cleanupTime(w.maxTimestamp());
      if (cleanup != Long.MAX_VALUE) {
        timerService.registerEventTimeTimer(w, cleanup);
      }
    } else {
      cleanup(w);
    }
  }

  /** The window is done: clear the panes no later window uses (its first slide). */
  private void cleanup(TimeWindow w) throws Exception {
    long end = Math.min(w.getStart() + slide, w.getEnd());
    for (long p = w.getStart(); p < end; p += paneSize) {
      handle.clear(pane(p));
    }
    clearWindowFunctionState(w);
  }

  @Override
  public String toString() {
    return getName();
  }
}
