package io.weir.core.state;

public interface AggregatingState<IN, OUT> extends AppendingState<IN, OUT> {}
