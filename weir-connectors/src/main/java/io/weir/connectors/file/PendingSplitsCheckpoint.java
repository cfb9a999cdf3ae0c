package io.weir.connectors.file;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The file enumerator's checkpoint: splits not yet assigned, and (continuous mode) every path
 * already discovered, so that a restored enumerator assigns only files it has not seen.
 */
public record PendingSplitsCheckpoint(List<FileSourceSplit> pendingSplits, Set<String> processedPaths) {
  public PendingSplitsCheckpoint {
    pendingSplits = List.copyOf(pendingSplits);
    processedPaths = Set.copyOf(processedPaths);
  }

  public static final class Serializer implements TypeSerializer<PendingSplitsCheckpoint> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(PendingSplitsCheckpoint value, DataOutput out) throws IOException {
      out.writeInt(value.pendingSplits.size());
      for (FileSourceSplit s : value.pendingSplits) {
        FileSourceSplit.Serializer.INSTANCE.serialize(s, out);
      }
      out.writeInt(value.processedPaths.size());
      // Sorted: equal checkpoints give equal bytes.
      for (String p : new java.util.TreeSet<>(value.processedPaths)) {
        FileSourceSplit.Serializer.writeString(p, out);
      }
    }

    @Override
    public PendingSplitsCheckpoint deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      List<FileSourceSplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(FileSourceSplit.Serializer.INSTANCE.deserialize(in));
      }
      int m = in.readInt();
      Set<String> paths = new LinkedHashSet<>();
      for (int i = 0; i < m; i++) {
        paths.add(FileSourceSplit.Serializer.readString(in));
      }
      return new PendingSplitsCheckpoint(splits, paths);
    }

    @Override
    public PendingSplitsCheckpoint copy(PendingSplitsCheckpoint value) {
      return value;
    }
  }
}
