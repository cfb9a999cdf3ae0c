package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REGEXP_EXTRACT remembers its last call per thread (a filter and a projection often repeat it on
 * one row) and reuses its Matcher: over a seeded mix of repeated objects, equal strings in new
 * objects, other groups and other patterns, every result equals a fresh java.util.regex match.
 */
class RegexpExtractTest {
  private static final List<String> PATTERNS = List.of("(&|^)channel_id=([^&]*)", "([a-z]+)=([0-9]+)", "x(y)?");

  private static String expected(String s, String regex, int group) {
    Matcher m = Pattern.compile(regex).matcher(s);
    return m.find() && group >= 0 && group <= m.groupCount() ? m.group(group) : null;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyCallEqualsAFreshMatch(long seed) {
    Random r = new Random(seed);
    String previous = "channel_id=7";
    for (int i = 0; i < 5_000; i++) {
      String s = switch (r.nextInt(4)) {
        case 0 -> previous; // the same object again
        case 1 -> new String(previous); // equal text, another object
        case 2 -> "a=" + r.nextInt(10) + "&channel_id=" + (r.nextBoolean() ? "" : r.nextInt(1000));
        default -> "xx" + (r.nextBoolean() ? "y" : "") + "&k=" + r.nextInt(5);
      };
      String regex = PATTERNS.get(r.nextInt(PATTERNS.size()));
      int group = r.nextInt(4) - 1; // -1 and groups beyond the pattern's give NULL
      assertThat(SqlFunctions.regexpExtract(s, regex, group)).as("%s ~ %s group %d", s, regex, group)
          .isEqualTo(expected(s, regex, group));
      previous = s;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "[a-"})
  void anInvalidPatternGivesNull(String regex) {
    assertThat(SqlFunctions.regexpExtract("abc", regex, 0)).isNull();
    assertThat(SqlFunctions.regexpExtract("abc", "(b)", 1)).isEqualTo("b");
  }
}
