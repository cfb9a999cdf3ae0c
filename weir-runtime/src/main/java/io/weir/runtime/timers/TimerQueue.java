package io.weir.runtime.timers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * Deduplicated timers ordered by (timestamp, registration sequence). Deletion is lazy: the heap
 * may hold stale entries, recognised because the live set no longer maps the timer to that very
 * entry; the heap is rebuilt when stale entries dominate.
 */
final class TimerQueue<K, N> {
  // one plain comparison instead of a chain of key-extractor lambdas: it runs log(n) times per timer
  private static final Comparator<TimerImpl<?, ?>> ORDER = (a, b) -> a.timestamp != b.timestamp
      ? Long.compare(a.timestamp, b.timestamp) : Long.compare(a.seq, b.seq);

  private final HashMap<TimerImpl<K, N>, TimerImpl<K, N>> live = new HashMap<>();
  private PriorityQueue<TimerImpl<K, N>> heap = new PriorityQueue<>(ORDER);
  private long nextSeq;

  /** Adds a timer unless an equal one exists; true if added. */
  boolean add(long timestamp, K key, N namespace, int keyGroup) {
    TimerImpl<K, N> t = new TimerImpl<>(timestamp, key, namespace, keyGroup, nextSeq);
    if (live.putIfAbsent(t, t) != null) {
      return false;
    }
    nextSeq++;
    heap.add(t);
    return true;
  }

  /** Adds a restored timer keeping its sequence number. */
  void addRestored(long timestamp, K key, N namespace, int keyGroup, long seq) {
    TimerImpl<K, N> t = new TimerImpl<>(timestamp, key, namespace, keyGroup, seq);
    if (live.putIfAbsent(t, t) == null) {
      heap.add(t);
      nextSeq = Math.max(nextSeq, seq + 1);
    }
  }

  void delete(long timestamp, K key, N namespace) {
    if (live.remove(new TimerImpl<>(timestamp, key, namespace, -1, -1)) != null && heap.size() > 2 * live.size() + 64) {
      compact();
    }
  }

  private void compact() {
    PriorityQueue<TimerImpl<K, N>> fresh = new PriorityQueue<>(Math.max(11, live.size()), ORDER);
    fresh.addAll(live.values());
    heap = fresh;
  }

  /** The earliest live timer, or null. */
  TimerImpl<K, N> peek() {
    TimerImpl<K, N> top;
    while ((top = heap.peek()) != null) {
      if (live.get(top) == top) {
        return top;
      }
      heap.poll();
    }
    return null;
  }

  /** Removes and returns the earliest live timer if its timestamp is <= {@code maxTimestamp}. */
  TimerImpl<K, N> pollUpTo(long maxTimestamp) {
    // Every live timer is in the heap, so a later heap top means nothing is due: this skips the
    // liveness lookup (a hash of key and namespace) on the common path, one call per watermark.
    TimerImpl<K, N> top = heap.peek();
    if (top == null || top.timestamp > maxTimestamp) {
      return null;
    }
    top = peek();
    if (top == null || top.timestamp > maxTimestamp) {
      return null;
    }
    heap.poll();
    live.remove(top);
    return top;
  }

  boolean isEmpty() {
    return live.isEmpty();
  }

  int size() {
    return live.size();
  }

  Collection<TimerImpl<K, N>> liveTimers() {
    return new ArrayList<>(live.values());
  }

  void clear() {
    live.clear();
    heap.clear();
  }
}
