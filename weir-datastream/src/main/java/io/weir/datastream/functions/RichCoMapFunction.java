package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;

public abstract class RichCoMapFunction<IN1, IN2, OUT> extends AbstractRichFunction
    implements CoMapFunction<IN1, IN2, OUT> {}
