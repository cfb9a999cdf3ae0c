package io.weir.core.config;

/** How a job runs. AUTOMATIC picks BATCH when every source is bounded, else STREAMING. */
public enum RuntimeExecutionMode {
  STREAMING,
  BATCH,
  AUTOMATIC;

  public static RuntimeExecutionMode parse(String s) {
    for (RuntimeExecutionMode m : values()) {
      if (m.name().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution mode '" + s + "' (expected streaming, batch or automatic)");
  }
}
