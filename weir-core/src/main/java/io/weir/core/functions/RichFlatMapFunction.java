package io.weir.core.functions;

public abstract class RichFlatMapFunction<I, O> extends AbstractRichFunction implements FlatMapFunction<I, O> {}
