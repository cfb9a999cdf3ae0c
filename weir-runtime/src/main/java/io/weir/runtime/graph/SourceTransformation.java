package io.weir.runtime.graph;

import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.types.TypeInfo;
import java.util.List;

public final class SourceTransformation<T> extends Transformation<T> {
  private final Source<T, ?, ?> source;
  private final WatermarkStrategy<T> watermarkStrategy;

  public SourceTransformation(
      String name, Source<T, ?, ?> source, WatermarkStrategy<T> watermarkStrategy, TypeInfo<T> type, int parallelism) {
    super(name, type, parallelism);
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
  }

  public Source<T, ?, ?> getSource() {
    return source;
  }

  public WatermarkStrategy<T> getWatermarkStrategy() {
    return watermarkStrategy;
  }

  public Boundedness getBoundedness() {
    return source.getBoundedness();
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of();
  }
}
