package io.weir.nexmark.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Gives split i to reader i, as Weir's source does: the split layout must not depend on which
 * reader registers first, or the two engines' per-reader timelines (and so watermarks) would differ.
 */
final class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> {
  private final SplitEnumeratorContext<NexmarkSplit> context;
  private final List<NexmarkSplit> pending;

  NexmarkSplitEnumerator(SplitEnumeratorContext<NexmarkSplit> context, List<NexmarkSplit> pending) {
    this.context = context;
    this.pending = new ArrayList<>(pending);
  }

  static List<NexmarkSplit> initialSplits(int parallelism) {
    List<NexmarkSplit> splits = new ArrayList<>(parallelism);
    for (int i = 0; i < parallelism; i++) {
      splits.add(new NexmarkSplit(i, parallelism, 0));
    }
    return splits;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    assign(subtaskId);
  }

  @Override
  public void addSplitsBack(List<NexmarkSplit> splits, int subtaskId) {
    pending.addAll(splits);
    if (context.registeredReaders().containsKey(subtaskId)) {
      assign(subtaskId);
    }
  }

  @Override
  public void addReader(int subtaskId) {
    assign(subtaskId);
  }

  private void assign(int subtaskId) {
    int readers = context.currentParallelism();
    for (Iterator<NexmarkSplit> it = pending.iterator(); it.hasNext(); ) {
      NexmarkSplit s = it.next();
      if (s.index() % readers == subtaskId) {
        context.assignSplit(s, subtaskId);
        it.remove();
      }
    }
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    return List.copyOf(pending);
  }

  @Override
  public void close() {}

  /** Serializer of the enumerator's pending splits. */
  static final class StateSerializer implements SimpleVersionedSerializer<List<NexmarkSplit>> {
    static final StateSerializer INSTANCE = new StateSerializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<NexmarkSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (NexmarkSplit s : splits) {
          NexmarkSplit.Serializer.write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<NexmarkSplit> deserialize(int version, byte[] serialized) throws IOException {
      NexmarkSplit.Serializer.checkVersion(version);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<NexmarkSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(NexmarkSplit.Serializer.read(in));
        }
        return out;
      }
    }
  }
}
