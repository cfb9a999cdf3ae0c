package io.weir.examples;

import io.weir.examples.process.SessionAlerts;
import io.weir.examples.windowing.TopSellers;
import io.weir.examples.wordcount.WordCount;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The bundled examples, in the order {@code weir examples} lists them. */
public final class Examples {
  private Examples() {}

  public static List<Example> all() {
    return List.of(WordCount.JOB, TopSellers.JOB, SessionAlerts.JOB);
  }

  /** Finds an example by name, ignoring case. */
  public static Optional<Example> find(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return all().stream().filter(e -> e.name().equals(wanted)).findFirst();
  }
}
