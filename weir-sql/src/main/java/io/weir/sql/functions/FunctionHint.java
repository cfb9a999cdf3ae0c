package io.weir.sql.functions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a function's SQL output type where the Java signature cannot say it, e.g. a table
 * function's row: {@code @FunctionHint(output = "ROW<word STRING, len INT>")}. On an {@code eval}
 * method it applies to that overload; on the class to all of them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FunctionHint {
  /** A SQL data type in DDL syntax. */
  String output();
}
