package io.weir.sql.runtime.operators;

/** Join kinds of the SQL join operators; SEMI/ANTI keep only left rows (EXISTS / NOT EXISTS). */
public enum JoinType {
  INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

  public boolean leftOuter() {
    return this == LEFT || this == FULL;
  }

  public boolean rightOuter() {
    return this == RIGHT || this == FULL;
  }
}
