package io.weir.nexmark.model;

/**
 * A new user registering (Nexmark person). Field names follow the Flink Nexmark tool; {@code
 * dateTime} is the event time in epoch milliseconds (UTC).
 */
public record Person(
    long id,
    String name,
    String emailAddress,
    String creditCard,
    String city,
    String state,
    long dateTime,
    String extra) {}
