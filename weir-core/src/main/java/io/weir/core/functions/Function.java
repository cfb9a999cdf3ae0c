package io.weir.core.functions;

import java.io.Serializable;

/**
 * Base of every user function. Functions are {@link Serializable} because the runtime makes one
 * copy per parallel subtask (and, in a cluster, ships them to workers).
 */
public interface Function extends Serializable {}
