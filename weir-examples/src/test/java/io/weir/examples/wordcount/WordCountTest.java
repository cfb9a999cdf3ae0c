package io.weir.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.datastream.StreamExecutionEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WordCountTest {

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    return StreamExecutionEnvironment.getExecutionEnvironment(new Configuration()
        .set(CoreOptions.RUNTIME_MODE, mode)
        .set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
  }

  /** The count a plain loop gets, with the example's own tokenizer. */
  static Map<String, Long> reference(List<String> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      for (Iterator<String> it = WordCount.words(line); it.hasNext(); ) {
        counts.merge(it.next(), 1L, Long::sum);
      }
    }
    return counts;
  }

  @ParameterizedTest(name = "{0} p={1}")
  @CsvSource({"STREAMING,1", "STREAMING,2", "BATCH,1", "BATCH,2"})
  void bundledTextCountsMatchAPlainLoop(RuntimeExecutionMode mode, int parallelism) throws Exception {
    List<String> text = WordCount.bundledText();
    Map<String, Long> expected = reference(text);
    assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(2000);

    assertThat(WordCount.countWords(env(mode, parallelism), text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void randomTextSameInBothModes(long seed) throws Exception {
    Random random = new Random(seed);
    String[] vocabulary = {"weir", "stream", "batch", "river", "flow", "o'er", "it's", "dam", "key", "window"};
    List<String> lines = new ArrayList<>();
    for (int i = 0, n = 50 + random.nextInt(200); i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int w = random.nextInt(12); w > 0; w--) {
        sb.append(vocabulary[random.nextInt(vocabulary.length)]).append(random.nextBoolean() ? " " : ", ");
      }
      lines.add(sb.toString());
    }
    Map<String, Long> expected = reference(lines);
    assertThat(WordCount.countWords(env(RuntimeExecutionMode.STREAMING, 2), lines)).isEqualTo(expected);
    assertThat(WordCount.countWords(env(RuntimeExecutionMode.BATCH, 2), lines)).isEqualTo(expected);
  }

  @Test
  void tokenizerKeepsInnerApostrophesOnly() {
    List<String> words = new ArrayList<>();
    WordCount.words("'Tis the question: there's O'er-- \"THE\" end'").forEachRemaining(words::add);
    assertThat(words).containsExactly("tis", "the", "question", "there's", "o'er", "the", "end");
  }

  @Test
  void topLinesOrderByCountThenWord() {
    List<String> lines = WordCount.topLines(Map.of("b", 2L, "a", 2L, "c", 5L, "d", 1L), 3);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("c").contains("5");
    assertThat(lines.get(2)).contains("a");
    assertThat(lines.get(3)).contains("b");
  }
}
