package io.weir.runtime.scheduler;

/**
 * A unit of cooperative work: one subtask of a chain. A {@link CooperativeWorkerPool} worker calls
 * {@link #call()} repeatedly; each call does a bounded amount of work (one input batch, one source
 * poll, due timers, pending events) and returns. It must never block: waiting is expressed by
 * returning {@link ProgressState#NO_PROGRESS} and trying again on the next call.
 *
 * <p>A tasklet is called by exactly one worker thread during its life, so it needs no locking
 * for its own state. {@link #call()} must not throw: a tasklet handles its own failures (reports
 * them and returns {@link ProgressState#DONE}); a throw is treated as a bug and reported through
 * {@link #onUncaughtFailure}.
 */
public interface Tasklet {
  ProgressState call();

  /** Called by the worker if {@link #call()} threw anyway; the tasklet is then dropped. */
  void onUncaughtFailure(Throwable t);

  /** For thread dumps and logs. */
  String name();
}
