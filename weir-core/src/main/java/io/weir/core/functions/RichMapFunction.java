package io.weir.core.functions;

public abstract class RichMapFunction<I, O> extends AbstractRichFunction implements MapFunction<I, O> {}
