package io.weir.datastream;

import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.Partitioner;
import io.weir.core.sink.Sink;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.datastream.collect.CollectChannel;
import io.weir.datastream.collect.CollectRegistry;
import io.weir.datastream.collect.CollectResultIterator;
import io.weir.datastream.collect.JobFailedException;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.operators.ProcessOperator;
import io.weir.datastream.operators.StreamFilter;
import io.weir.datastream.operators.StreamFlatMap;
import io.weir.datastream.operators.StreamMap;
import io.weir.datastream.operators.TimestampsAndWatermarksOperator;
import io.weir.datastream.sinks.CollectSink;
import io.weir.datastream.sinks.PrintSink;
import io.weir.datastream.util.FieldAccessor;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.UnionTransformation;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.sink.SinkWriterOperator;
import io.weir.runtime.partitioner.BroadcastPartitioner;
import io.weir.runtime.partitioner.CustomPartitionerWrapper;
import io.weir.runtime.partitioner.ForwardPartitioner;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.partitioner.RescalePartitioner;
import io.weir.runtime.partitioner.ShufflePartitioner;
import io.weir.runtime.partitioner.StreamPartitioner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A stream of records of type {@code T}: what sources produce and operators transform. Each call
 * adds a transformation to the job; nothing runs until the environment's execute() (or
 * {@link #executeAndCollect()}).
 */
public class DataStream<T> {
  protected final StreamExecutionEnvironment environment;
  protected final Transformation<T> transformation;

  public DataStream(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.transformation = Objects.requireNonNull(transformation, "transformation");
  }

  public Transformation<T> getTransformation() {
    return transformation;
  }

  public TypeInfo<T> getType() {
    return transformation.getOutputType();
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  public int getId() {
    return transformation.getId();
  }

  /** The parallelism set for this stream's operator, or -1 for the job default. */
  public int getParallelism() {
    return transformation.getParallelism();
  }

  // ------------------------------------------------------------------ record-at-a-time

  public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper) {
    return map(mapper, OutputTypes.of(mapper, MapFunction.class, 1, getType()));
  }

  public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper, TypeInfo<R> outputType) {
    return transform("Map", outputType, new StreamMap<>(Functions.checkSerializable(mapper, "map")));
  }

  public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper) {
    return flatMap(flatMapper, OutputTypes.of(flatMapper, FlatMapFunction.class, 1, getType()));
  }

  public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper, TypeInfo<R> outputType) {
    return transform("Flat Map", outputType, new StreamFlatMap<>(Functions.checkSerializable(flatMapper, "flatMap")));
  }

  public SingleOutputStreamOperator<T> filter(FilterFunction<T> filter) {
    return transform("Filter", getType(), new StreamFilter<>(Functions.checkSerializable(filter, "filter")));
  }

  /** Runs a {@link ProcessFunction}; after keyBy it also gets keyed state and timers. */
  public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function) {
    return process(function, OutputTypes.of(function, ProcessFunction.class, 1, getType()));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function, TypeInfo<R> outputType) {
    return transform("Process", outputType, new ProcessOperator<>(Functions.checkSerializable(function, "process")));
  }

  /**
   * Adds an operator after this stream. On a {@link KeyedStream} the operator is keyed: it gets
   * keyed state and timers scoped to the key of each record.
   */
  public <R> SingleOutputStreamOperator<R> transform(
      String operatorName, TypeInfo<R> outputType, OneInputStreamOperator<T, R> operator) {
    OneInputTransformation<T, R> t = new OneInputTransformation<>(transformation, operatorName, operator, outputType, -1);
    return new SingleOutputStreamOperator<>(environment, t);
  }

  // ------------------------------------------------------------------ keys and partitioning

  /** Partitions by key: records with equal keys go to the same parallel instance and share state. */
  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector) {
    return keyBy(keySelector, OutputTypes.of(keySelector, KeySelector.class, 1, getType()));
  }

  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector, TypeInfo<K> keyType) {
    Functions.checkSerializable(keySelector, "keyBy");
    KeyTypes.validate(keyType, "keyBy");
    PartitionTransformation<T> partitioned = new PartitionTransformation<>(
        transformation, new KeyGroupStreamPartitioner<>(keySelector, environment.getMaxParallelism()));
    return new KeyedStream<>(environment, partitioned, keySelector, keyType);
  }

  /** Key by tuple/row field positions; several fields make a tuple key. */
  public KeyedStream<T, Object> keyBy(int... fields) {
    if (fields == null || fields.length == 0) {
      throw new IllegalArgumentException("keyBy: give at least one field position");
    }
    List<FieldAccessor<T, Object>> accessors = new ArrayList<>();
    for (int f : fields) {
      accessors.add(FieldAccessor.of(getType(), f, "keyBy(" + f + ")"));
    }
    return keyByFields(accessors, "keyBy" + Arrays.toString(fields));
  }

  /** Key by field names of a POJO, record, tuple ("f0") or named row; several fields make a tuple key. */
  public KeyedStream<T, Object> keyBy(String... fields) {
    if (fields == null || fields.length == 0) {
      throw new IllegalArgumentException("keyBy: give at least one field name");
    }
    List<FieldAccessor<T, Object>> accessors = new ArrayList<>();
    for (String f : fields) {
      accessors.add(FieldAccessor.of(getType(), f, "keyBy(\"" + f + "\")"));
    }
    return keyByFields(accessors, "keyBy" + Arrays.toString(fields));
  }

  private KeyedStream<T, Object> keyByFields(List<FieldAccessor<T, Object>> accessors, String operation) {
    FieldKeySelector<T> selector = new FieldKeySelector<>(accessors, operation);
    return keyBy(selector, selector.keyType());
  }

  /** Every record to every parallel instance of the next operator. */
  public DataStream<T> broadcast() {
    return partition(new BroadcastPartitioner<>());
  }

  /**
   * A broadcast stream to {@link #connect(BroadcastStream)} with another stream; the descriptors
   * name the broadcast state the connected function may use.
   */
  public BroadcastStream<T> broadcast(MapStateDescriptor<?, ?>... broadcastStateDescriptors) {
    if (broadcastStateDescriptors == null || broadcastStateDescriptors.length == 0) {
      throw new IllegalArgumentException("broadcast(...): give at least one MapStateDescriptor for the broadcast state");
    }
    return new BroadcastStream<>(environment, broadcast(), Arrays.asList(broadcastStateDescriptors));
  }

  /** Round-robin over all parallel instances of the next operator. */
  public DataStream<T> rebalance() {
    return partition(new RebalancePartitioner<>());
  }

  /** Round-robin within local groups of the next operator's instances (cheaper than rebalance). */
  public DataStream<T> rescale() {
    return partition(new RescalePartitioner<>());
  }

  /** A random instance per record. */
  public DataStream<T> shuffle() {
    return partition(new ShufflePartitioner<>());
  }

  /** Instance i feeds instance i (needs equal parallelism); lets operators chain. */
  public DataStream<T> forward() {
    return partition(new ForwardPartitioner<>());
  }

  /** All records to the first instance of the next operator. */
  public DataStream<T> global() {
    return partition(new CustomPartitionerWrapper<>(new FirstChannel(), new NullKey<>()));
  }

  /** The partitioner chooses the instance from the key. */
  public <K> DataStream<T> partitionCustom(Partitioner<K> partitioner, KeySelector<T, K> keySelector) {
    Functions.checkSerializable(partitioner, "partitionCustom");
    Functions.checkSerializable(keySelector, "partitionCustom");
    return partition(new CustomPartitionerWrapper<>(partitioner, keySelector));
  }

  public <K> DataStream<T> partitionCustom(Partitioner<K> partitioner, int field) {
    FieldAccessor<T, K> accessor = FieldAccessor.of(getType(), field, "partitionCustom");
    return partitionCustom(partitioner, new FieldKeySelector.Single<>(accessor));
  }

  private DataStream<T> partition(StreamPartitioner<T> partitioner) {
    return new DataStream<>(environment, new PartitionTransformation<>(transformation, partitioner));
  }

  // ------------------------------------------------------------------ combining streams

  /** One stream with the records of this and the other streams (all of the same type). */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... streams) {
    List<Transformation<T>> inputs = new ArrayList<>();
    inputs.add(transformation);
    for (DataStream<T> s : streams) {
      if (!KeyTypes.sameType(getType(), s.getType())) {
        throw new IllegalArgumentException("union: cannot union a stream of type " + getType()
            + " with a stream of type " + s.getType());
      }
      if (s.environment != environment) {
        throw new IllegalArgumentException("union: the streams belong to different execution environments");
      }
      inputs.add(s.getTransformation());
    }
    return new DataStream<>(environment, new UnionTransformation<>(inputs));
  }

  /** Two streams (possibly of different types) processed by one two-input function. */
  public <R> ConnectedStreams<T, R> connect(DataStream<R> other) {
    return new ConnectedStreams<>(environment, this, other);
  }

  /** This stream together with a broadcast stream and its broadcast state. */
  public <R> BroadcastConnectedStream<T, R> connect(BroadcastStream<R> broadcastStream) {
    return new BroadcastConnectedStream<>(environment, this, broadcastStream);
  }

  /** Windows over the whole (non-keyed) stream; the window operator runs with parallelism 1. */
  public <W extends Window> AllWindowedStream<T, W> windowAll(WindowAssigner<? super T, W> assigner) {
    return new AllWindowedStream<>(this, assigner);
  }

  /** A window join: {@code a.join(b).where(k1).equalTo(k2).window(assigner).apply(fn)}. */
  public <T2> JoinedStreams<T, T2> join(DataStream<T2> other) {
    return new JoinedStreams<>(this, other);
  }

  // ------------------------------------------------------------------ time

  /**
   * Assigns event timestamps and, in STREAMING mode, generates watermarks (replacing upstream
   * ones). In BATCH mode only the timestamps are assigned.
   */
  public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> watermarkStrategy) {
    Functions.checkSerializable(watermarkStrategy, "assignTimestampsAndWatermarks");
    OneInputTransformation<T, T> t = new OneInputTransformation<>(transformation, "Timestamps/Watermarks",
        new TimestampsAndWatermarksOperator<>(watermarkStrategy), getType(), transformation.getParallelism());
    return new SingleOutputStreamOperator<>(environment, t);
  }

  // ------------------------------------------------------------------ sinks

  /** Writes the stream to a sink (one writer per parallel instance). */
  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    Functions.checkSerializable(sink, "sinkTo");
    // Built directly, not through transform(): a sink after keyBy keeps the partitioning but has no keyed state.
    OneInputTransformation<T, Void> t = new OneInputTransformation<>(
        transformation, "Sink", new SinkWriterOperator<>(sink), Types.VOID, -1);
    environment.addOperator(t);
    return new DataStreamSink<>(t);
  }

  /** Prints each record to standard out ({@code "n> "} prefixed when parallel). */
  public DataStreamSink<T> print() {
    return sinkTo(new PrintSink<>()).name("Print to Std. Out");
  }

  /** Prints each record with {@code "prefix> "} (or {@code "prefix:n> "} when parallel). */
  public DataStreamSink<T> print(String prefix) {
    return sinkTo(new PrintSink<>(prefix)).name("Print to Std. Out");
  }

  public DataStreamSink<T> printToErr() {
    return sinkTo(new PrintSink<>("", true)).name("Print to Std. Err");
  }

  /**
   * Runs the job (with every sink of the environment) and returns an iterator over this stream's
   * records as they arrive. The iterator ends when the job finishes and throws
   * {@link JobFailedException} if it fails; closing it cancels a running job.
   */
  public CloseableIterator<T> executeAndCollect() {
    return executeAndCollect(StreamExecutionEnvironment.DEFAULT_JOB_NAME);
  }

  public CloseableIterator<T> executeAndCollect(String jobName) {
    CollectChannel<T> channel = CollectRegistry.open();
    try {
      sinkTo(new CollectSink<>(channel.getId())).name("Collect Sink");
      JobClient client = environment.executeAsync(jobName);
      return new CollectResultIterator<>(channel, client);
    } catch (RuntimeException e) {
      CollectRegistry.release(channel.getId());
      throw e;
    }
  }

  /** Runs the job and returns up to {@code limit} records; the job is cancelled once they arrived. */
  public List<T> executeAndCollect(int limit) throws JobExecutionException {
    return executeAndCollect(StreamExecutionEnvironment.DEFAULT_JOB_NAME, limit);
  }

  public List<T> executeAndCollect(String jobName, int limit) throws JobExecutionException {
    if (limit < 0) {
      throw new IllegalArgumentException("executeAndCollect: limit must be >= 0, was " + limit);
    }
    List<T> result = new ArrayList<>();
    try (CloseableIterator<T> it = executeAndCollect(jobName)) {
      while (result.size() < limit && it.hasNext()) {
        result.add(it.next());
      }
    } catch (JobFailedException e) {
      throw e.getCause();
    }
    return result;
  }

  // ------------------------------------------------------------------ helpers

  /** global(): channel 0 for every record. */
  private static final class FirstChannel implements Partitioner<Object> {
    @Override
    public int partition(Object key, int numPartitions) {
      return 0;
    }
  }

  private static final class NullKey<T> implements KeySelector<T, Object> {
    @Override
    public Object getKey(T value) {
      return null;
    }
  }
}
