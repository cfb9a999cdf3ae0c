package io.weir.examples.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.datastream.StreamExecutionEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionAlertsTest {
  static final SessionAlerts.Settings SETTINGS = new SessionAlerts.Settings(8_000, 12, 30_000, 5, 10_000);

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    return StreamExecutionEnvironment.getExecutionEnvironment(new Configuration()
        .set(CoreOptions.RUNTIME_MODE, mode)
        .set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
  }

  /** The same rules as a plain loop over each user's events in time order. */
  static List<Alert> reference(SessionAlerts.Settings s) {
    Map<String, List<Activity>> byUser = new TreeMap<>();
    for (long i = 0; i < s.events(); i++) {
      Activity a = Activity.generate(i, s.users());
      byUser.computeIfAbsent(a.user(), k -> new ArrayList<>()).add(a);
    }
    List<Alert> alerts = new ArrayList<>();
    byUser.forEach((user, events) -> {
      events.sort(Comparator.comparingLong(Activity::timestamp).thenComparingLong(Activity::seq));
      SessionTracker.Session session = null;
      List<Long> recent = new ArrayList<>();
      for (Activity a : events) {
        if (session != null && a.timestamp() > session.last() + s.gapMs()) {
          alerts.add(new Alert(session.last() + s.gapMs(), user, Alert.Kind.SESSION_END,
              SessionTracker.sessionDetail(session)));
          session = null;
          recent.clear();
        }
        if (session == null) {
          session = new SessionTracker.Session(a.timestamp(), a.timestamp(), 0, 0, 0, false);
        }
        boolean burst = false;
        if (a.purchase()) {
          recent.removeIf(t -> t <= a.timestamp() - s.burstWindowMs());
          recent.add(a.timestamp());
          burst = recent.size() >= s.burstCount() && !session.burstReported();
          if (burst) {
            alerts.add(new Alert(a.timestamp(), user, Alert.Kind.BURST,
                SessionTracker.burstDetail(recent.size(), s.burstWindowMs(), a.amountCents())));
          }
        }
        session = new SessionTracker.Session(session.start(), a.timestamp(), session.events() + 1,
            session.purchases() + (a.purchase() ? 1 : 0), session.amountCents() + a.amountCents(),
            session.burstReported() || burst);
      }
      if (session != null) {
        alerts.add(new Alert(session.last() + s.gapMs(), user, Alert.Kind.SESSION_END,
            SessionTracker.sessionDetail(session)));
      }
    });
    alerts.sort(Alert.ORDER);
    return alerts;
  }

  @ParameterizedTest(name = "{0} p={1}")
  @CsvSource({"STREAMING,1", "STREAMING,2", "BATCH,1", "BATCH,2"})
  void alertsMatchAPlainLoop(RuntimeExecutionMode mode, int parallelism) throws Exception {
    List<Alert> expected = reference(SETTINGS);
    // the generated data must exercise both rules, or this test proves little
    assertThat(expected).anyMatch(a -> a.kind() == Alert.Kind.BURST);
    assertThat(expected.stream().filter(a -> a.kind() == Alert.Kind.SESSION_END).count())
        .isGreaterThan(SETTINGS.users());

    assertThat(SessionAlerts.run(env(mode, parallelism), SETTINGS)).isEqualTo(expected);
  }
}
