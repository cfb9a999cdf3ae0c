package io.weir.runtime.execution.testjobs;

import java.io.Serializable;

/** A key and a value: the record type of the engine tests. */
public record KV(int key, long value) implements Serializable {}
