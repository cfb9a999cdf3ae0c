package io.weir.runtime.execution.testjobs;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapFunction;
import io.weir.core.source.Source;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.partitioner.StreamPartitioner;
import java.util.ArrayList;
import java.util.List;

/** A tiny fluent builder of transformation graphs for engine tests (no DataStream API needed). */
public final class Jobs {
  private final Configuration config = new Configuration();
  private final List<Transformation<?>> sinks = new ArrayList<>();

  public Jobs() {
    config.set(CoreOptions.WORKER_THREADS, Integer.getInteger("weir.test.workers", 2));
  }

  public Configuration config() {
    return config;
  }

  public Jobs mode(RuntimeExecutionMode mode) {
    config.set(CoreOptions.RUNTIME_MODE, mode);
    return this;
  }

  public Jobs parallelism(int p) {
    config.set(CoreOptions.DEFAULT_PARALLELISM, p);
    return this;
  }

  public <T> Stream<T> source(String name, Source<T, ?, ?> source, WatermarkStrategy<T> strategy, int parallelism) {
    return new Stream<>(new SourceTransformation<>(name, source, strategy, source.getProducedType(), parallelism));
  }

  public StreamGraph graph(String name) {
    return new StreamGraph(name, config, sinks);
  }

  public final class Stream<T> {
    final Transformation<T> t;

    Stream(Transformation<T> t) {
      this.t = t;
    }

    public Transformation<T> transformation() {
      return t;
    }

    public <R> Stream<R> map(String name, MapFunction<T, R> f, TypeInfo<R> type, int parallelism) {
      return transform(name, new TestOps.MapOp<>(f), type, parallelism);
    }

    public <R> Stream<R> transform(String name, OneInputStreamOperator<T, R> op, TypeInfo<R> type, int parallelism) {
      return new Stream<>(new OneInputTransformation<>(t, name, op, type, parallelism));
    }

    public Stream<T> partition(StreamPartitioner<T> partitioner) {
      return new Stream<>(new PartitionTransformation<>(t, partitioner));
    }

    public <K> Keyed<T, K> keyBy(KeySelector<T, K> selector, TypeInfo<K> keyType) {
      return new Keyed<>(new PartitionTransformation<>(t, new KeyGroupStreamPartitioner<>(selector, 128)), selector, keyType);
    }

    public void sink(String name, OneInputStreamOperator<T, ?> op, int parallelism) {
      sinks.add(new OneInputTransformation<>(t, name, op, null, parallelism));
    }

    public void collect(String id, int parallelism) {
      sink("Sink(" + id + ")", new TestOps.CollectSink<>(id), parallelism);
    }
  }

  public final class Keyed<T, K> {
    final Transformation<T> t;
    final KeySelector<T, K> selector;
    final TypeInfo<K> keyType;

    Keyed(Transformation<T> t, KeySelector<T, K> selector, TypeInfo<K> keyType) {
      this.t = t;
      this.selector = selector;
      this.keyType = keyType;
    }

    public <R> Stream<R> transform(String name, OneInputStreamOperator<T, R> op, TypeInfo<R> type, int parallelism) {
      OneInputTransformation<T, R> ot = new OneInputTransformation<>(t, name, op, type, parallelism);
      ot.setStateKeySelector(selector, keyType);
      return new Stream<>(ot);
    }
  }
}
