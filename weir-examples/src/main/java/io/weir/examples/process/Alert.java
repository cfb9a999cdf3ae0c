package io.weir.examples.process;

import io.weir.examples.util.ExampleSupport;
import java.util.Comparator;

/** What SessionAlerts reports: a session that ended after inactivity, or a purchase burst. */
public record Alert(long timestamp, String user, Kind kind, String detail) {
  public enum Kind {
    BURST,
    SESSION_END
  }

  /** Time order; the tie-breakers make the printed list independent of mode and parallelism. */
  public static final Comparator<Alert> ORDER = Comparator.comparingLong(Alert::timestamp)
      .thenComparing(Alert::user)
      .thenComparing(Alert::kind)
      .thenComparing(Alert::detail);

  @Override
  public String toString() {
    return ExampleSupport.clock(timestamp) + "  " + String.format("%-11s", kind) + " " + user + ": " + detail;
  }
}
