package io.weir.examples.process;

import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.DataStream;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.examples.Example;
import io.weir.examples.util.Collected;
import io.weir.examples.util.ExampleSupport;
import io.weir.examples.util.Params;
import io.weir.examples.util.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyed process function with event-time timers: per user, a session ends after a gap of
 * inactivity (a timer at last activity + gap) and a burst of purchases raises an alert.
 */
public final class SessionAlerts {
  public static final Example JOB = new Example(
      "sessionalerts",
      "Keyed process function with event-time timers: ends user sessions after inactivity, flags purchase bursts",
      SessionAlerts.class,
      "--events N (default 20000), --users N (default 30), --gap SECONDS (default 30), --limit N alerts to print (default 20, 0 = all)");

  private SessionAlerts() {}

  /** The job's knobs; the defaults are what {@code weir example sessionalerts} runs. */
  public record Settings(long events, int users, long gapMs, int burstCount, long burstWindowMs) {
    public static Settings defaults() {
      return new Settings(20_000, 30, 30_000, 5, 10_000);
    }
  }

  public static void main(String[] args) throws Exception {
    Params params = Params.parse(JOB.name(), args);
    Settings d = Settings.defaults();
    Settings settings = new Settings(
        params.getLong("events", d.events()),
        Math.max(1, params.getInt("users", d.users())),
        params.getLong("gap", d.gapMs() / 1000) * 1000,
        d.burstCount(),
        d.burstWindowMs());
    int limit = params.getInt("limit", 20);
    params.checkNoUnknown();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    long start = System.nanoTime();
    Collected<Alert> collected = Collected.run(build(env, settings), "SessionAlerts");
    List<Alert> alerts = inTimeOrder(collected.values());
    long elapsed = System.nanoTime() - start;

    int shown = limit == 0 ? alerts.size() : Math.min(limit, alerts.size());
    for (Alert a : alerts.subList(0, shown)) {
      System.out.println(a);
    }
    if (shown < alerts.size()) {
      System.out.println("... " + (alerts.size() - shown) + " more (--limit 0 prints all)");
    }
    long sessions = alerts.stream().filter(a -> a.kind() == Alert.Kind.SESSION_END).count();
    System.out.println("Processed " + settings.events() + " events of " + settings.users() + " users: "
        + sessions + " sessions ended, " + (alerts.size() - sessions) + " burst alerts in "
        + ExampleSupport.seconds(elapsed) + " " + collected.runTag(env.getParallelism()));
  }

  /** Builds and runs the job on {@code env}; returns every alert in time order. */
  public static List<Alert> run(StreamExecutionEnvironment env, Settings settings) throws Exception {
    return inTimeOrder(Collected.run(build(env, settings), "SessionAlerts").values());
  }

  static List<Alert> inTimeOrder(List<Alert> alerts) {
    List<Alert> result = new ArrayList<>(alerts);
    result.sort(Alert.ORDER);
    return result;
  }

  /** The job: generated activity -> per-user session tracking -> alerts. */
  public static DataStream<Alert> build(StreamExecutionEnvironment env, Settings settings) {
    int users = settings.users();
    DataStream<Activity> activity = env.fromSource(
        Sources.generated(settings.events(), seq -> Activity.generate(seq, users), TypeInfo.of(Activity.class)),
        WatermarkStrategy.<Activity>forBoundedOutOfOrderness(Duration.ofMillis(Activity.MAX_OUT_OF_ORDER_MS))
            .withTimestampAssigner((a, ts) -> a.timestamp()),
        "activity");
    return activity
        .keyBy(Activity::user)
        .process(new SessionTracker(settings.gapMs(), settings.burstCount(), settings.burstWindowMs()))
        .name("sessions");
  }
}
