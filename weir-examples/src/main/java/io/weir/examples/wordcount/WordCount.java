package io.weir.examples.wordcount;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.types.Tuple2;
import io.weir.datastream.DataStream;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.examples.Example;
import io.weir.examples.util.Collected;
import io.weir.examples.util.ExampleSupport;
import io.weir.examples.util.Params;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classic: split lines into words, key by word, keep a rolling count. In STREAMING the
 * rolling sum emits every intermediate count (a changelog); in BATCH only the final count per
 * word. The last (largest) count per word is the same in both, and so is the printed top list.
 */
public final class WordCount {
  public static final Example JOB = new Example(
      "wordcount",
      "Counts the words of a bundled public-domain text and prints the 10 most frequent",
      WordCount.class,
      "--input FILE (count a text file instead), --top N (default 10)");

  private WordCount() {}

  public static void main(String[] args) throws Exception {
    Params params = Params.parse(JOB.name(), args);
    String input = params.get("input", null);
    int top = params.getInt("top", 10);
    params.checkNoUnknown();

    List<String> lines = input == null ? bundledText() : readFile(Path.of(input));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    long start = System.nanoTime();
    Collected<Tuple2<String, Long>> collected = Collected.run(build(env, lines), "WordCount");
    Map<String, Long> counts = finalCounts(collected.values());
    long elapsed = System.nanoTime() - start;

    for (String line : topLines(counts, top)) {
      System.out.println(line);
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.println("Counted " + total + " words (" + counts.size() + " distinct) in "
        + ExampleSupport.seconds(elapsed) + " " + collected.runTag(env.getParallelism()));
  }

  /** Builds and runs the job on {@code env}; returns the final count of every word. */
  public static Map<String, Long> countWords(StreamExecutionEnvironment env, List<String> lines) throws Exception {
    return finalCounts(Collected.run(build(env, lines), "WordCount").values());
  }

  /** The job: (word, running count) per word. */
  public static DataStream<Tuple2<String, Long>> build(StreamExecutionEnvironment env, List<String> lines) {
    return env.fromCollection(lines)
        .flatMap(new Tokenizer())
        .name("tokenize")
        .keyBy(t -> t.f0)
        .sum(1)
        .name("count");
  }

  /** STREAMING emits each word's count as it grows, BATCH only the last; the largest is final in both. */
  static Map<String, Long> finalCounts(List<Tuple2<String, Long>> updates) {
    Map<String, Long> result = new HashMap<>();
    for (Tuple2<String, Long> t : updates) {
      result.merge(t.f0, t.f1, Math::max);
    }
    return result;
  }

  /** "  the          123" lines for the {@code n} most frequent words, ties by word. */
  public static List<String> topLines(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    List<String> lines = new ArrayList<>();
    lines.add("Top " + Math.min(n, sorted.size()) + " words:");
    int width = sorted.stream().limit(n).mapToInt(e -> e.getKey().length()).max().orElse(4);
    for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(n, sorted.size()))) {
      lines.add(String.format(Locale.ROOT, "  %-" + width + "s %6d", e.getKey(), e.getValue()));
    }
    return lines;
  }

  /** Splits a line into lower-case words; apostrophes inside words stay ("there's", "o'er"). */
  public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Long>> {
    @Override
    public void flatMap(String line, Collector<Tuple2<String, Long>> out) {
      for (Iterator<String> it = words(line); it.hasNext(); ) {
        out.collect(Tuple2.of(it.next(), 1L));
      }
    }
  }

  public static Iterator<String> words(String line) {
    List<String> words = new ArrayList<>();
    for (String raw : line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      int from = 0;
      int to = raw.length();
      while (from < to && raw.charAt(from) == '\'') {
        from++;
      }
      while (to > from && raw.charAt(to - 1) == '\'') {
        to--;
      }
      if (from < to) {
        words.add(raw.substring(from, to));
      }
    }
    return words.iterator();
  }

  /** The bundled text: Hamlet's soliloquy, two Lincoln speeches and the Declaration of Independence. */
  public static List<String> bundledText() {
    InputStream in = WordCount.class.getResourceAsStream("texts.txt");
    if (in == null) {
      throw new IllegalStateException("the bundled text io/weir/examples/wordcount/texts.txt is missing from the classpath");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readFile(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("example wordcount: --input " + path + " is not a readable file");
    }
    return Files.readAllLines(path, StandardCharsets.UTF_8);
  }
}
