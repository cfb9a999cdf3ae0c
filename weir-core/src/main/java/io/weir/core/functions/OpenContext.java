package io.weir.core.functions;

/** Passed to {@link RichFunction#open}; reserved for future parameters. */
public interface OpenContext {
  OpenContext DEFAULT = new OpenContext() {};
}
