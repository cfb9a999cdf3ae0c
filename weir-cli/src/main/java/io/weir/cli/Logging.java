package io.weir.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

final class Logging {
  private Logging() {}

  /** WARN by default (logback.xml); --verbose shows the engine's INFO lines too. */
  static void configure(boolean verbose) {
    if (verbose && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.INFO);
    }
  }
}
