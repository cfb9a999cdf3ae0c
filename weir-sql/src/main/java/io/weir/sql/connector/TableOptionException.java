package io.weir.sql.connector;

/** A table's WITH options are invalid; the message names the table and the option. */
public class TableOptionException extends RuntimeException {
  public TableOptionException(String message) {
    super(message);
  }
}
