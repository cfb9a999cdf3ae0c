package io.weir.nexmark.model;

/**
 * A new item put up for auction. Prices are in cents; {@code dateTime} (opening) and {@code
 * expires} (closing, strictly later) are epoch milliseconds (UTC); {@code seller} is a
 * {@link Person#id()}.
 */
public record Auction(
    long id,
    String itemName,
    String description,
    long initialBid,
    long reserve,
    long dateTime,
    long expires,
    long seller,
    long category,
    String extra) {}
