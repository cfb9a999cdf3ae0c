package io.weir.nexmark.model;

/**
 * A bid on an {@link Auction#id()} by a {@link Person#id()}; price in cents, {@code dateTime} in
 * epoch milliseconds (UTC). {@code channel} and {@code url} are the Flink tool's additions.
 */
public record Bid(
    long auction,
    long bidder,
    long price,
    String channel,
    String url,
    long dateTime,
    String extra) {}
