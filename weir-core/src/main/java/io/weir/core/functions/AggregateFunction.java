package io.weir.core.functions;

/** Incremental aggregation: records are added to an accumulator, which can be merged (sessions). */
public interface AggregateFunction<IN, ACC, OUT> extends Function {
  ACC createAccumulator();

  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  ACC merge(ACC a, ACC b);
}
