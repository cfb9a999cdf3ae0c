package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPLIT_INDEX's indexOf scan gives the pieces of {@code split(Pattern.quote(sep), -1)}. */
class SplitIndexTest {
  @ParameterizedTest
  @ValueSource(strings = {"/", "aa", "a", ".", "\\E", "ab/", "$"})
  void matchesQuotedRegexSplit(String sep) {
    Random r = new Random(sep.hashCode());
    String alphabet = "ab/.$\\E";
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(12);
      for (int c = 0; c < len; c++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      String[] parts = s.split(Pattern.quote(sep), -1);
      for (int index = -1; index <= parts.length + 1; index++) {
        String expected = index >= 0 && index < parts.length ? parts[index] : null;
        assertThat(SqlFunctions.splitIndex(s, sep, index)).as("'%s' '%s' %d", s, sep, index).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 6})
  void nexmarkUrls(int index) {
    String url = "https://www.nexmark.com/abc/def/item.htm?query=1&channel_id=123";
    String[] parts = url.split(Pattern.quote("/"), -1);
    assertThat(SqlFunctions.splitIndex(url, "/", index)).isEqualTo(index < parts.length ? parts[index] : null);
    assertThat(SqlFunctions.splitIndex(url, "", index)).isNull();
  }
}
