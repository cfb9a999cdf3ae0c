package io.weir.core.eventtime;

import java.io.Serializable;

@FunctionalInterface
public interface WatermarkGeneratorSupplier<T> extends Serializable {
  WatermarkGenerator<T> createWatermarkGenerator();
}
