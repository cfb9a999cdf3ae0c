package io.weir.datastream;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.source.Source;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.sources.CollectionSource;
import io.weir.datastream.sources.NumberSequenceSource;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import io.weir.runtime.execution.JobExecutionResult;
import io.weir.runtime.execution.LocalExecutor;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Where a DataStream job is built and run. Familiar from Flink:
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * env.setRuntimeMode(RuntimeExecutionMode.BATCH);
 * env.fromElements("a b", "b c")
 *     .flatMap((String line, Collector<String> out) -> { for (String w : line.split(" ")) out.collect(w); })
 *     .returns(Types.STRING)
 *     .map(w -> Tuple2.of(w, 1L)).returns(new TypeHint<Tuple2<String, Long>>() {})
 *     .keyBy(t -> t.f0)
 *     .sum(1)
 *     .print();
 * env.execute("word count");
 * }</pre>
 *
 * <p>All settings live in one {@link Configuration} ({@link #getConfiguration()}), which starts as
 * a copy of the process-wide default ({@link #setDefaultConfiguration}, set by the {@code weir}
 * command line) and is handed to the engine with the job. Operators without an explicit
 * parallelism run with the job's default parallelism ({@code parallelism.default}) as it is when
 * the job is executed.
 */
public class StreamExecutionEnvironment {
  public static final String DEFAULT_JOB_NAME = "Weir Job";

  private static Configuration defaultConfiguration = new Configuration();

  private final Configuration configuration;
  private final List<Transformation<?>> sinks = new ArrayList<>();

  /** A new environment starting from a copy of the default configuration. */
  public StreamExecutionEnvironment() {
    this(new Configuration());
  }

  /** A new environment: the default configuration overlaid with {@code overrides}. */
  public StreamExecutionEnvironment(Configuration overrides) {
    Configuration c = new Configuration(getDefaultConfiguration());
    overrides.toMap().forEach(c::setString);
    this.configuration = c;
  }

  public static StreamExecutionEnvironment getExecutionEnvironment() {
    return new StreamExecutionEnvironment();
  }

  public static StreamExecutionEnvironment getExecutionEnvironment(Configuration configuration) {
    return new StreamExecutionEnvironment(configuration);
  }

  /**
   * Sets the configuration every environment created afterwards starts from (the CLI puts its
   * --mode / --parallelism here before running a job's main method).
   */
  public static synchronized void setDefaultConfiguration(Configuration configuration) {
    defaultConfiguration = new Configuration(Objects.requireNonNull(configuration, "configuration"));
  }

  public static synchronized Configuration getDefaultConfiguration() {
    return new Configuration(defaultConfiguration);
  }

  // ------------------------------------------------------------------ settings

  /** The live configuration of this environment's jobs; changes apply to jobs executed later. */
  public Configuration getConfiguration() {
    return configuration;
  }

  public StreamExecutionEnvironment setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("setParallelism: parallelism must be >= 1, was " + parallelism);
    }
    configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return this;
  }

  public int getParallelism() {
    return configuration.get(CoreOptions.DEFAULT_PARALLELISM);
  }

  /** The number of key groups: the largest parallelism keyed state can later be rescaled to. */
  public StreamExecutionEnvironment setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1) {
      throw new IllegalArgumentException("setMaxParallelism: max parallelism must be >= 1, was " + maxParallelism);
    }
    configuration.set(CoreOptions.MAX_PARALLELISM, maxParallelism);
    return this;
  }

  public int getMaxParallelism() {
    return configuration.get(CoreOptions.MAX_PARALLELISM);
  }

  public StreamExecutionEnvironment setRuntimeMode(RuntimeExecutionMode mode) {
    configuration.set(CoreOptions.RUNTIME_MODE, Objects.requireNonNull(mode, "mode"));
    return this;
  }

  public RuntimeExecutionMode getRuntimeMode() {
    return configuration.get(CoreOptions.RUNTIME_MODE);
  }

  /** Periodic checkpoints in STREAMING mode (ignored in BATCH). */
  public StreamExecutionEnvironment enableCheckpointing(long intervalMs) {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException("enableCheckpointing: interval must be > 0 ms, was " + intervalMs);
    }
    configuration.set(CoreOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(intervalMs));
    return this;
  }

  /** Fixed-delay restarts after a task failure (from the latest checkpoint when there is one). */
  public StreamExecutionEnvironment setRestartStrategy(int attempts, Duration delay) {
    if (attempts < 0) {
      throw new IllegalArgumentException("setRestartStrategy: attempts must be >= 0, was " + attempts);
    }
    configuration.set(CoreOptions.RESTART_ATTEMPTS, attempts);
    configuration.set(CoreOptions.RESTART_DELAY, Objects.requireNonNull(delay, "delay"));
    return this;
  }

  // ------------------------------------------------------------------ sources

  /** A stream read from a {@link Source}; the strategy assigns timestamps and makes watermarks. */
  public <T> DataStreamSource<T> fromSource(Source<T, ?, ?> source, WatermarkStrategy<T> watermarkStrategy, String sourceName) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(watermarkStrategy, "watermark strategy (use WatermarkStrategy.noWatermarks())");
    TypeInfo<T> type = source.getProducedType();
    if (type == null) {
      throw new IllegalArgumentException("Source '" + sourceName + "' does not declare its produced type");
    }
    SourceTransformation<T> t = new SourceTransformation<>(sourceName, source, watermarkStrategy, type, -1);
    return new DataStreamSource<>(this, t);
  }

  /** A bounded stream of the given elements; the type is that of the first element's class. */
  @SafeVarargs
  public final <T> DataStreamSource<T> fromElements(T... elements) {
    if (elements == null || elements.length == 0) {
      throw new IllegalArgumentException("fromElements needs at least one element (or use fromElements(Class, ...))");
    }
    for (int i = 0; i < elements.length; i++) {
      if (elements[i] == null) {
        throw new IllegalArgumentException("fromElements: element " + i + " is null; null records are not supported");
      }
    }
    return fromCollection(Arrays.asList(elements), ElementTypes.of(elements, "fromElements"));
  }

  /** A bounded stream of the given elements, of the given type (for subclasses or generic types). */
  @SafeVarargs
  public final <T> DataStreamSource<T> fromElements(Class<T> type, T... elements) {
    return fromCollection(Arrays.asList(elements), TypeInfo.of(type));
  }

  /** A bounded stream of the collection's elements; the type is that of the first element's class. */
  public <T> DataStreamSource<T> fromCollection(Collection<T> data) {
    Objects.requireNonNull(data, "collection");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("fromCollection of an empty collection: pass its type, fromCollection(data, type)");
    }
    @SuppressWarnings("unchecked")
    T[] array = (T[]) data.toArray();
    return fromCollection(data, ElementTypes.of(array, "fromCollection"));
  }

  public <T> DataStreamSource<T> fromCollection(Collection<T> data, TypeInfo<T> type) {
    Objects.requireNonNull(data, "collection");
    Objects.requireNonNull(type, "type");
    CollectionSource<T> source = new CollectionSource<>(data, type);
    return fromSource(source, WatermarkStrategy.noWatermarks(), "Collection Source");
  }

  /** The numbers from..to (inclusive), bounded, split across the parallel readers. */
  public DataStreamSource<Long> fromSequence(long from, long to) {
    return fromSource(new NumberSequenceSource(from, to), WatermarkStrategy.noWatermarks(), "Sequence Source");
  }

  // ------------------------------------------------------------------ running

  /** Registers a terminal transformation (a sink) of the job. */
  public void addOperator(Transformation<?> sink) {
    sinks.add(Objects.requireNonNull(sink, "sink transformation"));
  }

  /** The job as built so far (does not reset the environment). */
  public StreamGraph getStreamGraph(String jobName) {
    return new StreamGraph(jobName == null ? DEFAULT_JOB_NAME : jobName, configuration, sinks);
  }

  public StreamGraph getStreamGraph() {
    return getStreamGraph(DEFAULT_JOB_NAME);
  }

  public JobExecutionResult execute() throws JobExecutionException {
    return execute(DEFAULT_JOB_NAME);
  }

  /**
   * Runs the job to completion in the embedded engine. The environment is reset afterwards, so it
   * can build and run another job.
   */
  public JobExecutionResult execute(String jobName) throws JobExecutionException {
    return LocalExecutor.execute(takeStreamGraph(jobName));
  }

  public JobClient executeAsync() {
    return executeAsync(DEFAULT_JOB_NAME);
  }

  /** Starts the job and returns at once; the environment is reset. */
  public JobClient executeAsync(String jobName) {
    return LocalExecutor.submit(takeStreamGraph(jobName));
  }

  private StreamGraph takeStreamGraph(String jobName) {
    StreamGraph graph = getStreamGraph(jobName);
    sinks.clear();
    return graph;
  }

  List<Transformation<?>> getSinks() {
    return sinks;
  }
}
