package io.weir.datastream.windowing.operators;

import io.weir.core.state.ValueState;
import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.assigners.MergingWindowAssigner;
import io.weir.datastream.windowing.windows.Window;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live session windows of one key. When windows merge, their contents are not moved to a new
 * namespace: the merged window keeps using the namespace ("state window") of one of the merged
 * windows and the others are merged into it. This set remembers window -> state window, and is
 * kept in keyed state (read per record, written back when it changed).
 */
final class MergingWindowSet<W extends Window> {
  private final MergingWindowAssigner<?, W> assigner;
  private final ValueState<Map<W, W>> state;
  private final Map<W, W> initial;
  private final Map<W, W> mapping;

  MergingWindowSet(MergingWindowAssigner<?, W> assigner, ValueState<Map<W, W>> state) {
    this.assigner = assigner;
    this.state = state;
    Map<W, W> stored = state.value();
    this.initial = stored == null ? Map.of() : stored;
    this.mapping = new LinkedHashMap<>(initial);
  }

  /** Writes the set back when it changed. */
  void persist() {
    if (!mapping.equals(initial)) {
      if (mapping.isEmpty()) {
        state.clear();
      } else {
        state.update(new LinkedHashMap<>(mapping));
      }
    }
  }

  W getStateWindow(W window) {
    return mapping.get(window);
  }

  void retireWindow(W window) {
    if (mapping.remove(window) == null) {
      throw new IllegalStateException("Window " + window + " is not in the set of live session windows");
    }
  }

  /**
   * Adds a new window, merging it with overlapping ones. The callback gets each merge (result,
   * merged windows without the new one, the state window of the result, and the state windows to
   * merge into it). Returns the window the new one ended up in.
   */
  W addWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    if (mapping.containsKey(newWindow)) {
      return newWindow;
    }
    List<W> windows = new ArrayList<>(mapping.keySet());
    windows.add(newWindow);
    Map<W, Collection<W>> mergeResults = new HashMap<>();
    assigner.mergeWindows(windows, (toBeMerged, mergeResult) -> mergeResults.put(mergeResult, new ArrayList<>(toBeMerged)));

    W resultWindow = newWindow;
    boolean mergedNewWindow = false;
    for (Map.Entry<W, Collection<W>> e : mergeResults.entrySet()) {
      W mergeResult = e.getKey();
      Collection<W> mergedWindows = e.getValue();
      if (mergedWindows.remove(newWindow)) {
        mergedNewWindow = true;
        resultWindow = mergeResult;
      }
      W mergedStateWindow = mapping.get(mergedWindows.iterator().next());
      List<W> mergedStateWindows = new ArrayList<>();
      for (W merged : mergedWindows) {
        W res = mapping.remove(merged);
        if (res != null) {
          mergedStateWindows.add(res);
        }
      }
      mapping.put(mergeResult, mergedStateWindow);
      mergedStateWindows.remove(mergedStateWindow);
      // A lone window that equals the merge result did not change: nothing to merge.
      if (!(mergedWindows.contains(mergeResult) && mergedWindows.size() == 1)) {
        mergeFunction.merge(mergeResult, mergedWindows, mapping.get(mergeResult), mergedStateWindows);
      }
    }
    if (mergeResults.isEmpty() || (resultWindow.equals(newWindow) && !mergedNewWindow)) {
      mapping.put(resultWindow, resultWindow);
    }
    return resultWindow;
  }

  @Override
  public String toString() {
    return "MergingWindowSet" + mapping;
  }

  @FunctionalInterface
  interface MergeFunction<W> {
    void merge(W mergeResult, Collection<W> mergedWindows, W stateWindowResult, Collection<W> mergedStateWindows)
        throws Exception;
  }

  /** Serializer of the window -> state window map. */
  static final class MappingSerializer<W> implements TypeSerializer<Map<W, W>> {
    private static final long serialVersionUID = 1L;
    private final TypeSerializer<W> windowSerializer;

    MappingSerializer(TypeSerializer<W> windowSerializer) {
      this.windowSerializer = windowSerializer;
    }

    @Override
    public void serialize(Map<W, W> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (Map.Entry<W, W> e : value.entrySet()) {
        windowSerializer.serialize(e.getKey(), out);
        windowSerializer.serialize(e.getValue(), out);
      }
    }

    @Override
    public Map<W, W> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      Map<W, W> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        W k = windowSerializer.deserialize(in);
        map.put(k, windowSerializer.deserialize(in));
      }
      return map;
    }

    @Override
    public Map<W, W> copy(Map<W, W> value) {
      return new LinkedHashMap<>(value);
    }
  }
}
