package io.weir.connectors.file;

import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands files to readers as they ask for work, one file at a time (so faster readers take more).
 * Bounded: the files listed at start; a reader asking when none are left is told there are no
 * more. Continuous: the directories are listed again every interval (off the coordinator thread)
 * and only paths never seen before become splits; readers asking while none are pending wait.
 */
final class FileSplitEnumerator implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSplitEnumerator.class);

  private final SplitEnumeratorContext<FileSourceSplit> context;
  private final String[] roots;
  private final long discoveryIntervalMs; // 0 = bounded
  private final ArrayDeque<FileSourceSplit> pending = new ArrayDeque<>();
  private final Set<String> processedPaths = new LinkedHashSet<>();
  private final Set<Integer> waitingReaders = new LinkedHashSet<>();

  FileSplitEnumerator(
      SplitEnumeratorContext<FileSourceSplit> context,
      String[] roots,
      long discoveryIntervalMs,
      List<FileSourceSplit> pendingSplits,
      Set<String> processedPaths) {
    this.context = context;
    this.roots = roots;
    this.discoveryIntervalMs = discoveryIntervalMs;
    this.pending.addAll(pendingSplits);
    this.processedPaths.addAll(processedPaths);
  }

  @Override
  public void start() {
    if (discoveryIntervalMs > 0) {
      context.callAsync(
          () -> FileDiscovery.listFiles(roots, false), this::onDiscovered, discoveryIntervalMs, discoveryIntervalMs);
    }
  }

  private void onDiscovered(List<String> files, Throwable error) {
    if (error != null) {
      LOG.warn("File source: listing {} failed; trying again in {} ms", String.join(", ", roots), discoveryIntervalMs, error);
      return;
    }
    int added = 0;
    for (String f : files) {
      if (processedPaths.add(f)) {
        pending.add(new FileSourceSplit(f, 0, 0));
        added++;
      }
    }
    if (added > 0) {
      LOG.debug("File source: discovered {} new file(s)", added);
      assignPending();
    }
  }

  @Override
  public void handleSplitRequest(int subtaskId) {
    waitingReaders.add(subtaskId);
    assignPending();
  }

  @Override
  public void addSplitsBack(List<FileSourceSplit> splits, int subtaskId) {
    // Given back splits go first: they were assigned earlier, so keep the original order.
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
    assignPending();
  }

  @Override
  public void addReader(int subtaskId) {
    // Readers pull: they send a split request when they have nothing to read.
  }

  private void assignPending() {
    for (Iterator<Integer> it = waitingReaders.iterator(); it.hasNext(); ) {
      int reader = it.next();
      if (!pending.isEmpty()) {
        context.assignSplit(pending.poll(), reader);
        it.remove();
      } else if (discoveryIntervalMs == 0) {
        context.signalNoMoreSplits(reader);
        it.remove();
      } else {
        return;
      }
    }
  }

  @Override
  public PendingSplitsCheckpoint snapshotState(long checkpointId) {
    return new PendingSplitsCheckpoint(List.copyOf(pending), processedPaths);
  }

  /** For tests. */
  int pendingCount() {
    return pending.size();
  }
}
