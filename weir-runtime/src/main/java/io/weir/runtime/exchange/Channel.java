package io.weir.runtime.exchange;

/** Both ends of one channel between a producer subtask and a consumer subtask. */
public interface Channel extends InputChannel, OutputChannel {}
