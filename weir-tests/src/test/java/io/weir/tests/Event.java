package io.weir.tests;

/** Test record: a keyed event with an event-time timestamp and a positive value. */
public record Event(String key, long ts, long value) {}
