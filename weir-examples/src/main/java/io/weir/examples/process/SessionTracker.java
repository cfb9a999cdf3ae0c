package io.weir.examples.process;

import io.weir.core.functions.Collector;
import io.weir.core.functions.OpenContext;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.examples.util.ExampleSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per user: sessions that end after {@code gapMs} without activity, and an alert when a session
 * has {@code burstCount} purchases within {@code burstWindowMs}.
 *
 * <p>Events may arrive out of order, so each one waits in state until the watermark passes its
 * timestamp (an event-time timer at that timestamp) and is then applied in timestamp order.
 * That makes the result independent of arrival order: the same in STREAMING (watermarks as the
 * data flows) and in BATCH (all of a key's timers fire at the end, in timestamp order). The
 * inactivity check runs in the same timer callback after the due events, so an event exactly
 * {@code gapMs} after the last one still counts as part of the session.
 */
public class SessionTracker extends KeyedProcessFunction<String, Activity, Alert> {
  private final long gapMs;
  private final int burstCount;
  private final long burstWindowMs;

  private transient MapState<Long, List<Activity>> pending;
  private transient ValueState<Session> session;
  private transient ListState<Long> recentPurchases;

  /** The open session of a user. */
  public record Session(long start, long last, int events, int purchases, long amountCents, boolean burstReported) {}

  public SessionTracker(long gapMs, int burstCount, long burstWindowMs) {
    this.gapMs = gapMs;
    this.burstCount = burstCount;
    this.burstWindowMs = burstWindowMs;
  }

  @Override
  public void open(OpenContext context) {
    pending = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInfo.of(Activity.class))));
    session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Session.class));
    recentPurchases = getRuntimeContext().getListState(new ListStateDescriptor<>("recent-purchases", Types.LONG));
  }

  @Override
  public void processElement(Activity a, Context ctx, Collector<Alert> out) throws Exception {
    List<Activity> due = pending.get(a.timestamp());
    List<Activity> updated = due == null ? new ArrayList<>() : new ArrayList<>(due);
    updated.add(a);
    pending.put(a.timestamp(), updated);
    ctx.timerService().registerEventTimeTimer(a.timestamp());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    List<Activity> due = pending.get(time);
    if (due != null) {
      pending.remove(time);
      List<Activity> ordered = new ArrayList<>(due);
      ordered.sort(Comparator.comparingLong(Activity::seq));
      for (Activity a : ordered) {
        apply(a, ctx, out);
      }
    }
    Session s = session.value();
    if (s != null && s.last() + gapMs <= time) {
      out.collect(new Alert(time, ctx.getCurrentKey(), Alert.Kind.SESSION_END, sessionDetail(s)));
      session.clear();
      recentPurchases.clear();
    }
  }

  private void apply(Activity a, Context ctx, Collector<Alert> out) throws Exception {
    Session s = session.value();
    if (s == null) {
      s = new Session(a.timestamp(), a.timestamp(), 0, 0, 0, false);
    }
    boolean burst = false;
    if (a.purchase()) {
      // Only purchases inside the sliding burst window matter; older ones can go.
      List<Long> recent = new ArrayList<>();
      Iterable<Long> previous = recentPurchases.get();
      if (previous != null) {
        for (Long t : previous) {
          if (t > a.timestamp() - burstWindowMs) {
            recent.add(t);
          }
        }
      }
      recent.add(a.timestamp());
      recentPurchases.update(recent);
      burst = recent.size() >= burstCount && !s.burstReported();
      if (burst) {
        out.collect(new Alert(a.timestamp(), a.user(), Alert.Kind.BURST,
            burstDetail(recent.size(), burstWindowMs, a.amountCents())));
      }
    }
    session.update(new Session(
        s.start(),
        Math.max(s.last(), a.timestamp()),
        s.events() + 1,
        s.purchases() + (a.purchase() ? 1 : 0),
        s.amountCents() + a.amountCents(),
        s.burstReported() || burst));
    ctx.timerService().registerEventTimeTimer(Math.max(s.last(), a.timestamp()) + gapMs);
  }

  public static String burstDetail(int purchases, long windowMs, long latestAmountCents) {
    return purchases + " purchases within " + windowMs / 1000 + " s, latest " + ExampleSupport.money(latestAmountCents);
  }

  public static String sessionDetail(Session s) {
    return "session " + ExampleSupport.clock(s.start()) + " - " + ExampleSupport.clock(s.last())
        + ", " + s.events() + " events, " + s.purchases() + " purchases, " + ExampleSupport.money(s.amountCents());
  }
}
