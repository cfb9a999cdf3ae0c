package io.weir.core.state;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.types.TypeInfo;
import java.util.Objects;

/** The value type is the accumulator type. */
public class AggregatingStateDescriptor<IN, ACC, OUT>
    extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

  public AggregatingStateDescriptor(
      String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, TypeInfo<ACC> accType) {
    super(name, accType);
    this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregate function");
  }

  public AggregatingStateDescriptor(
      String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, Class<ACC> accType) {
    this(name, aggregateFunction, TypeInfo.of(accType));
  }

  public AggregateFunction<IN, ACC, OUT> getAggregateFunction() {
    return aggregateFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.AGGREGATING;
  }
}
