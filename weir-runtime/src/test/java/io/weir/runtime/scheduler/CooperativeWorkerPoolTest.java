package io.weir.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CooperativeWorkerPoolTest {

  static Tasklet tasklet(String name, java.util.function.Supplier<ProgressState> body) {
    return new Tasklet() {
      @Override
      public ProgressState call() {
        return body.get();
      }

      @Override
      public void onUncaughtFailure(Throwable t) {}

      @Override
      public String name() {
        return name;
      }
    };
  }

  @Test
  void runsTaskletsUntilDoneRoundRobin() throws Exception {
    CooperativeWorkerPool pool = new CooperativeWorkerPool("weir-test-rr", 2);
    try {
      CountDownLatch done = new CountDownLatch(5);
      List<AtomicInteger> calls = new ArrayList<>();
      List<Tasklet> tasklets = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        AtomicInteger c = new AtomicInteger();
        calls.add(c);
        tasklets.add(tasklet("t" + i, () -> {
          if (c.incrementAndGet() == 1000) {
            done.countDown();
            return ProgressState.DONE;
          }
          return ProgressState.MADE_PROGRESS;
        }));
      }
      pool.submit(tasklets);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(20);
      assertThat(calls).allMatch(c -> c.get() == 1000); // DONE tasklets are never called again
    } finally {
      pool.shutdownAndJoin(5000);
    }
  }

  @Test
  void idleWorkersParkInsteadOfSpinning() throws Exception {
    CooperativeWorkerPool pool = new CooperativeWorkerPool("weir-test-idle", 1);
    AtomicInteger calls = new AtomicInteger();
    try {
      pool.submit(List.of(tasklet("idle", () -> {
        calls.incrementAndGet();
        return ProgressState.NO_PROGRESS;
      })));
      Thread.sleep(100); // warm up
      Thread worker = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("weir-test-idle-worker-0")).findFirst().orElseThrow();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long cpuBefore = mx.getThreadCpuTime(worker.getId());
      int callsBefore = calls.get();
      Thread.sleep(500);
      long cpuMs = TimeUnit.NANOSECONDS.toMillis(mx.getThreadCpuTime(worker.getId()) - cpuBefore);
      int idleCalls = calls.get() - callsBefore;
      // parked ~1 ms per round: a few hundred calls, far from a spinning loop's millions
      assertThat(idleCalls).isBetween(50, 5000);
      assertThat(cpuMs).isLessThan(250);
    } finally {
      pool.shutdownAndJoin(5000);
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("weir-test-idle"));
  }

  @Test
  void throwingTaskletIsDroppedAndReported() throws Exception {
    CooperativeWorkerPool pool = new CooperativeWorkerPool("weir-test-throw", 1);
    CountDownLatch reported = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try {
      pool.submit(List.of(new Tasklet() {
        @Override
        public ProgressState call() {
          calls.incrementAndGet();
          throw new IllegalStateException("bug");
        }

        @Override
        public void onUncaughtFailure(Throwable t) {
          reported.countDown();
        }

        @Override
        public String name() {
          return "thrower";
        }
      }));
      assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(20);
      assertThat(calls.get()).isEqualTo(1);
    } finally {
      pool.shutdownAndJoin(5000);
    }
  }
}
