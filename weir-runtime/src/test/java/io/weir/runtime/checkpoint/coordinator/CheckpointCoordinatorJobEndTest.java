package io.weir.runtime.checkpoint.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A job that ends while its last checkpoint is being written: the executor interrupts the store
 * (a file write then fails with ClosedByInterruptException), which is expected and must not be
 * logged as a warning; a store failing while the job runs still is.
 */
class CheckpointCoordinatorJobEndTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(CheckpointCoordinator.class);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Level previousLevel;
  private ScheduledThreadPoolExecutor thread;
  private ExecutorService sourceThread;

  @BeforeEach
  void setUp() {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    log.start();
    logger.addAppender(log);
    thread = new ScheduledThreadPoolExecutor(1);
    sourceThread = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    logger.detachAppender(log);
    logger.setLevel(previousLevel);
    thread.shutdownNow();
    sourceThread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    sourceThread.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** A store that blocks until interrupted, then fails like an interrupted FileChannel write. */
  private static CheckpointStore blockingStore(CountDownLatch storing) {
    return (id, timestamp, operatorStates, coordinatorStates) -> {
      storing.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        throw new ClosedByInterruptException();
      }
    };
  }

  private CheckpointCoordinator coordinator(CheckpointStore store) {
    // no tasks and no sources: a triggered checkpoint goes straight to the store
    return new CheckpointCoordinator("job", thread, sourceThread, List.of(), List.of(), new AtomicLong(), store,
        null, id -> { });
  }

  private List<ILoggingEvent> warnings() {
    return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
  }

  @Test
  void storeInterruptedAtJobEndIsAbortedQuietly() throws Exception {
    CountDownLatch storing = new CountDownLatch(1);
    CheckpointCoordinator cc = coordinator(blockingStore(storing));
    CompletableFuture<Long> checkpoint = cc.triggerCheckpoint();
    assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();
    cc.stop();
    // what JobMaster does when the thread does not finish in time
    thread.shutdownNow();
    assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(checkpoint).isCompletedExceptionally();
    assertThat(warnings()).isEmpty();
    assertThat(log.list).anyMatch(e -> e.getLevel() == Level.DEBUG
        && e.getFormattedMessage().contains("aborted while being stored"));
  }

  @Test
  void storeFailingWhileTheJobRunsIsAWarning() throws Exception {
    CheckpointCoordinator cc = coordinator((id, timestamp, operatorStates, coordinatorStates) -> {
      throw new IOException("disk full");
    });
    CompletableFuture<Long> checkpoint = cc.triggerCheckpoint();
    try {
      checkpoint.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      // the store failed
    }
    assertThat(checkpoint).isCompletedExceptionally();
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0).getFormattedMessage()).contains("could not be stored");
    cc.stop();
  }
}
