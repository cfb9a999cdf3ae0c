package io.weir.runtime.testing;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.checkpoint.OperatorSnapshotSerializer;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.StreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a scripted input through an operator and checks its output, in the spirit of Hazelcast
 * Jet's {@code TestSupport}: every STREAMING expectation is checked twice,
 * <ol>
 *   <li>straight through one operator copy, and
 *   <li>with a snapshot after <em>every</em> input item, restored into a fresh copy of the
 *       prototype (state round-tripped through the checkpoint file format), which then continues
 *       with the rest of the input;
 * </ol>
 * both outputs must equal the expected one. So every operator test also tests the operator's
 * snapshot and restore, with no extra test code. After a restore the last watermark of each input
 * is sent again (as a source would) with the re-emitted watermark dropped from the output.
 *
 * <p>A BATCH expectation ({@link #expectBatchOutput}) runs the operator in BATCH mode the way the
 * engine does: records only (watermarks and processing time are dropped), keyed input sorted by
 * (serialized key bytes, timestamp, arrival), then a final watermark +inf and end of input. Two-
 * input operators read the input named by {@code batchReadFirst()} completely first; otherwise
 * both keyed inputs are merged in key order. BATCH output is compared ignoring order unless
 * {@link #strictBatchOrder()} is set.
 *
 * <p>Input items: {@link #record(Object, long)}, {@link #watermark(long)}, {@link
 * #processingTime(long)}, any other object = a record without timestamp; for two-input operators
 * {@link #record1}, {@link #record2}, {@link #watermark1}, {@link #watermark2} (and
 * {@code watermark} for both). Expected items: {@code record(value, ts)} (value and timestamp
 * compared), plain values (only values compared), and {@code watermark(t)}: output watermarks are
 * compared only when the expectation contains at least one.
 *
 * <pre>{@code
 * OperatorTestSupport.forKeyedOperator(new CountOperator(), s -> s, Types.STRING)
 *     .input(record("a", 1), record("a", 2), watermark(5), record("b", 6))
 *     .expectOutput(record("a:1", 1), record("a:2", 2), record("b:1", 6))
 *     .run();
 * }</pre>
 */
public final class OperatorTestSupport<OUT> {

  /** How output order is compared. */
  public enum Order {
    /** Same sequence. */
    EXACT,
    /** Records between two watermarks may come in any order when their timestamps are equal. */
    WITHIN_TIMESTAMP,
    /** Same multiset of records (watermarks ignored). */
    ANY
  }

  public record ProcessingTime(long time) {}

  public record InputRecord(int input, Object value, long timestamp) {}

  public record InputWatermark(int input, long timestamp) {}

  private final StreamOperator<OUT> prototype;
  private final boolean twoInput;
  private final KeySelector<?, ?> keySelector1;
  private final KeySelector<?, ?> keySelector2;
  private final TypeInfo<?> keyType;

  private final List<Object> input = new ArrayList<>();
  private List<Object> expected;
  private List<Object> expectedBatch;
  private final Map<OutputTag<?>, List<Object>> expectedSide = new LinkedHashMap<>();
  private final Map<OutputTag<?>, List<Object>> expectedBatchSide = new LinkedHashMap<>();
  private Order order = Order.EXACT;
  private Order batchOrder = Order.ANY;
  private boolean snapshotRestore = true;
  private int parallelism = 1;
  private int subtaskIndex = 0;
  private int maxParallelism = 128;

  private OperatorTestSupport(
      StreamOperator<OUT> prototype, boolean twoInput, KeySelector<?, ?> k1, KeySelector<?, ?> k2, TypeInfo<?> keyType) {
    this.prototype = Objects.requireNonNull(prototype, "operator");
    this.twoInput = twoInput;
    this.keySelector1 = k1;
    this.keySelector2 = k2;
    this.keyType = keyType;
  }

  // ---------------------------------------------------------------- factories

  public static <IN, OUT> OperatorTestSupport<OUT> forOperator(OneInputStreamOperator<IN, OUT> prototype) {
    return new OperatorTestSupport<>(prototype, false, null, null, null);
  }

  public static <IN, K, OUT> OperatorTestSupport<OUT> forKeyedOperator(
      OneInputStreamOperator<IN, OUT> prototype, KeySelector<IN, K> keySelector, TypeInfo<K> keyType) {
    return new OperatorTestSupport<>(prototype, false, Objects.requireNonNull(keySelector, "key selector"), null,
        Objects.requireNonNull(keyType, "key type"));
  }

  public static <IN1, IN2, OUT> OperatorTestSupport<OUT> forTwoInputOperator(
      TwoInputStreamOperator<IN1, IN2, OUT> prototype) {
    return new OperatorTestSupport<>(prototype, true, null, null, null);
  }

  /** A null selector leaves that input unkeyed (the broadcast side). */
  public static <IN1, IN2, K, OUT> OperatorTestSupport<OUT> forKeyedTwoInputOperator(
      TwoInputStreamOperator<IN1, IN2, OUT> prototype, KeySelector<IN1, K> keySelector1,
      KeySelector<IN2, K> keySelector2, TypeInfo<K> keyType) {
    return new OperatorTestSupport<>(prototype, true, keySelector1, keySelector2, Objects.requireNonNull(keyType, "key type"));
  }

  // ---------------------------------------------------------------- items

  public static <T> TimestampedValue<T> record(T value, long timestamp) {
    return new TimestampedValue<>(value, timestamp);
  }

  public static Watermark watermark(long timestamp) {
    return new Watermark(timestamp);
  }

  public static ProcessingTime processingTime(long time) {
    return new ProcessingTime(time);
  }

  public static InputRecord record1(Object value, long timestamp) {
    return new InputRecord(1, value, timestamp);
  }

  public static InputRecord record2(Object value, long timestamp) {
    return new InputRecord(2, value, timestamp);
  }

  public static InputWatermark watermark1(long timestamp) {
    return new InputWatermark(1, timestamp);
  }

  public static InputWatermark watermark2(long timestamp) {
    return new InputWatermark(2, timestamp);
  }

  // ---------------------------------------------------------------- configuration

  public OperatorTestSupport<OUT> input(Object... items) {
    return input(Arrays.asList(items));
  }

  public OperatorTestSupport<OUT> input(List<?> items) {
    input.addAll(items);
    return this;
  }

  /** Expected main output in STREAMING mode. */
  public OperatorTestSupport<OUT> expectOutput(Object... items) {
    return expectOutput(Arrays.asList(items));
  }

  public OperatorTestSupport<OUT> expectOutput(List<?> items) {
    expected = new ArrayList<>(items);
    return this;
  }

  /** Expected main output in BATCH mode (compared ignoring order unless {@link #strictBatchOrder()}). */
  public OperatorTestSupport<OUT> expectBatchOutput(Object... items) {
    return expectBatchOutput(Arrays.asList(items));
  }

  public OperatorTestSupport<OUT> expectBatchOutput(List<?> items) {
    expectedBatch = new ArrayList<>(items);
    return this;
  }

  public OperatorTestSupport<OUT> expectSideOutput(OutputTag<?> tag, List<?> items) {
    expectedSide.put(tag, new ArrayList<>(items));
    return this;
  }

  public OperatorTestSupport<OUT> expectBatchSideOutput(OutputTag<?> tag, List<?> items) {
    expectedBatchSide.put(tag, new ArrayList<>(items));
    return this;
  }

  public OperatorTestSupport<OUT> ignoreOrderWithinTimestamp() {
    order = Order.WITHIN_TIMESTAMP;
    return this;
  }

  /** STREAMING output compared as a multiset. */
  public OperatorTestSupport<OUT> ignoreOrder() {
    order = Order.ANY;
    return this;
  }

  public OperatorTestSupport<OUT> strictBatchOrder() {
    batchOrder = Order.EXACT;
    return this;
  }

  /** Skips the snapshot/restore run (only for operators that cannot snapshot; say why in the test). */
  public OperatorTestSupport<OUT> withoutSnapshotRestore() {
    snapshotRestore = false;
    return this;
  }

  public OperatorTestSupport<OUT> withParallelism(int parallelism, int subtaskIndex, int maxParallelism) {
    this.parallelism = parallelism;
    this.subtaskIndex = subtaskIndex;
    this.maxParallelism = maxParallelism;
    return this;
  }

  // ---------------------------------------------------------------- running

  /** Runs every configured check; throws {@link AssertionError} naming the run that differed. */
  public void run() throws Exception {
    boolean streaming = expected != null || !expectedSide.isEmpty();
    boolean batch = expectedBatch != null || !expectedBatchSide.isEmpty();
    if (!streaming && !batch) {
      throw new IllegalStateException("nothing to check: call expectOutput(...) and/or expectBatchOutput(...)");
    }
    if (streaming) {
      check("STREAMING run", runStreaming(false), expected, expectedSide, order);
      if (snapshotRestore) {
        check("STREAMING run with snapshot + restore into a fresh operator after every input item",
            runStreaming(true), expected, expectedSide, order);
      }
    }
    if (batch) {
      check("BATCH run", runBatch(), expectedBatch, expectedBatchSide, batchOrder);
    }
  }

  private record Result(List<StreamElement> main, Map<OutputTag<?>, List<StreamRecord<?>>> side) {}

  private AbstractOperatorTestHarness<OUT, ?> newHarness(
      RuntimeExecutionMode mode, long processingTime, List<OperatorSnapshot> restored) {
    AbstractOperatorTestHarness<OUT, ?> h;
    if (twoInput) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      TwoInputOperatorTestHarness<Object, Object, OUT> t = keyType == null
          ? new TwoInputOperatorTestHarness<>((TwoInputStreamOperator) prototype)
          : new TwoInputOperatorTestHarness<>((TwoInputStreamOperator) prototype,
              (KeySelector) keySelector1, (KeySelector) keySelector2, (TypeInfo) keyType);
      h = t;
    } else {
      @SuppressWarnings({"unchecked", "rawtypes"})
      OneInputOperatorTestHarness<Object, OUT> o = keyType == null
          ? new OneInputOperatorTestHarness<>((OneInputStreamOperator) prototype)
          : new OneInputOperatorTestHarness<>((OneInputStreamOperator) prototype, (KeySelector) keySelector1,
              (TypeInfo) keyType);
      h = o;
    }
    h.withMode(mode).withParallelism(parallelism, subtaskIndex, maxParallelism).withProcessingTime(processingTime);
    if (restored != null) {
      h.initializeState(restored);
    }
    return h;
  }

  private Result runStreaming(boolean restoreAfterEveryItem) throws Exception {
    List<StreamElement> main = new ArrayList<>();
    Map<OutputTag<?>, List<StreamRecord<?>>> side = new LinkedHashMap<>();
    AbstractOperatorTestHarness<OUT, ?> h = newHarness(RuntimeExecutionMode.STREAMING, 0, null);
    h.open();
    long[] lastWatermark = {Long.MIN_VALUE, Long.MIN_VALUE};
    long checkpointId = 0;
    try {
      for (int i = 0; i < input.size(); i++) {
        Object item = input.get(i);
        try {
          feed(h, item, lastWatermark);
        } catch (Exception | AssertionError e) {
          throw new AssertionError(describe(restoreAfterEveryItem) + ": input item " + i + " (" + item + ") failed: " + e, e);
        }
        if (restoreAfterEveryItem) {
          OperatorSnapshot snapshot;
          byte[] bytes;
          try {
            snapshot = h.snapshot(++checkpointId);
            bytes = OperatorSnapshotSerializer.serialize(snapshot);
          } catch (Exception e) {
            throw new AssertionError("snapshot after input item " + i + " (" + item + ") failed: " + e, e);
          }
          drain(h, main, side);
          long now = h.getProcessingTime();
          h.close();
          h = newHarness(RuntimeExecutionMode.STREAMING, now, List.of(OperatorSnapshotSerializer.deserialize(bytes)));
          try {
            h.open();
            resendWatermarks(h, lastWatermark);
          } catch (Exception e) {
            throw new AssertionError("restore after input item " + i + " (" + item + ") failed: " + e, e);
          }
        }
      }
      endInput(h);
      drain(h, main, side);
    } finally {
      h.close();
    }
    return new Result(main, side);
  }

  private static String describe(boolean restore) {
    return restore ? "STREAMING run with snapshot + restore" : "STREAMING run";
  }

  private void resendWatermarks(AbstractOperatorTestHarness<OUT, ?> h, long[] lastWatermark) throws Exception {
    h.setDiscardWatermarks(true);
    try {
      if (h instanceof TwoInputOperatorTestHarness<?, ?, ?> t) {
        if (lastWatermark[0] != Long.MIN_VALUE) {
          t.processWatermark1(lastWatermark[0]);
        }
        if (lastWatermark[1] != Long.MIN_VALUE) {
          t.processWatermark2(lastWatermark[1]);
        }
      } else if (lastWatermark[0] != Long.MIN_VALUE) {
        ((OneInputOperatorTestHarness<?, OUT>) h).processWatermark(lastWatermark[0]);
      }
    } finally {
      h.setDiscardWatermarks(false);
    }
  }

  @SuppressWarnings("unchecked")
  private void feed(AbstractOperatorTestHarness<OUT, ?> h, Object item, long[] lastWatermark) throws Exception {
    if (item instanceof ProcessingTime p) {
      h.setProcessingTime(p.time());
      return;
    }
    if (h instanceof TwoInputOperatorTestHarness<?, ?, ?> t0) {
      TwoInputOperatorTestHarness<Object, Object, OUT> t = (TwoInputOperatorTestHarness<Object, Object, OUT>) t0;
      if (item instanceof InputRecord r) {
        StreamRecord<Object> rec = new StreamRecord<>(r.value(), r.timestamp());
        if (r.input() == 1) {
          t.processElement1(rec);
        } else {
          t.processElement2(rec);
        }
      } else if (item instanceof InputWatermark w) {
        lastWatermark[w.input() - 1] = w.timestamp();
        if (w.input() == 1) {
          t.processWatermark1(w.timestamp());
        } else {
          t.processWatermark2(w.timestamp());
        }
      } else if (item instanceof Watermark w) {
        lastWatermark[0] = w.getTimestamp();
        lastWatermark[1] = w.getTimestamp();
        t.processWatermark(w.getTimestamp());
      } else {
        throw new IllegalArgumentException(
            "two-input operators take record1/record2/watermark1/watermark2/watermark/processingTime items, got " + item);
      }
      return;
    }
    OneInputOperatorTestHarness<Object, OUT> o = (OneInputOperatorTestHarness<Object, OUT>) h;
    if (item instanceof TimestampedValue<?> tv) {
      o.processElement(new StreamRecord<>(tv.value(), tv.timestamp()));
    } else if (item instanceof Watermark w) {
      lastWatermark[0] = w.getTimestamp();
      o.processWatermark(w);
    } else if (item instanceof InputRecord || item instanceof InputWatermark) {
      throw new IllegalArgumentException("one-input operators take record/watermark/processingTime items, got " + item);
    } else {
      o.processElement(new StreamRecord<>(item));
    }
  }

  private void endInput(AbstractOperatorTestHarness<OUT, ?> h) throws Exception {
    if (h instanceof TwoInputOperatorTestHarness<?, ?, ?> t) {
      t.endInput();
    } else {
      ((OneInputOperatorTestHarness<?, OUT>) h).endInput();
    }
  }

  private static void drain(
      AbstractOperatorTestHarness<?, ?> h, List<StreamElement> main, Map<OutputTag<?>, List<StreamRecord<?>>> side) {
    main.addAll(h.getOutput());
    h.sideOutputs().forEach((tag, records) -> side.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(records));
    h.clearOutput();
  }

  // ---------------------------------------------------------------- BATCH

  private record Sortable(Object item, int input, byte[] key, long timestamp, int arrival) {}

  private Result runBatch() throws Exception {
    TypeSerializer<Object> keySerializer = keySerializer();
    List<Sortable> in1 = new ArrayList<>();
    List<Sortable> in2 = new ArrayList<>();
    int arrival = 0;
    for (Object item : input) {
      int inputId;
      Object value;
      long ts;
      if (item instanceof InputRecord r) {
        inputId = r.input();
        value = r.value();
        ts = r.timestamp();
      } else if (item instanceof TimestampedValue<?> tv && !twoInput) {
        inputId = 1;
        value = tv.value();
        ts = tv.timestamp();
      } else if (item instanceof Watermark || item instanceof InputWatermark || item instanceof ProcessingTime) {
        continue; // BATCH: event time jumps to +inf at the end; processing time is ignored
      } else if (!twoInput) {
        inputId = 1;
        value = item;
        ts = StreamRecord.NO_TIMESTAMP;
      } else {
        throw new IllegalArgumentException("two-input operators take record1/record2 items, got " + item);
      }
      KeySelector<Object, Object> selector = keySelector(inputId);
      byte[] key = selector == null ? null : serializeKey(keySerializer, selector.getKey(value));
      (inputId == 1 ? in1 : in2).add(new Sortable(value, inputId, key, ts, arrival++));
    }
    Comparator<Sortable> byKey = (a, b) -> {
      int c = Arrays.compareUnsigned(a.key, b.key);
      if (c != 0) {
        return c;
      }
      c = Long.compare(a.timestamp, b.timestamp);
      return c != 0 ? c : Integer.compare(a.arrival, b.arrival);
    };
    List<Sortable> sequence = new ArrayList<>();
    if (!twoInput) {
      if (keySelector1 != null) {
        in1.sort(byKey);
      }
      sequence.addAll(in1);
    } else {
      int first = ((TwoInputStreamOperator<?, ?, ?>) prototype).batchReadFirst();
      if (keySelector1 != null) {
        in1.sort(byKey);
      }
      if (keySelector2 != null) {
        in2.sort(byKey);
      }
      if (first == 2 || (first == 0 && keySelector2 == null && keySelector1 != null)) {
        sequence.addAll(in2);
        sequence.addAll(in1);
      } else if (first == 1 || keySelector1 == null || keySelector2 == null) {
        sequence.addAll(in1);
        sequence.addAll(in2);
      } else {
        sequence.addAll(in1);
        sequence.addAll(in2);
        sequence.sort(byKey);
      }
    }

    List<StreamElement> main = new ArrayList<>();
    Map<OutputTag<?>, List<StreamRecord<?>>> side = new LinkedHashMap<>();
    AbstractOperatorTestHarness<OUT, ?> h = newHarness(RuntimeExecutionMode.BATCH, 0, null);
    try {
      h.open();
      for (Sortable s : sequence) {
        Object item = twoInput ? new InputRecord(s.input, s.item, s.timestamp) : new TimestampedValue<>(s.item, s.timestamp);
        try {
          feed(h, item, new long[2]);
        } catch (Exception | AssertionError e) {
          throw new AssertionError("BATCH run: record " + item + " failed: " + e, e);
        }
      }
      feed(h, new Watermark(Long.MAX_VALUE), new long[2]);
      endInput(h);
      drain(h, main, side);
    } finally {
      h.close();
    }
    return new Result(main, side);
  }

  @SuppressWarnings("unchecked")
  private TypeSerializer<Object> keySerializer() {
    return keyType == null ? null : (TypeSerializer<Object>) keyType.createSerializer();
  }

  @SuppressWarnings("unchecked")
  private KeySelector<Object, Object> keySelector(int input) {
    return (KeySelector<Object, Object>) (input == 1 ? keySelector1 : keySelector2);
  }

  private static byte[] serializeKey(TypeSerializer<Object> serializer, Object key) throws Exception {
    ByteArrayDataOutput out = new ByteArrayDataOutput(32);
    serializer.serialize(key, out);
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- comparison

  private static void check(
      String run, Result actual, List<Object> expectedMain, Map<OutputTag<?>, List<Object>> expectedSides, Order order) {
    if (expectedMain != null) {
      compare(run + ", main output", actual.main, expectedMain, order);
    }
    for (Map.Entry<OutputTag<?>, List<Object>> e : expectedSides.entrySet()) {
      List<StreamElement> records = new ArrayList<>(actual.side.getOrDefault(e.getKey(), List.of()));
      compare(run + ", side output '" + e.getKey().getId() + "'", records, e.getValue(), order);
    }
  }

  private static void compare(String what, List<StreamElement> actualElements, List<Object> expected, Order order) {
    boolean withWatermarks = order != Order.ANY && expected.stream().anyMatch(o -> o instanceof Watermark);
    boolean timestamped = expected.stream().anyMatch(o -> o instanceof TimestampedValue<?>);
    boolean plain = expected.stream().anyMatch(o -> !(o instanceof TimestampedValue<?>) && !(o instanceof Watermark));
    if (timestamped && plain) {
      throw new IllegalArgumentException(
          "expected output mixes record(value, timestamp) and plain values: use one form for all records");
    }
    if (order == Order.WITHIN_TIMESTAMP && plain) {
      throw new IllegalArgumentException(
          "ignoreOrderWithinTimestamp() needs expected records with timestamps: use record(value, timestamp)");
    }
    List<Object> exp = new ArrayList<>();
    for (Object o : expected) {
      if (o instanceof Watermark && !withWatermarks) {
        continue;
      }
      exp.add(o);
    }
    List<Object> act = new ArrayList<>();
    for (StreamElement e : actualElements) {
      if (e.isRecord()) {
        StreamRecord<?> r = e.asRecord();
        act.add(timestamped ? new TimestampedValue<>(r.getValue(), r.getTimestamp()) : r.getValue());
      } else if (e.isWatermark() && withWatermarks) {
        act.add(e.asWatermark());
      }
    }
    if (order == Order.ANY) {
      compareAnyOrder(what, act, exp);
      return;
    }
    if (order == Order.WITHIN_TIMESTAMP) {
      act = canonical(act);
      exp = canonical(exp);
    }
    int n = Math.min(act.size(), exp.size());
    for (int i = 0; i < n; i++) {
      if (!same(act.get(i), exp.get(i))) {
        throw new AssertionError(what + " differs at index " + i + ": expected " + str(exp.get(i)) + " but was "
            + str(act.get(i)) + "\nexpected (" + exp.size() + "): " + str(exp) + "\nactual   (" + act.size() + "): " + str(act));
      }
    }
    if (act.size() != exp.size()) {
      throw new AssertionError(what + " has " + act.size() + " elements, expected " + exp.size()
          + "\nexpected: " + str(exp) + "\nactual:   " + str(act));
    }
  }

  private static void compareAnyOrder(String what, List<Object> act, List<Object> exp) {
    List<Object> missing = new ArrayList<>();
    List<Object> unexpected = new ArrayList<>(act);
    for (Object e : exp) {
      int found = -1;
      for (int i = 0; i < unexpected.size(); i++) {
        if (same(unexpected.get(i), e)) {
          found = i;
          break;
        }
      }
      if (found >= 0) {
        unexpected.remove(found);
      } else {
        missing.add(e);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new AssertionError(what + " (order ignored) differs: missing " + str(missing) + ", unexpected "
          + str(unexpected) + "\nexpected (" + exp.size() + "): " + str(exp) + "\nactual   (" + act.size() + "): " + str(act));
    }
  }

  /** Records between watermarks sorted by (timestamp, text) so ties compare equal in any order. */
  private static List<Object> canonical(List<Object> items) {
    List<Object> out = new ArrayList<>();
    List<TimestampedValue<?>> segment = new ArrayList<>();
    Comparator<TimestampedValue<?>> cmp = Comparator.<TimestampedValue<?>>comparingLong(TimestampedValue::timestamp)
        .thenComparing(t -> str(t.value()));
    for (Object o : items) {
      if (o instanceof TimestampedValue<?> tv) {
        segment.add(tv);
      } else {
        segment.sort(cmp);
        out.addAll(segment);
        segment.clear();
        out.add(o);
      }
    }
    segment.sort(cmp);
    out.addAll(segment);
    return out;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof TimestampedValue<?> x && b instanceof TimestampedValue<?> y) {
      return x.timestamp() == y.timestamp() && Objects.deepEquals(x.value(), y.value());
    }
    return Objects.deepEquals(a, b);
  }

  private static String str(Object o) {
    if (o instanceof Object[] arr) {
      return Arrays.deepToString(arr);
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(str(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (o != null && o.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {o});
    }
    return String.valueOf(o);
  }
}
