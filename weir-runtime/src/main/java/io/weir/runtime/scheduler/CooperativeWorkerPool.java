package io.weir.runtime.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of worker threads, each running its own list of {@link Tasklet}s round-robin. A
 * tasklet stays on the worker it was given to (no stealing: its state is touched by one thread
 * only). When a full round over a worker's tasklets made no progress, the worker parks for a time
 * that grows from 1 µs to 1 ms, so an idle job costs almost no CPU and a busy one never sleeps.
 *
 * <p>One pool per job: threads start with the job and end with {@link #shutdownAndJoin}, so a
 * finished job leaves no threads behind.
 */
public final class CooperativeWorkerPool {
  private static final Logger LOG = LoggerFactory.getLogger(CooperativeWorkerPool.class);
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Worker[] workers;
  private int nextWorker;

  public CooperativeWorkerPool(String namePrefix, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("worker threads must be >= 1, was " + threads);
    }
    workers = new Worker[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker(namePrefix + "-worker-" + i);
    }
    for (Worker w : workers) {
      w.thread.start();
    }
  }

  /** Number of workers to use for the configured value (0 = number of cores). */
  public static int resolveThreads(int configured) {
    return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public int size() {
    return workers.length;
  }

  /** Gives the tasklets to the workers round-robin (consecutive tasklets on different workers). */
  public synchronized void submit(List<? extends Tasklet> tasklets) {
    for (Tasklet t : tasklets) {
      Worker w = workers[nextWorker];
      nextWorker = (nextWorker + 1) % workers.length;
      w.incoming.add(t);
      LockSupport.unpark(w.thread);
    }
  }

  /** Wakes all workers (e.g. an event arrived for one of their tasklets). Cheap; may be spurious. */
  public void wakeAll() {
    for (Worker w : workers) {
      if (w.parked) {
        LockSupport.unpark(w.thread);
      }
    }
  }

  /** Stops all workers after their current round and waits for the threads to end. */
  public void shutdownAndJoin(long timeoutMillis) throws InterruptedException {
    for (Worker w : workers) {
      w.shutdown = true;
      LockSupport.unpark(w.thread);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Worker w : workers) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(w.thread, left);
      }
      if (w.thread.isAlive()) {
        LOG.warn("Worker {} did not stop within {} ms (a user function may be blocking it)",
            w.thread.getName(), timeoutMillis);
      }
    }
  }

  private static final class Worker implements Runnable {
    final Thread thread;
    final ConcurrentLinkedQueue<Tasklet> incoming = new ConcurrentLinkedQueue<>();
    final List<Tasklet> tasklets = new ArrayList<>();
    volatile boolean shutdown;
    volatile boolean parked;

    Worker(String name) {
      thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      int idleRounds = 0;
      while (!shutdown) {
        Tasklet t;
        while ((t = incoming.poll()) != null) {
          tasklets.add(t);
        }
        boolean progress = false;
        for (int i = 0; i < tasklets.size(); ) {
          Tasklet tasklet = tasklets.get(i);
          ProgressState state;
          try {
            state = tasklet.call();
          } catch (Throwable e) {
            LOG.error("Tasklet {} threw from call()", tasklet.name(), e);
            try {
              tasklet.onUncaughtFailure(e);
            } catch (Throwable ignored) {
              // nothing more we can do
            }
            state = ProgressState.DONE;
          }
          if (state == ProgressState.DONE) {
            tasklets.remove(i);
            progress = true;
          } else {
            progress |= state == ProgressState.MADE_PROGRESS;
            i++;
          }
        }
        if (progress) {
          idleRounds = 0;
        } else {
          idle(++idleRounds);
        }
      }
    }

    private void idle(int rounds) {
      if (rounds < 4) {
        Thread.onSpinWait();
        return;
      }
      long nanos = Math.min(MAX_PARK_NANOS, 1000L << Math.min(rounds - 4, 20));
      parked = true;
      if (incoming.isEmpty()) {
        LockSupport.parkNanos(this, nanos);
      }
      parked = false;
    }
  }
}
