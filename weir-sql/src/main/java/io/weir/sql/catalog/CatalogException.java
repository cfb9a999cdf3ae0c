package io.weir.sql.catalog;

/** A catalog operation failed (object exists / does not exist). */
public class CatalogException extends RuntimeException {
  public CatalogException(String message) {
    super(message);
  }
}
