package io.weir.datastream.collect;

import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Iterates over the records the collect sink receives. It ends when the job has finished and
 * every record was taken; if the job failed it throws {@link JobFailedException} (with the job's
 * message) once the records that arrived before the failure are consumed. {@link #close()} cancels a
 * still-running job.
 */
public final class CollectResultIterator<T> implements CloseableIterator<T> {
  private static final long POLL_MS = 20;

  private final CollectChannel<T> channel;
  private final JobClient client;
  private T next;
  private boolean ended;
  private boolean closed;

  public CollectResultIterator(CollectChannel<T> channel, JobClient client) {
    this.channel = channel;
    this.client = client;
    channel.setJobClient(client);
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (ended || closed) {
      return false;
    }
    CompletableFuture<?> result = client.getJobExecutionResult();
    try {
      while (true) {
        // Check completion before polling: records written before the job ended are all queued.
        boolean done = result.isDone();
        T v = done ? channel.pollNow() : channel.poll(POLL_MS);
        if (v != null) {
          next = v;
          return true;
        }
        if (done) {
          ended = true;
          rethrowFailure(result);
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while waiting for job results", e);
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T v = next;
    next = null;
    return v;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    channel.close();
    CollectRegistry.release(channel.getId());
    if (!client.getJobExecutionResult().isDone()) {
      client.cancel();
    }
  }

  private void rethrowFailure(CompletableFuture<?> result) {
    close();
    try {
      result.get();
    } catch (CancellationException e) {
      throw new JobFailedException(new JobExecutionException("the job was cancelled", e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof JobExecutionException j) {
        throw new JobFailedException(j);
      }
      throw new JobFailedException(new JobExecutionException(String.valueOf(cause), cause));
    }
  }
}
