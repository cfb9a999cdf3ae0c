package io.weir.runtime.timers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deduplicated timers ordered by (timestamp, registration sequence).
 *
 * <p>Timers sit in one FIFO bucket per timestamp (a TreeMap of buckets). Window operators register
 * a timer per key for the same few window ends, so a priority heap paid log(n) comparisons, each a
 * pointer chase, to add and again to poll every timer; a bucket adds and polls in constant time
 * (plus a TreeMap step per distinct timestamp). Registration sequence numbers grow, so appending
 * keeps a bucket in order; only restored timers may arrive out of order, and such a bucket is
 * sorted once before it is read.
 *
 * <p>Deletion is lazy: a deleted timer stays in its bucket marked {@link TimerImpl#removed} and is
 * skipped; the buckets are rebuilt from the live set when stale entries dominate.
 */
final class TimerQueue<K, N> {
  private final HashMap<TimerImpl<K, N>, TimerImpl<K, N>> live = new HashMap<>();
  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  /** The bucket with the smallest timestamp (cached: read on every watermark), or null. */
  private Bucket first;
  /** Entries in the buckets, stale ones included. */
  private int entries;
  private long nextSeq;

  /** The timers of one timestamp, in sequence order from {@code head} on. */
  private static final class Bucket {
    final long timestamp;
    TimerImpl<?, ?>[] items = new TimerImpl<?, ?>[4];
    int head;
    int size;
    boolean sorted = true;

    Bucket(long timestamp) {
      this.timestamp = timestamp;
    }

    void append(TimerImpl<?, ?> t) {
      if (size == items.length) {
        if (head > items.length / 2) {
          System.arraycopy(items, head, items, 0, size - head);
          Arrays.fill(items, size - head, size, null);
          size -= head;
          head = 0;
        } else {
          items = Arrays.copyOf(items, items.length * 2);
        }
      }
      if (size > head && items[size - 1].seq > t.seq) {
        sorted = false;
      }
      items[size++] = t;
    }
  }

  /** Adds a timer unless an equal one exists; true if added. */
  boolean add(long timestamp, K key, N namespace, int keyGroup) {
    TimerImpl<K, N> t = new TimerImpl<>(timestamp, key, namespace, keyGroup, nextSeq);
    if (live.putIfAbsent(t, t) != null) {
      return false;
    }
    nextSeq++;
    enqueue(t);
    return true;
  }

  /** Adds a restored timer keeping its sequence number. */
  void addRestored(long timestamp, K key, N namespace, int keyGroup, long seq) {
    TimerImpl<K, N> t = new TimerImpl<>(timestamp, key, namespace, keyGroup, seq);
    if (live.putIfAbsent(t, t) == null) {
      enqueue(t);
      nextSeq = Math.max(nextSeq, seq + 1);
    }
  }

  private void enqueue(TimerImpl<K, N> t) {
    Bucket b = first != null && first.timestamp == t.timestamp ? first : buckets.get(t.timestamp);
    if (b == null) {
      b = new Bucket(t.timestamp);
      buckets.put(t.timestamp, b);
      if (first == null || t.timestamp < first.timestamp) {
        first = b;
      }
    }
    b.append(t);
    entries++;
  }

  void delete(long timestamp, K key, N namespace) {
    TimerImpl<K, N> removed = live.remove(new TimerImpl<>(timestamp, key, namespace, -1, -1));
    if (removed != null) {
      removed.removed = true;
      if (entries > 2 * live.size() + 64) {
        compact();
      }
    }
  }

  private void compact() {
    buckets.clear();
    first = null;
    entries = 0;
    for (TimerImpl<K, N> t : live.values()) {
      enqueue(t);
    }
  }

  /** The earliest live timer, or null. */
  @SuppressWarnings("unchecked")
  TimerImpl<K, N> peek() {
    while (first != null) {
      Bucket b = first;
      if (!b.sorted) {
        Arrays.sort(b.items, b.head, b.size, (x, y) -> Long.compare(x.seq, y.seq));
        b.sorted = true;
      }
      while (b.head < b.size) {
        TimerImpl<K, N> t = (TimerImpl<K, N>) b.items[b.head];
        if (!t.removed) {
          return t;
        }
        b.items[b.head++] = null;
        entries--;
      }
      buckets.remove(b.timestamp);
      Map.Entry<Long, Bucket> next = buckets.firstEntry();
      first = next == null ? null : next.getValue();
    }
    return null;
  }

  /** Removes and returns the earliest live timer if its timestamp is <= {@code maxTimestamp}. */
  TimerImpl<K, N> pollUpTo(long maxTimestamp) {
    // buckets hold every live timer, so a later first bucket means nothing is due
    if (first == null || first.timestamp > maxTimestamp) {
      return null;
    }
    TimerImpl<K, N> top = peek();
    if (top == null || top.timestamp > maxTimestamp) {
      return null;
    }
    Bucket b = first;
    b.items[b.head++] = null;
    entries--;
    live.remove(top);
    top.removed = true;
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
    for (TimerImpl<K, N> t : live.values()) {
      t.removed = true;
    }
    live.clear();
    buckets.clear();
    first = null;
    entries = 0;
  }
}
