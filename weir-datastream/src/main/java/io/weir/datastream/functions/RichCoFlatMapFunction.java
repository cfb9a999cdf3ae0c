package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;

public abstract class RichCoFlatMapFunction<IN1, IN2, OUT> extends AbstractRichFunction
    implements CoFlatMapFunction<IN1, IN2, OUT> {}
