package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The literal prefilter of REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE: what it reads from a pattern,
 * and, over seeded random patterns and inputs, results equal to plain java.util.regex searches.
 */
class RegexLiteralTest {

  @ParameterizedTest
  @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
      "(&|^)channel_id=([^&]*)  # 'channel_id=' after at most 1",
      "abc                      # 'abc' after at most 0",
      "^abc$                    # 'abc' after at most 0",
      "a.bcd                    # 'bcd' after at most 2",
      "x+yz                     # 'yz' after at most any",
      "ab?cd                    # 'cd' after at most 2",
      "(?:ab|c){2}[0-9]\\.txt    # '.txt' after at most 5",
      "a\\tb                    # 'a\tb' after at most 0",
      "(a|bc)d                  # 'd' after at most 2",
      "(?i)abc                  # none",
      "abc|def                  # none",
      "(a)\\1                   # none",
      "\\Qa.b\\E                # none",
      "\\bword                  # none",
      "a(?=b)c                  # none",
      "[[a]b]cd                 # none",
      ".*                       # none",
      "x*                       # none",
  })
  void readsTheLiteralEveryMatchContains(String regex, String expected) {
    assertThat(RegexLiteral.of(regex.strip())).hasToString(expected.strip());
  }

  private static final String[] ATOMS = {
      "a", "b", "&", "=", "_", "x", "\\.", "\\&", "\\t", ".", "[ab]", "[^&]", "[a-c=]", "\\d", "\\w", "\\s",
      "(a|b)", "(?:ab|&)", "(&|^)", "(a(b|=)?)", "^", "$", "()", "(?:)",
      // constructs the prefilter must leave alone
      "(?i)", "\\b", "(?=a)", "(?<!b)", "|",
  };
  private static final String[] QUANTIFIERS = {"", "", "", "", "?", "*", "+", "{2}", "{1,2}", "{0,}", "??", "*+"};
  private static final String ALPHABET = "ab&=_x.\tA1 ";

  private static String randomPattern(Random r) {
    StringBuilder sb = new StringBuilder();
    int atoms = 1 + r.nextInt(6);
    for (int k = 0; k < atoms; k++) {
      // mostly plain characters, so that literal runs of several characters occur
      String atom = r.nextInt(3) > 0 ? ATOMS[r.nextInt(6)] : ATOMS[r.nextInt(ATOMS.length)];
      sb.append(atom);
      if (!atom.equals("^") && !atom.equals("$") && !atom.equals("|") && !atom.startsWith("(?")
          && !atom.equals("\\b")) {
        sb.append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
      }
    }
    return sb.toString();
  }

  private static String randomInput(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(25);
    for (int k = 0; k < n; k++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void searchesGiveTheResultsOfPlainJavaRegex(long seed) {
    Random r = new Random(seed);
    int withLiteral = 0;
    int skipped = 0;
    for (int n = 0; n < 400; n++) {
      String regex = randomPattern(r);
      Pattern plain;
      try {
        plain = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        assertThat(SqlFunctions.regexp("ab", regex)).isNull();
        continue;
      }
      RegexLiteral literal = RegexLiteral.of(regex);
      if (literal.literal != null) {
        withLiteral++;
      }
      for (int k = 0; k < 60; k++) {
        // inputs that hold the literal, or a piece of a match, more often than random text would
        String s = switch (r.nextInt(3)) {
          case 0 -> randomInput(r);
          case 1 -> randomInput(r) + (literal.literal == null ? "" : literal.literal) + randomInput(r);
          default -> {
            Matcher m = plain.matcher(randomInput(r) + "ab&=a_b=x.a");
            yield m.find() ? randomInput(r) + m.group() + randomInput(r) : randomInput(r);
          }
        };
        Matcher m = plain.matcher(s);
        boolean found = m.find();
        if (literal.searchFrom(s) < 0) {
          skipped++;
        }
        String why = "'" + regex + "' on '" + s + "' (" + literal + ")";
        assertThat(SqlFunctions.regexp(s, regex)).as(why).isEqualTo(found);
        for (int group = 0; group <= plain.matcher("").groupCount(); group++) {
          assertThat(SqlFunctions.regexpExtract(s, regex, group)).as(why + " group " + group)
              .isEqualTo(found ? m.group(group) : null);
        }
        assertThat(SqlFunctions.regexpReplace(s, regex, "<$0>")).as(why)
            .isEqualTo(plain.matcher(s).replaceAll("<$0>"));
      }
    }
    // the comparison covered the prefilter's paths, not only patterns it leaves alone
    assertThat(withLiteral).isGreaterThan(100);
    assertThat(skipped).isGreaterThan(1000);
  }
}
