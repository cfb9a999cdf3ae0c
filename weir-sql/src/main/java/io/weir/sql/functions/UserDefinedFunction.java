package io.weir.sql.functions;

import java.io.Serializable;

/**
 * Base of user functions registered with {@code CREATE [TEMPORARY] FUNCTION name AS 'class'}. An
 * instance is created by the planner (public no-argument constructor) and copied into every
 * parallel subtask by serialization, so fields must be serializable; {@link #open} runs once per
 * subtask before the first call.
 */
public abstract class UserDefinedFunction implements Serializable {
  /** Per-subtask setup (connections, caches); called once before the first evaluation. */
  public void open(FunctionContext context) throws Exception {}

  /** Per-subtask teardown. */
  public void close() throws Exception {}
}
