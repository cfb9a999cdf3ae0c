package io.weir.cli.sql;

/** How {@code weir sql} prints result rows. */
public enum OutputFormat {
  /** An aligned table for people. */
  TABLE,
  /** Header line + RFC 4180 rows, NULL as an empty field. */
  CSV,
  /** One JSON object per row (JSON lines). */
  JSON
}
