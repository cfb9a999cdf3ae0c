package io.weir.core.eventtime;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a source assigns event timestamps and generates watermarks. Familiar from Flink:
 * {@code WatermarkStrategy.<Order>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 * .withTimestampAssigner((o, ts) -> o.time())}.
 */
public interface WatermarkStrategy<T> extends Serializable {
  WatermarkGenerator<T> createWatermarkGenerator();

  /** Default: keep the timestamp the source attached to the record. */
  default TimestampAssigner<T> createTimestampAssigner() {
    return (element, recordTimestamp) -> recordTimestamp;
  }

  /** Whether this strategy produces watermarks at all. */
  default boolean generatesWatermarks() {
    return true;
  }

  default WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
    WatermarkStrategy<T> base = this;
    return new WatermarkStrategy<>() {
      @Override
      public WatermarkGenerator<T> createWatermarkGenerator() {
        return base.createWatermarkGenerator();
      }

      @Override
      public TimestampAssigner<T> createTimestampAssigner() {
        return assigner;
      }

      @Override
      public boolean generatesWatermarks() {
        return base.generatesWatermarks();
      }
    };
  }

  default WatermarkStrategy<T> withIdleness(Duration idleTimeout) {
    WatermarkStrategy<T> base = this;
    return new WatermarkStrategy<>() {
      @Override
      public WatermarkGenerator<T> createWatermarkGenerator() {
        return new IdlenessWatermarks<>(base.createWatermarkGenerator(), idleTimeout);
      }

      @Override
      public TimestampAssigner<T> createTimestampAssigner() {
        return base.createTimestampAssigner();
      }
    };
  }

  static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
    return () -> new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
  }

  static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return () -> new BoundedOutOfOrdernessWatermarks<>(Duration.ZERO);
  }

  static <T> WatermarkStrategy<T> forGenerator(WatermarkGeneratorSupplier<T> supplier) {
    return supplier::createWatermarkGenerator;
  }

  /** No watermarks (processing-time jobs). In BATCH mode the final +inf watermark still arrives. */
  static <T> WatermarkStrategy<T> noWatermarks() {
    return new WatermarkStrategy<>() {
      @Override
      public WatermarkGenerator<T> createWatermarkGenerator() {
        return new WatermarkGenerator<>() {
          @Override
          public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

          @Override
          public void onPeriodicEmit(WatermarkOutput output) {}
        };
      }

      @Override
      public boolean generatesWatermarks() {
        return false;
      }
    };
  }
}
