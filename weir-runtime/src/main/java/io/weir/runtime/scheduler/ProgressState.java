package io.weir.runtime.scheduler;

/** What one {@link Tasklet#call()} achieved; the worker backs off when nothing progresses. */
public enum ProgressState {
  /** Did some work (consumed input, emitted, changed state); call again soon. */
  MADE_PROGRESS,
  /** Could not do anything now (no input, backpressured, waiting for an event). */
  NO_PROGRESS,
  /** Finished for good (successfully, failed or cancelled); never call again. */
  DONE;

  public boolean isDone() {
    return this == DONE;
  }

  public boolean madeProgress() {
    return this == MADE_PROGRESS;
  }
}
