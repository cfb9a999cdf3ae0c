package io.weir.runtime.execution.testjobs;

import io.weir.core.source.Boundedness;
import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.Source;
import io.weir.core.source.SourceOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SourceSplit;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A test source: a list of splits, each a list of elements read in order. Readers ask for one
 * split at a time and split i goes to reader i % parallelism; each poll emits up to
 * {@code recordsPerPoll} elements. Optional: unbounded (the
 * readers never end), a gate (a reader stops after {@code gateAfter} elements of each split until
 * the gate opens).
 */
public final class ListSource<T> implements Source<T, ListSource.ListSplit<T>, List<ListSource.ListSplit<T>>> {
  private final List<List<T>> splits;
  private final TypeInfo<T> type;
  private final boolean unbounded;
  private int recordsPerPoll = 100;
  private int gateAfter = -1;
  private SerializableBooleanSupplier gate;
  private String gatedSplit;
  private boolean skipOdd;

  public interface SerializableBooleanSupplier extends BooleanSupplier, java.io.Serializable {}

  public ListSource(List<List<T>> splits, TypeInfo<T> type, boolean unbounded) {
    this.splits = splits;
    this.type = type;
    this.unbounded = unbounded;
  }

  public static <T> ListSource<T> bounded(List<List<T>> splits, TypeInfo<T> type) {
    return new ListSource<>(splits, type, false);
  }

  public ListSource<T> recordsPerPoll(int n) {
    this.recordsPerPoll = n;
    return this;
  }

  /** Each split stops after {@code after} elements until {@code open} returns true. */
  public ListSource<T> gated(int after, SerializableBooleanSupplier open) {
    this.gateAfter = after;
    this.gate = open;
    return this;
  }

  /** Odd integers are "bad records": skipped and reported through reportSkippedRecord. */
  public ListSource<T> skipOddIntegers() {
    this.skipOdd = true;
    return this;
  }

  /** Like {@link #gated(int, SerializableBooleanSupplier)}, for one split only ("split-<index>"). */
  public ListSource<T> gated(int after, SerializableBooleanSupplier open, String splitId) {
    this.gatedSplit = splitId;
    return gated(after, open);
  }

  /** A split: its elements and the position of the next one. */
  public static final class ListSplit<T> implements SourceSplit {
    final String id;
    final List<T> elements;
    int position;

    ListSplit(String id, List<T> elements, int position) {
      this.id = id;
      this.elements = elements;
      this.position = position;
    }

    @Override
    public String splitId() {
      return id;
    }

    ListSplit<T> copy() {
      return new ListSplit<>(id, elements, position);
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return unbounded ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  private List<ListSplit<T>> initialSplits() {
    List<ListSplit<T>> all = new ArrayList<>();
    for (int i = 0; i < splits.size(); i++) {
      all.add(new ListSplit<>("split-" + i, splits.get(i), 0));
    }
    return all;
  }

  @Override
  public SplitEnumerator<ListSplit<T>, List<ListSplit<T>>> createEnumerator(SplitEnumeratorContext<ListSplit<T>> context) {
    return new Enumerator<>(context, initialSplits(), unbounded);
  }

  @Override
  public SplitEnumerator<ListSplit<T>, List<ListSplit<T>>> restoreEnumerator(
      SplitEnumeratorContext<ListSplit<T>> context, List<ListSplit<T>> checkpoint) {
    return new Enumerator<>(context, new ArrayList<>(checkpoint), unbounded);
  }

  @Override
  public SourceReader<T, ListSplit<T>> createReader(SourceReaderContext context) {
    Reader<T> r = new Reader<>(context, recordsPerPoll, unbounded, gateAfter, gate, gatedSplit);
    r.skipOdd = skipOdd;
    return r;
  }

  @Override
  public TypeSerializer<ListSplit<T>> getSplitSerializer() {
    return new SplitSerializer<>(type.createSerializer());
  }

  @Override
  public TypeSerializer<List<ListSplit<T>>> getEnumeratorCheckpointSerializer() {
    SplitSerializer<T> s = new SplitSerializer<>(type.createSerializer());
    return new TypeSerializer<>() {
      @Override
      public void serialize(List<ListSplit<T>> value, DataOutput out) throws IOException {
        out.writeInt(value.size());
        for (ListSplit<T> split : value) {
          s.serialize(split, out);
        }
      }

      @Override
      public List<ListSplit<T>> deserialize(DataInput in) throws IOException {
        int n = in.readInt();
        List<ListSplit<T>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          list.add(s.deserialize(in));
        }
        return list;
      }

      @Override
      public List<ListSplit<T>> copy(List<ListSplit<T>> value) {
        return new ArrayList<>(value);
      }
    };
  }

  static final class SplitSerializer<T> implements TypeSerializer<ListSplit<T>> {
    private final TypeSerializer<T> elements;

    SplitSerializer(TypeSerializer<T> elements) {
      this.elements = elements;
    }

    @Override
    public void serialize(ListSplit<T> split, DataOutput out) throws IOException {
      out.writeUTF(split.id);
      out.writeInt(split.position);
      out.writeInt(split.elements.size() - split.position);
      for (int i = split.position; i < split.elements.size(); i++) {
        elements.serialize(split.elements.get(i), out);
      }
    }

    @Override
    public ListSplit<T> deserialize(DataInput in) throws IOException {
      String id = in.readUTF();
      int position = in.readInt();
      int n = in.readInt();
      List<T> list = new ArrayList<>();
      for (int i = 0; i < position; i++) {
        list.add(null); // already read; keeps positions comparable
      }
      for (int i = 0; i < n; i++) {
        list.add(elements.deserialize(in));
      }
      return new ListSplit<>(id, list, position);
    }

    @Override
    public ListSplit<T> copy(ListSplit<T> value) {
      return value.copy();
    }
  }

  private static final class Enumerator<T> implements SplitEnumerator<ListSplit<T>, List<ListSplit<T>>> {
    private final SplitEnumeratorContext<ListSplit<T>> context;
    private final ArrayDeque<ListSplit<T>> remaining;
    private final boolean unbounded;

    Enumerator(SplitEnumeratorContext<ListSplit<T>> context, List<ListSplit<T>> splits, boolean unbounded) {
      this.context = context;
      this.remaining = new ArrayDeque<>(splits);
      this.unbounded = unbounded;
    }

    @Override
    public void start() {}

    /** Split i goes to reader i % parallelism, so every reader's share is fixed. */
    @Override
    public void handleSplitRequest(int subtaskId) {
      int parallelism = context.currentParallelism();
      for (java.util.Iterator<ListSplit<T>> it = remaining.iterator(); it.hasNext(); ) {
        ListSplit<T> next = it.next();
        int index = Integer.parseInt(next.id.substring("split-".length()));
        if (index % parallelism == subtaskId) {
          it.remove();
          context.assignSplit(next, subtaskId);
          return;
        }
      }
      if (!unbounded) {
        context.signalNoMoreSplits(subtaskId);
      }
    }

    @Override
    public void addSplitsBack(List<ListSplit<T>> splits, int subtaskId) {
      remaining.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public List<ListSplit<T>> snapshotState(long checkpointId) {
      List<ListSplit<T>> copy = new ArrayList<>();
      for (ListSplit<T> s : remaining) {
        copy.add(s.copy());
      }
      return copy;
    }
  }

  private static final class Reader<T> implements SourceReader<T, ListSplit<T>> {
    private final SourceReaderContext context;
    private final int recordsPerPoll;
    private final boolean unbounded;
    private final int gateAfter;
    private final BooleanSupplier gate;
    private final String gatedSplit;
    private final ArrayDeque<ListSplit<T>> splits = new ArrayDeque<>();
    private boolean noMoreSplits;
    private boolean requested;
    boolean skipOdd;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    Reader(SourceReaderContext context, int recordsPerPoll, boolean unbounded, int gateAfter, BooleanSupplier gate,
        String gatedSplit) {
      this.gatedSplit = gatedSplit;
      this.context = context;
      this.recordsPerPoll = recordsPerPoll;
      this.unbounded = unbounded;
      this.gateAfter = gateAfter;
      this.gate = gate;
    }

    @Override
    public void start() {
      if (splits.isEmpty()) {
        request();
      }
    }

    private void request() {
      if (!requested && !noMoreSplits) {
        requested = true;
        context.sendSplitRequest();
      }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      ListSplit<T> split = splits.peek();
      if (split == null) {
        if (noMoreSplits && !unbounded) {
          return InputStatus.END_OF_INPUT;
        }
        request();
        return InputStatus.NOTHING_AVAILABLE;
      }
      SourceOutput<T> out = output.createOutputForSplit(split.id);
      int emitted = 0;
      while (emitted < recordsPerPoll && split.position < split.elements.size()) {
        if (gateAfter >= 0 && split.position >= gateAfter && (gatedSplit == null || gatedSplit.equals(split.id))
            && !gate.getAsBoolean()) {
          return emitted > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
        }
        T element = split.elements.get(split.position);
        if (skipOdd && element instanceof Integer i && i % 2 != 0) {
          context.reportSkippedRecord("odd: " + i);
        } else {
          out.collect(element);
        }
        split.position++;
        emitted++;
      }
      if (split.position >= split.elements.size()) {
        splits.poll();
        output.releaseOutputForSplit(split.id);
        if (splits.isEmpty()) {
          request();
        }
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (!splits.isEmpty() || (noMoreSplits && !unbounded)) {
        return CompletableFuture.completedFuture(null);
      }
      if (gateAfter >= 0 && !splits.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      if (available.isDone()) {
        available = new CompletableFuture<>();
      }
      return available;
    }

    @Override
    public void addSplits(List<ListSplit<T>> newSplits) {
      splits.addAll(newSplits);
      requested = false;
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public List<ListSplit<T>> snapshotState(long checkpointId) {
      List<ListSplit<T>> copy = new ArrayList<>();
      for (ListSplit<T> s : splits) {
        copy.add(s.copy());
      }
      return copy;
    }
  }
}
