package io.weir.examples.util;

import io.weir.datastream.DataStream;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.datastream.collect.CollectRegistry;
import io.weir.datastream.collect.CollectResultIterator;
import io.weir.datastream.collect.JobFailedException;
import io.weir.datastream.sinks.CollectSink;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import io.weir.runtime.execution.JobExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The records of a stream after its job ran, with the engine's result (so an example prints the
 * mode the engine actually ran in: AUTOMATIC resolves there, not in the example).
 */
public record Collected<T>(List<T> values, JobExecutionResult result) {

  /** Like {@code stream.executeAndCollect(jobName)}, keeping the job's result. */
  public static <T> Collected<T> run(DataStream<T> stream, String jobName) throws Exception {
    return run(stream, jobName, v -> {});
  }

  /** As {@link #run(DataStream, String)}, handing each record to {@code onRecord} as it arrives. */
  public static <T> Collected<T> run(DataStream<T> stream, String jobName, Consumer<T> onRecord) throws Exception {
    var channel = CollectRegistry.<T>open();
    JobClient client;
    try {
      stream.sinkTo(new CollectSink<>(channel.getId())).name("Collect Sink");
      client = stream.getExecutionEnvironment().executeAsync(jobName);
    } catch (RuntimeException e) {
      CollectRegistry.release(channel.getId());
      throw e;
    }
    List<T> values = new ArrayList<>();
    try (CloseableIterator<T> it = new CollectResultIterator<>(channel, client)) {
      while (it.hasNext()) {
        T v = it.next();
        values.add(v);
        onRecord.accept(v);
      }
    } catch (JobFailedException e) {
      throw e.getCause();
    }
    try {
      return new Collected<>(values, client.getJobExecutionResult().get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof JobExecutionException j ? j : e;
    }
  }

  /** "[BATCH, parallelism 2]": the tag the examples end their summary line with. */
  public String runTag(int parallelism) {
    return "[" + result.mode() + ", parallelism " + parallelism + "]";
  }
}
