package io.weir.core.functions;

public abstract class RichFilterFunction<T> extends AbstractRichFunction implements FilterFunction<T> {}
