package io.weir.runtime.execution;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import java.time.Duration;

/**
 * Whether and when a failed job runs again. Fixed delay: up to
 * {@code restart-strategy.fixed-delay.attempts} restarts, each after
 * {@code restart-strategy.fixed-delay.delay}; the whole job restarts from its latest completed
 * checkpoint (or from the beginning if there is none).
 */
public interface RestartStrategy {
  /** Whether another restart is allowed after {@code restartsSoFar} restarts. */
  boolean canRestart(int restartsSoFar);

  Duration delay();

  static RestartStrategy fromConfiguration(Configuration config) {
    int attempts = config.get(CoreOptions.RESTART_ATTEMPTS);
    Duration delay = config.get(CoreOptions.RESTART_DELAY);
    return new FixedDelay(Math.max(0, attempts), delay == null ? Duration.ZERO : delay);
  }

  record FixedDelay(int attempts, Duration delay) implements RestartStrategy {
    @Override
    public boolean canRestart(int restartsSoFar) {
      return restartsSoFar < attempts;
    }
  }
}
