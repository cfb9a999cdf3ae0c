package io.weir.examples;

import java.util.Objects;

/**
 * How {@code weir examples} lists an example and {@code weir example NAME} finds it: a short name,
 * a one-line description and the class whose {@code main(String[])} runs the job. Each example
 * class declares one as {@code public static final Example JOB}.
 */
public record Example(String name, String description, Class<?> mainClass, String usage) {
  public Example {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(mainClass, "mainClass");
    usage = usage == null ? "" : usage;
  }
}
