package io.weir.runtime.tasks;

import io.weir.core.functions.KeySelector;
import io.weir.core.source.InputStatus;
import io.weir.core.types.TypeSerializer;
import io.weir.core.util.InstantiationUtil;
import io.weir.runtime.exchange.ElementBatch;
import io.weir.runtime.exchange.EndOfPartition;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.sort.CloseableSortedIterator;
import io.weir.runtime.sort.ExternalSorter;
import io.weir.runtime.sort.SortedRecord;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * BATCH input of a keyed head operator: the input is read completely into an
 * {@link ExternalSorter} keyed by the serialized key, then replayed in key order so the
 * single-key state backend sees each key's records together; after the last record the head gets
 * the +inf watermark and endInput.
 *
 * <p>Two inputs are read in stages: {@code batchReadFirst} first (sorted if keyed, else as it
 * comes), then the other; with no preference, a non-keyed input is read before a keyed one, and
 * two keyed inputs are merged into one sort (records tagged with their input), so both inputs'
 * records of a key arrive together. One batch (or {@code batchSize} sorted records) per call.
 */
final class SortingInputProcessor implements InputProcessor {
  private final OperatorChain chain;
  private final TaskServices services;
  private final String headName;
  private final int subtaskIndex;
  private final int parallelism;
  private final int batchSize;
  private final List<InputChannelInfo> channels;
  private final boolean[] ended;
  private final KeySelector<Object, Object>[] keySelectors;
  private final TypeSerializer<Object> keySerializer;
  private final TypeSerializer<Object>[] valueSerializers;
  private final List<Stage> stages = new ArrayList<>();
  private final ByteArrayDataOutput keyBuffer = new ByteArrayDataOutput(64);
  private final StreamRecord<Object> reuse = new StreamRecord<>(null);
  private io.weir.runtime.memory.MemoryManager memory;
  private int stageIndex;
  private int next;

  /** Inputs read together; sorted when keyed. */
  private static final class Stage {
    final int[] inputs;
    final boolean sorted;
    boolean reading = true;
    ExternalSorter<Object> sorter;
    CloseableSortedIterator<Object> iterator;

    Stage(boolean sorted, int... inputs) {
      this.inputs = inputs;
      this.sorted = sorted;
    }

    boolean covers(int input) {
      for (int i : inputs) {
        if (i == input) {
          return true;
        }
      }
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  SortingInputProcessor(OperatorChain chain, TaskServices services, StreamNode head, int subtaskIndex,
      List<InputChannelInfo> channels, List<TypeSerializer<?>> inputSerializers,
      int numInputs, int firstInput, int batchSize) {
    this.chain = chain;
    this.services = services;
    this.headName = head.getName();
    this.subtaskIndex = subtaskIndex;
    this.parallelism = head.getParallelism();
    this.batchSize = Math.max(1, batchSize);
    this.channels = channels;
    this.ended = new boolean[channels.size()];
    this.keySelectors = new KeySelector[3];
    this.valueSerializers = new TypeSerializer[3];
    for (int i = 1; i <= numInputs; i++) {
      KeySelector<?, ?> k = head.getStateKeySelector(i);
      if (k != null) {
        keySelectors[i] = (KeySelector<Object, Object>) InstantiationUtil.clone((Serializable) k, "Key selector of '" + headName + "'");
      }
      valueSerializers[i] = (TypeSerializer<Object>) inputSerializers.get(i - 1);
    }
    this.keySerializer = (TypeSerializer<Object>) head.getStateKeyType().createSerializer();

    if (numInputs == 1) {
      stages.add(new Stage(true, 1));
    } else if (firstInput == 1 || firstInput == 2) {
      int other = firstInput == 1 ? 2 : 1;
      stages.add(new Stage(keySelectors[firstInput] != null, firstInput));
      stages.add(new Stage(keySelectors[other] != null, other));
    } else if (keySelectors[1] != null && keySelectors[2] != null) {
      stages.add(new Stage(true, 1, 2));
    } else {
      int keyed = keySelectors[1] != null ? 1 : 2;
      stages.add(new Stage(false, keyed == 1 ? 2 : 1));
      stages.add(new Stage(true, keyed));
    }
  }

  @Override
  public InputStatus processInput() throws Exception {
    if (stageIndex >= stages.size()) {
      return InputStatus.END_OF_INPUT;
    }
    Stage stage = stages.get(stageIndex);
    if (stage.reading) {
      return read(stage);
    }
    return emitSorted(stage);
  }

  private InputStatus read(Stage stage) throws Exception {
    int n = channels.size();
    boolean allEnded = true;
    for (int k = 0; k < n; k++) {
      int c = (next + k) % n;
      InputChannelInfo info = channels.get(c);
      if (ended[c] || !stage.covers(info.input())) {
        continue;
      }
      allEnded = false;
      ElementBatch batch = info.channel().poll();
      if (batch == null) {
        continue;
      }
      next = (c + 1) % n;
      for (int i = 0; i < batch.size(); i++) {
        StreamElement e = batch.get(i);
        if (e.isRecord()) {
          StreamRecord<Object> r = e.asRecord();
          if (stage.sorted) {
            addToSorter(stage, info.input(), r);
          } else {
            chain.processRecord(info.input(), r);
          }
        } else if (e instanceof EndOfPartition) {
          ended[c] = true;
          info.channel().release();
          break;
        }
        // watermarks and status carry nothing in BATCH: +inf is delivered after the stage
      }
      if (stageInputsEnded(stage)) {
        endReading(stage);
      }
      return InputStatus.MORE_AVAILABLE;
    }
    if (allEnded) {
      endReading(stage);
      return stageIndex >= stages.size() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  private boolean stageInputsEnded(Stage stage) {
    for (int c = 0; c < channels.size(); c++) {
      if (!ended[c] && stage.covers(channels.get(c).input())) {
        return false;
      }
    }
    return true;
  }

  private void endReading(Stage stage) {
    stage.reading = false;
    if (stage.sorted && stage.sorter != null) {
      stage.iterator = stage.sorter.finish();
    } else if (!stage.sorted || stage.sorter == null) {
      completeStage(stage);
    }
  }

  @SuppressWarnings("unchecked")
  private void addToSorter(Stage stage, int input, StreamRecord<Object> record) throws Exception {
    Object value = record.getValue();
    byte[] key;
    try {
      Object k = keySelectors[input].getKey(value);
      keyBuffer.clear();
      keySerializer.serialize(k, keyBuffer);
      key = keyBuffer.toByteArray();
    } catch (Throwable t) {
      throw OperatorFailure.onRecord(headName, subtaskIndex, parallelism, value, t);
    }
    if (stage.sorter == null) {
      TypeSerializer<Object> serializer = stage.inputs.length == 1
          ? valueSerializers[stage.inputs[0]]
          : (TypeSerializer<Object>) (TypeSerializer<?>) new TaggedSerializer(valueSerializers[1], valueSerializers[2]);
      if (memory == null) {
        memory = services.sortMemory();
      }
      stage.sorter = new ExternalSorter<>(serializer, memory, services.spillDirectory());
    }
    stage.sorter.add(key, stage.inputs.length == 1 ? value : new Tagged(input, value), record.getTimestamp());
  }

  private InputStatus emitSorted(Stage stage) {
    CloseableSortedIterator<Object> it = stage.iterator;
    int n = 0;
    while (n < batchSize && it.hasNext()) {
      SortedRecord<Object> r = it.next();
      Object v = r.record();
      int input;
      if (stage.inputs.length == 1) {
        input = stage.inputs[0];
      } else {
        Tagged t = (Tagged) v;
        input = t.input;
        v = t.value;
      }
      chain.processRecord(input, reuse.replace(v, r.timestamp()));
      n++;
    }
    if (!it.hasNext()) {
      it.close();
      if (stage.sorter.spilledBytes() > 0) {
        services.addToCounter("spilled-bytes", stage.sorter.spilledBytes());
      }
      stage.sorter.close();
      stage.iterator = null;
      stage.sorter = null;
      completeStage(stage);
    }
    return stageIndex >= stages.size() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  private void completeStage(Stage stage) {
    for (int i : stage.inputs) {
      chain.processWatermark(i, Long.MAX_VALUE);
    }
    for (int i : stage.inputs) {
      chain.endHeadInput(i);
    }
    stageIndex++;
  }

  @Override
  public void release() {
    for (int c = 0; c < channels.size(); c++) {
      if (!ended[c]) {
        ended[c] = true;
        channels.get(c).channel().release();
      }
    }
    for (Stage s : stages) {
      if (s.iterator != null) {
        s.iterator.close();
      }
      if (s.sorter != null) {
        s.sorter.close();
      }
    }
  }

  /** A record of a merged two-input sort, with the input it came from. */
  record Tagged(int input, Object value) {}

  static final class TaggedSerializer implements TypeSerializer<Tagged> {
    private final TypeSerializer<Object> first;
    private final TypeSerializer<Object> second;

    TaggedSerializer(TypeSerializer<Object> first, TypeSerializer<Object> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void serialize(Tagged value, DataOutput out) throws IOException {
      out.writeByte(value.input());
      (value.input() == 1 ? first : second).serialize(value.value(), out);
    }

    @Override
    public Tagged deserialize(DataInput in) throws IOException {
      int input = in.readByte();
      return new Tagged(input, (input == 1 ? first : second).deserialize(in));
    }

    @Override
    public Tagged copy(Tagged value) {
      return value;
    }
  }
}
