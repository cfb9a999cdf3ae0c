package io.weir.sql.runtime.operators;

import java.io.Serializable;

/**
 * The frame of an OVER window: {@code ROWS} or {@code RANGE} BETWEEN {@code preceding} AND
 * {@code following}. Bounds: {@link #UNBOUNDED}, 0 = CURRENT ROW, else a row count (ROWS) or an
 * offset on the ORDER BY value (RANGE; milliseconds for time attributes and intervals).
 */
public record OverFrame(boolean rows, long preceding, long following) implements Serializable {
  public static final long UNBOUNDED = -1;

  public OverFrame {
    if (preceding < UNBOUNDED || following < UNBOUNDED) {
      throw new IllegalArgumentException("OVER frame bounds must be UNBOUNDED (-1) or >= 0, got " + preceding
          + " PRECEDING, " + following + " FOLLOWING");
    }
  }

  /** The SQL default with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
  public static OverFrame defaultFrame() {
    return new OverFrame(false, UNBOUNDED, 0);
  }

  public static OverFrame rows(long preceding, long following) {
    return new OverFrame(true, preceding, following);
  }

  public static OverFrame range(long preceding, long following) {
    return new OverFrame(false, preceding, following);
  }

  public boolean unboundedPreceding() {
    return preceding == UNBOUNDED;
  }

  public boolean unboundedFollowing() {
    return following == UNBOUNDED;
  }
}
