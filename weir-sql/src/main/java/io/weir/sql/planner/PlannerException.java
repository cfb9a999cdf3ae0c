package io.weir.sql.planner;

/** A query cannot be planned in the current mode (e.g. an updating result into an append-only sink). */
public class PlannerException extends RuntimeException {
  public PlannerException(String message) {
    super(message);
  }
}
