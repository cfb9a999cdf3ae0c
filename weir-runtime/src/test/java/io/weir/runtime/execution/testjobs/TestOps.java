package io.weir.runtime.execution.testjobs;

import io.weir.core.functions.MapFunction;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testutil.TestTypes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** Operators for engine tests. */
public final class TestOps {
  private TestOps() {}

  /** Collected sink output per test id. */
  public static final Map<String, ConcurrentLinkedQueue<Object>> SINKS = new ConcurrentHashMap<>();
  /** Watermarks seen per test id. */
  public static final Map<String, List<Long>> WATERMARKS = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public static <T> List<T> sink(String id) {
    ConcurrentLinkedQueue<Object> q = SINKS.get(id);
    return q == null ? List.of() : (List<T>) List.copyOf(q);
  }

  public static List<Long> watermarks(String id) {
    return WATERMARKS.getOrDefault(id, List.of());
  }

  public static void clear(String id) {
    SINKS.remove(id);
    WATERMARKS.remove(id);
  }

  /** map(f). */
  public static final class MapOp<IN, OUT> extends AbstractUdfStreamOperator<OUT, MapFunction<IN, OUT>>
      implements OneInputStreamOperator<IN, OUT> {
    public MapOp(MapFunction<IN, OUT> f) {
      super(f);
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
      output.collect(record.replace(userFunction.map(record.getValue())));
    }
  }

  /** Keyed running sum of KV values: emits (key, sum so far) per record, kept in ValueState. */
  public static final class KeyedSumOp extends AbstractStreamOperator<KV> implements OneInputStreamOperator<KV, KV> {
    private transient ValueState<Long> sum;

    @Override
    public void open() throws Exception {
      super.open();
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", TestTypes.LONG));
    }

    @Override
    public void processElement(StreamRecord<KV> record) throws Exception {
      Long s = sum.value();
      long next = (s == null ? 0 : s) + record.getValue().value();
      sum.update(next);
      output.collect(record.replace(new KV(record.getValue().key(), next)));
    }
  }

  /** Collects values into {@link #SINKS} under its id; records watermarks it sees. */
  public static final class CollectSink<T> extends AbstractStreamOperator<Void> implements OneInputStreamOperator<T, Void> {
    private final String id;

    public CollectSink(String id) {
      this.id = id;
    }

    @Override
    public void processElement(StreamRecord<T> record) {
      SINKS.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(record.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      WATERMARKS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(mark.getTimestamp());
      super.processWatermark(mark);
    }
  }
}
