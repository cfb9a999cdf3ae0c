package io.weir.core.types;

/** The change a row represents in a changelog. */
public enum RowKind {
  INSERT("+I"),
  UPDATE_BEFORE("-U"),
  UPDATE_AFTER("+U"),
  DELETE("-D");

  private final String shortString;

  RowKind(String shortString) {
    this.shortString = shortString;
  }

  public String shortString() {
    return shortString;
  }

  public static RowKind fromShortString(String s) {
    for (RowKind k : values()) {
      if (k.shortString.equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown row kind '" + s + "' (expected +I, -U, +U or -D)");
  }
}
