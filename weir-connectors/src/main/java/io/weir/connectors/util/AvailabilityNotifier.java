package io.weir.connectors.util;

import java.util.concurrent.CompletableFuture;

/**
 * The future behind {@code SourceReader.isAvailable()}, shared by the worker thread (which asks)
 * and a producer thread or timer (which signals). A signal that arrives before anyone asked is
 * not lost: the next future handed out is already complete.
 */
public final class AvailabilityNotifier {
  private CompletableFuture<Void> future = new CompletableFuture<>();

  /** The future to wait on; complete if a signal came since the last one was consumed. */
  public synchronized CompletableFuture<Void> future() {
    if (future.isDone()) {
      // A completed future was already observed (or signalled early); hand out a fresh one only
      // after the caller had a chance to see the completed one: callers re-check their own
      // state after getting the future, so returning the done one once is enough.
      CompletableFuture<Void> done = future;
      future = new CompletableFuture<>();
      return done;
    }
    return future;
  }

  public void signal() {
    CompletableFuture<Void> f;
    synchronized (this) {
      f = future;
    }
    f.complete(null);
  }
}
