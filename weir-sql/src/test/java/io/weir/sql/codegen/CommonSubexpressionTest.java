package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.planner.WeirTypeSystem;
import java.util.List;
import java.util.Random;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Common subexpressions in generated projections/predicates: evaluated once when first computed
 * unconditionally, never taken from inside a lazily evaluated CASE/AND/OR/COALESCE branch (the
 * local would be out of scope or unassigned there), never shared when non-deterministic.
 */
class CommonSubexpressionTest {
  private static final JavaTypeFactoryImpl TF = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);
  private static final RexBuilder RB = new RexBuilder(TF);
  private static final RelDataType ROW = TF.builder()
      .add("a", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.INTEGER), true))
      .add("b", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.INTEGER), true))
      .add("p", TF.createTypeWithNullability(TF.createSqlType(SqlTypeName.BOOLEAN), true))
      .build();

  private static RexNode f(int i) {
    return RexInputRef.of(i, ROW);
  }

  private static RexNode call(org.apache.calcite.sql.SqlOperator op, RexNode... args) {
    return RB.makeCall(op, args);
  }

  private static final RexNode GREATER = call(SqlStdOperatorTable.GREATER_THAN, f(0), f(1));
  private static final RexNode MAX = call(SqlStdOperatorTable.CASE, GREATER, f(0), f(1));
  private static final RexNode SUM = call(SqlStdOperatorTable.PLUS, f(0), f(1));
  private static final RexNode PRODUCT = call(SqlStdOperatorTable.MULTIPLY, f(0), f(1));

  private static Integer a(Row r) {
    return (Integer) r.getField(0);
  }

  private static Integer b(Row r) {
    return (Integer) r.getField(1);
  }

  private static Integer max(Row r) {
    return a(r) != null && b(r) != null && a(r) > b(r) ? a(r) : b(r);
  }

  private static Integer sum(Row r) {
    return a(r) == null || b(r) == null ? null : a(r) + b(r);
  }

  private static Integer product(Row r) {
    return a(r) == null || b(r) == null ? null : a(r) * b(r);
  }

  private static Row randomRow(Random rnd) {
    return Row.of(rnd.nextInt(4) == 0 ? null : rnd.nextInt(21) - 10, rnd.nextInt(4) == 0 ? null : rnd.nextInt(21) - 10,
        rnd.nextInt(3) == 0 ? null : rnd.nextBoolean());
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aRepeatedExpressionIsGeneratedOnce() {
    RexNode one = RB.makeLiteral(1, TF.createSqlType(SqlTypeName.INTEGER));
    GeneratedProjection p = CodeGenerator.projection(RB,
        List.of(MAX, call(SqlStdOperatorTable.PLUS, MAX, one), call(SqlStdOperatorTable.MULTIPLY, MAX, MAX)), null);
    // the comparison of the CASE appears once although MAX is used four times
    assertThat(occurrences(p.source(), "SqlFunctions.compare(")).isEqualTo(1);
    Row out = p.apply(Row.of(3, 5, null));
    assertThat(out.getField(0)).isEqualTo(5);
    assertThat(out.getField(1)).isEqualTo(6);
    assertThat(out.getField(2)).isEqualTo(25);
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 17, 2026})
  void branchLocalExpressionsAreRecomputedOutsideTheirBranch(long seed) {
    // SUM first appears inside a CASE branch, PRODUCT inside a COALESCE tail and an AND operand,
    // then each unconditionally: the later occurrences must not read the branch's local
    RexNode sumInBranch = call(SqlStdOperatorTable.CASE, f(2), SUM, RB.makeLiteral(0, TF.createSqlType(SqlTypeName.INTEGER)));
    RexNode productInTail = call(SqlStdOperatorTable.COALESCE, f(0), PRODUCT);
    RexNode productInAnd = call(SqlStdOperatorTable.AND, f(2),
        call(SqlStdOperatorTable.GREATER_THAN, PRODUCT, RB.makeLiteral(0, TF.createSqlType(SqlTypeName.INTEGER))));
    List<RexNode> exprs = List.of(sumInBranch, productInTail, productInAnd, SUM, PRODUCT,
        call(SqlStdOperatorTable.CASE, f(2), SUM, PRODUCT));
    GeneratedProjection p = CodeGenerator.projection(RB, exprs, null);
    Random rnd = new Random(seed);
    for (int i = 0; i < 300; i++) {
      Row in = randomRow(rnd);
      Row out = p.apply(in);
      Boolean flag = (Boolean) in.getField(2);
      assertThat(out.getField(0)).as("%s", in).isEqualTo(Boolean.TRUE.equals(flag) ? sum(in) : Integer.valueOf(0));
      assertThat(out.getField(1)).as("%s", in).isEqualTo(a(in) != null ? a(in) : product(in));
      Boolean positive = product(in) == null ? null : product(in) > 0;
      Boolean and = Boolean.FALSE.equals(flag) || Boolean.FALSE.equals(positive) ? Boolean.FALSE
          : flag == null || positive == null ? null : Boolean.TRUE;
      assertThat(out.getField(2)).as("%s", in).isEqualTo(and);
      assertThat(out.getField(3)).as("%s", in).isEqualTo(sum(in));
      assertThat(out.getField(4)).as("%s", in).isEqualTo(product(in));
      assertThat(out.getField(5)).as("%s", in).isEqualTo(Boolean.TRUE.equals(flag) ? sum(in) : product(in));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {5, 77})
  void anUnconditionalFirstOccurrenceIsReusedInsideLaterBranches(long seed) {
    List<RexNode> exprs = List.of(SUM, call(SqlStdOperatorTable.CASE, f(2), SUM, f(0)), MAX,
        call(SqlStdOperatorTable.COALESCE, f(1), MAX));
    GeneratedProjection p = CodeGenerator.projection(RB, exprs, null);
    assertThat(occurrences(p.source(), "SqlFunctions.compare(")).isEqualTo(1);
    Random rnd = new Random(seed);
    for (int i = 0; i < 300; i++) {
      Row in = randomRow(rnd);
      Row out = p.apply(in);
      assertThat(out.getField(0)).isEqualTo(sum(in));
      assertThat(out.getField(1)).isEqualTo(Boolean.TRUE.equals(in.getField(2)) ? sum(in) : a(in));
      assertThat(out.getField(2)).isEqualTo(max(in));
      assertThat(out.getField(3)).isEqualTo(b(in) != null ? b(in) : max(in));
    }
  }

  @Test
  void nonDeterministicCallsAreNotShared() {
    RexNode rand = RB.makeCall(SqlStdOperatorTable.RAND);
    GeneratedProjection p = CodeGenerator.projection(RB, List.of(rand, rand), null);
    int differ = 0;
    for (int i = 0; i < 20; i++) {
      Row out = p.apply(Row.of(1, 2, true));
      if (!out.getField(0).equals(out.getField(1))) {
        differ++;
      }
    }
    assertThat(differ).isPositive();
  }
}
