package io.weir.runtime.streamrecord;

/** An input became idle (excluded from the watermark minimum) or active again. */
public final class WatermarkStatus extends StreamElement {
  public static final WatermarkStatus IDLE = new WatermarkStatus(true);
  public static final WatermarkStatus ACTIVE = new WatermarkStatus(false);

  private final boolean idle;

  private WatermarkStatus(boolean idle) {
    this.idle = idle;
  }

  public boolean isIdle() {
    return idle;
  }

  @Override
  public String toString() {
    return idle ? "IDLE" : "ACTIVE";
  }
}
