package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.planner.WeirTypeSystem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated code against a direct Java evaluation of SQL semantics (NULLs, three-valued logic) on seeded random rows. */
class ExprCodeGeneratorTest {
  private static final JavaTypeFactoryImpl TF = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);
  private static final RexBuilder RB = new RexBuilder(TF);
  private static final RelDataType ROW = TF.builder()
      .add("a", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.INTEGER), true))
      .add("b", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.INTEGER), true))
      .add("p", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.BOOLEAN), true))
      .add("q", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.BOOLEAN), true))
      .add("s", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.VARCHAR, 100), true))
      .add("d", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.DECIMAL, 10, 2), true))
      .build();

  private static RexNode f(int i) {
    return RexInputRef.of(i, ROW);
  }

  record Case(RexNode expr, Function<Row, Object> oracle) {}

  static Boolean and(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }

  static Boolean or(Boolean x, Boolean y) {
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }

  static List<Case> cases() {
    return List.of(
        new Case(RB.makeCall(SqlStdOperatorTable.PLUS, f(0), f(1)),
            r -> r.getField(0) == null || r.getField(1) == null ? null : (Integer) r.getField(0) + (Integer) r.getField(1)),
        new Case(RB.makeCall(SqlStdOperatorTable.MULTIPLY, f(0), f(1)),
            r -> r.getField(0) == null || r.getField(1) == null ? null : (Integer) r.getField(0) * (Integer) r.getField(1)),
        new Case(RB.makeCall(SqlStdOperatorTable.GREATER_THAN, f(0), f(1)),
            r -> r.getField(0) == null || r.getField(1) == null ? null : (Integer) r.getField(0) > (Integer) r.getField(1)),
        new Case(RB.makeCall(SqlStdOperatorTable.EQUALS, f(0), f(1)),
            r -> r.getField(0) == null || r.getField(1) == null ? null : r.getField(0).equals(r.getField(1))),
        new Case(RB.makeCall(SqlStdOperatorTable.AND, f(2), f(3)), r -> and((Boolean) r.getField(2), (Boolean) r.getField(3))),
        new Case(RB.makeCall(SqlStdOperatorTable.OR, f(2), f(3)), r -> or((Boolean) r.getField(2), (Boolean) r.getField(3))),
        new Case(RB.makeCall(SqlStdOperatorTable.NOT, f(2)), r -> r.getField(2) == null ? null : !(Boolean) r.getField(2)),
        new Case(RB.makeCall(SqlStdOperatorTable.IS_NULL, f(0)), r -> r.getField(0) == null),
        new Case(RB.makeCall(SqlStdOperatorTable.IS_NOT_TRUE, f(2)), r -> !Boolean.TRUE.equals(r.getField(2))),
        new Case(RB.makeCall(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, f(0), f(1)),
            r -> java.util.Objects.equals(r.getField(0), r.getField(1))),
        new Case(RB.makeCall(SqlStdOperatorTable.COALESCE, f(0), f(1)),
            r -> r.getField(0) != null ? r.getField(0) : r.getField(1)),
        new Case(RB.makeCall(SqlStdOperatorTable.CASE, RB.makeCall(SqlStdOperatorTable.GREATER_THAN, f(0), f(1)), f(0), f(1)),
            r -> r.getField(0) != null && r.getField(1) != null && (Integer) r.getField(0) > (Integer) r.getField(1)
                ? r.getField(0) : r.getField(1)),
        new Case(RB.makeCall(SqlStdOperatorTable.UPPER, f(4)), r -> r.getField(4) == null ? null : ((String) r.getField(4)).toUpperCase()),
        new Case(RB.makeCall(SqlStdOperatorTable.LIKE, f(4), RB.makeLiteral("a%")),
            r -> r.getField(4) == null ? null : ((String) r.getField(4)).startsWith("a")),
        new Case(RB.makeCall(SqlStdOperatorTable.CHAR_LENGTH, f(4)), r -> r.getField(4) == null ? null : ((String) r.getField(4)).length()),
        new Case(RB.makeCall(SqlStdOperatorTable.CONCAT, f(4), f(4)),
            r -> r.getField(4) == null ? null : (String) r.getField(4) + r.getField(4)),
        new Case(RB.makeCall(SqlStdOperatorTable.PLUS, f(5), f(5)),
            r -> r.getField(5) == null ? null : ((BigDecimal) r.getField(5)).add((BigDecimal) r.getField(5))),
        new Case(RB.makeCall(SqlStdOperatorTable.MOD, f(0), RB.makeLiteral(7, TF.createSqlType(SqlTypeName.INTEGER))),
            r -> r.getField(0) == null ? null : (Integer) r.getField(0) % 7),
        new Case(RB.makeCast(TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.VARCHAR, 50), true), f(0)),
            r -> r.getField(0) == null ? null : String.valueOf(r.getField(0))));
  }

  private static Row randomRow(Random rnd) {
    String[] words = {"apple", "Ann", "banana", "", "a"};
    return Row.of(
        rnd.nextInt(4) == 0 ? null : rnd.nextInt(21) - 10,
        rnd.nextInt(4) == 0 ? null : rnd.nextInt(21) - 10,
        rnd.nextInt(3) == 0 ? null : rnd.nextBoolean(),
        rnd.nextInt(3) == 0 ? null : rnd.nextBoolean(),
        rnd.nextInt(4) == 0 ? null : words[rnd.nextInt(words.length)],
        rnd.nextInt(4) == 0 ? null : BigDecimal.valueOf(rnd.nextInt(100000) - 50000, 2));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 42, 2024})
  void generatedCodeMatchesJavaSemantics(long seed) {
    Random rnd = new Random(seed);
    List<Case> cases = cases();
    List<RexNode> exprs = cases.stream().map(Case::expr).toList();
    GeneratedProjection projection = CodeGenerator.projection(RB, exprs, null);
    for (int i = 0; i < 300; i++) {
      Row in = randomRow(rnd);
      Row out = projection.apply(in);
      for (int c = 0; c < cases.size(); c++) {
        assertThat(out.getField(c)).as("%s on %s", exprs.get(c), in).isEqualTo(cases.get(c).oracle().apply(in));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void caseMappingDoesNotDependOnTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      // Turkish maps I to dotless i and i to dotted I
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      GeneratedProjection p = CodeGenerator.projection(RB, List.of(RB.makeCall(SqlStdOperatorTable.LOWER, f(4)),
          RB.makeCall(SqlStdOperatorTable.UPPER, f(4))), null);
      Row out = p.apply(Row.of(1, 2, true, false, "TITLE title", null));
      assertThat(out.getField(0)).isEqualTo("title title");
      assertThat(out.getField(1)).isEqualTo("TITLE TITLE");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 99})
  void predicateTreatsNullAsFalse(long seed) {
    Random rnd = new Random(seed);
    RexNode cond = RB.makeCall(SqlStdOperatorTable.OR, RB.makeCall(SqlStdOperatorTable.GREATER_THAN, f(0), f(1)), f(2));
    GeneratedPredicate p = CodeGenerator.predicate(RB, cond, null);
    for (int i = 0; i < 300; i++) {
      Row in = randomRow(rnd);
      Boolean gt = in.getField(0) == null || in.getField(1) == null ? null : (Integer) in.getField(0) > (Integer) in.getField(1);
      assertThat(p.test(in)).isEqualTo(Boolean.TRUE.equals(or(gt, (Boolean) in.getField(2))));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void equalShapesCompileOnce(int unused) {
    GeneratedProjection a = CodeGenerator.projection(RB, List.of(RB.makeCall(SqlStdOperatorTable.PLUS, f(0),
        RB.makeLiteral(1, TF.createSqlType(SqlTypeName.INTEGER)))), null);
    GeneratedProjection b = CodeGenerator.projection(RB, List.of(RB.makeCall(SqlStdOperatorTable.PLUS, f(0),
        RB.makeLiteral(2, TF.createSqlType(SqlTypeName.INTEGER)))), null);
    assertThat(a.source()).isEqualTo(b.source());
    assertThat(a.apply(Row.of(5, 0, null, null, null, null)).getField(0)).isEqualTo(6);
    assertThat(b.apply(Row.of(5, 0, null, null, null, null)).getField(0)).isEqualTo(7);
  }
}
