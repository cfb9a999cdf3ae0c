package io.weir.core.state;

public interface ReducingState<T> extends AppendingState<T, T> {}
