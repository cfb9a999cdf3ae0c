package io.weir.runtime.tasks;

import io.weir.runtime.exchange.InputChannel;

/** One input channel of a task and the head input (1 or 2) it feeds. */
public record InputChannelInfo(InputChannel channel, int input) {}
