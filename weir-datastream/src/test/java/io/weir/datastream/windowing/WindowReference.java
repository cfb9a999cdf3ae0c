package io.weir.datastream.windowing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deliberately naive model of event-time window semantics, to check the operators against: one
 * bag of elements per (key, window), every window enumerated explicitly, no panes, no timers.
 *
 * <p>Rules modelled: a record joins every window containing it that is not past its cleanup time
 * (max + lateness <= watermark); joining a window that already fired (max <= watermark) fires it
 * again at once; a record that joins no window and is itself past the lateness is late data. A
 * watermark fires the windows whose max it passed, in order of max, and forgets windows past
 * their cleanup time.
 */
final class WindowReference {
  private WindowReference() {}

  /** A scripted input: a record or a watermark. */
  sealed interface Step permits Event, Mark {}

  record Event(String key, long value, long ts) implements Step {}

  record Mark(long watermark) implements Step {}

  /** One window firing: the window's elements in arrival order. */
  record Firing(String key, long start, long end, List<Long> values) {
    long maxTimestamp() {
      return end - 1;
    }

    long sum() {
      return values.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@code timeline}: the firings and the watermarks in the order the operator emits them. */
  record Result(List<Firing> firings, List<Event> late, List<Object> timeline) {}

  /** Fixed-size windows [offset + k*slide, offset + k*slide + size). */
  static Result fixedWindows(List<Step> script, long size, long slide, long offset, long lateness) {
    List<Firing> firings = new ArrayList<>();
    List<Event> late = new ArrayList<>();
    List<Object> timeline = new ArrayList<>();
    // (key, start) -> elements; windows known to be alive
    Map<String, TreeMap<Long, List<Long>>> bags = new LinkedHashMap<>();
    long wm = Long.MIN_VALUE;
    for (Step step : script) {
      if (step instanceof Event e) {
        boolean joined = false;
        for (long start : windowStarts(e.ts, size, slide, offset)) {
          long max = start + size - 1;
          if (max + lateness <= wm) {
            continue;
          }
          joined = true;
          List<Long> bag = bags.computeIfAbsent(e.key, k -> new TreeMap<>()).computeIfAbsent(start, s -> new ArrayList<>());
          bag.add(e.value);
          if (max <= wm) {
            Firing f = new Firing(e.key, start, start + size, List.copyOf(bag));
            firings.add(f);
            timeline.add(f);
          }
        }
        if (!joined && e.ts + lateness <= wm) {
          late.add(e);
        }
      } else {
        long newWm = ((Mark) step).watermark;
        if (newWm <= wm) {
          continue;
        }
        List<Firing> due = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, List<Long>>> k : bags.entrySet()) {
          for (Map.Entry<Long, List<Long>> w : k.getValue().entrySet()) {
            long max = w.getKey() + size - 1;
            if (max > wm && max <= newWm) {
              due.add(new Firing(k.getKey(), w.getKey(), w.getKey() + size, List.copyOf(w.getValue())));
            }
          }
        }
        due.sort(Comparator.comparingLong(Firing::end));
        firings.addAll(due);
        timeline.addAll(due);
        timeline.add(step);
        wm = newWm;
        for (TreeMap<Long, List<Long>> windows : bags.values()) {
          final long w = wm;
          windows.keySet().removeIf(start -> start + size - 1 + lateness <= w);
        }
      }
    }
    return new Result(firings, late, timeline);
  }

  static List<Long> windowStarts(long ts, long size, long slide, long offset) {
    List<Long> starts = new ArrayList<>();
    long last = ts - Math.floorMod(ts - offset, slide);
    for (long s = last; s > ts - size; s -= slide) {
      starts.add(0, s);
    }
    return starts;
  }

  /**
   * Session windows (gap), no allowed lateness: each record opens [ts, ts + gap), merged with every
   * open session it touches; a watermark fires sessions whose max it passed.
   */
  static Result sessions(List<Step> script, long gap) {
    List<Firing> firings = new ArrayList<>();
    List<Event> late = new ArrayList<>();
    List<Object> timeline = new ArrayList<>();
    Map<String, List<long[]>> open = new HashMap<>(); // [start, end]
    Map<String, List<List<Long>>> contents = new HashMap<>();
    long wm = Long.MIN_VALUE;
    for (Step step : script) {
      if (step instanceof Event e) {
        long start = e.ts;
        long end = e.ts + gap;
        List<long[]> sessions = open.computeIfAbsent(e.key, k -> new ArrayList<>());
        List<List<Long>> elems = contents.computeIfAbsent(e.key, k -> new ArrayList<>());
        boolean touchesOpen = false;
        for (long[] s : sessions) {
          touchesOpen |= s[0] <= end && s[1] >= start;
        }
        if (!touchesOpen && end - 1 <= wm) {
          // A new session that the watermark already passed: late.
          if (e.ts <= wm) {
            late.add(e);
          }
          continue;
        }
        List<Long> merged = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
          long[] s = sessions.get(i);
          if (s[0] <= end && s[1] >= start) {
            start = Math.min(start, s[0]);
            end = Math.max(end, s[1]);
            merged.addAll(elems.get(i));
            sessions.remove(i);
            elems.remove(i);
            i--;
          }
        }
        merged.add(e.value);
        sessions.add(new long[] {start, end});
        elems.add(merged);
      } else {
        long newWm = ((Mark) step).watermark;
        if (newWm <= wm) {
          continue;
        }
        wm = newWm;
        List<Firing> due = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> k : open.entrySet()) {
          List<long[]> sessions = k.getValue();
          List<List<Long>> elems = contents.get(k.getKey());
          for (int i = sessions.size() - 1; i >= 0; i--) {
            long[] s = sessions.get(i);
            if (s[1] - 1 <= wm) {
              due.add(new Firing(k.getKey(), s[0], s[1], elems.get(i)));
              sessions.remove(i);
              elems.remove(i);
            }
          }
        }
        due.sort(Comparator.comparingLong(Firing::end));
        firings.addAll(due);
        timeline.addAll(due);
        timeline.add(step);
      }
    }
    return new Result(firings, late, timeline);
  }

  /**
   * Random records of a few keys with out-of-order timestamps and watermarks that trail the
   * largest timestamp by a random bound, so some records are late.
   */
  static List<Step> randomScript(Random rnd, int records, int keys, long maxDisorder, long timeSpan) {
    List<Step> script = new ArrayList<>();
    long maxTs = 0;
    long wm = Long.MIN_VALUE;
    long bound = maxDisorder / 2 + rnd.nextInt((int) Math.max(1, maxDisorder));
    for (int i = 0; i < records; i++) {
      long base = (long) i * timeSpan / records;
      long ts = Math.max(0, base - rnd.nextInt((int) Math.max(1, maxDisorder)));
      maxTs = Math.max(maxTs, ts);
      script.add(new Event("k" + rnd.nextInt(keys), rnd.nextInt(100), ts));
      if (rnd.nextInt(4) == 0) {
        long next = maxTs - bound;
        if (next > wm) {
          wm = next;
          script.add(new Mark(wm));
        }
      }
    }
    script.add(new Mark(Long.MAX_VALUE));
    return script;
  }
}
