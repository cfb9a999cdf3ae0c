package io.weir.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.sql.catalog.LogicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlParserTest {
  @Test
  void splitsStatementsRespectingQuotesAndComments() {
    String script = "SELECT ';' FROM t; -- a; comment\nSELECT `a;b` FROM u /* ; */;\n\n  ;SET 'k' = 'v;w'";
    List<SourcePos> parts = StatementSplitter.split(script);
    assertThat(parts).extracting(SourcePos::text)
        .containsExactly("SELECT ';' FROM t", "SELECT `a;b` FROM u", "SET 'k' = 'v;w'");
  }

  @Test
  void parsesCreateTableWithAllParts() {
    Statement s = DdlParser.parseScript("""
        CREATE TABLE IF NOT EXISTS db.orders (
          id BIGINT NOT NULL,
          price DECIMAL(10, 2),
          tags ARRAY<STRING>,
          attrs MAP<STRING, INT>,
          addr ROW<city STRING, zip INT>,
          ts TIMESTAMP(3),
          lts TIMESTAMP_LTZ(3),
          total AS price * 2,
          WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
          PRIMARY KEY (id) NOT ENFORCED
        ) COMMENT 'c' WITH ('connector' = 'values', 'rows' = '(1)')
        """).get(0);
    Statement.CreateTable ct = (Statement.CreateTable) s;
    assertThat(ct.name()).isEqualTo("orders");
    assertThat(ct.ifNotExists()).isTrue();
    assertThat(ct.columns()).extracting(Statement.ColumnDef::name)
        .containsExactly("id", "price", "tags", "attrs", "addr", "ts", "lts", "total");
    assertThat(ct.columns().get(0).type()).isEqualTo(LogicalType.of(LogicalType.Kind.BIGINT).copy(false));
    assertThat(ct.columns().get(1).type().asSummaryString()).isEqualTo("DECIMAL(10, 2)");
    assertThat(ct.columns().get(2).type().asSummaryString()).isEqualTo("ARRAY<STRING>");
    assertThat(ct.columns().get(3).type().asSummaryString()).isEqualTo("MAP<STRING, INT>");
    assertThat(ct.columns().get(4).type().asSummaryString()).isEqualTo("ROW<`city` STRING, `zip` INT>");
    assertThat(ct.columns().get(6).type().asSummaryString()).isEqualTo("TIMESTAMP_LTZ(3)");
    assertThat(ct.columns().get(7).expression().text()).isEqualTo("price * 2");
    assertThat(ct.watermark().column()).isEqualTo("ts");
    assertThat(ct.watermark().expression().text()).isEqualTo("ts - INTERVAL '5' SECOND");
    assertThat(ct.primaryKey()).containsExactly("id");
    assertThat(ct.options()).containsEntry("connector", "values").containsEntry("rows", "(1)");
  }

  @Test
  void parsesUtilityStatements() {
    List<Statement> all = DdlParser.parseScript("""
        SET 'execution.runtime-mode' = 'batch'; RESET; RESET 'a.b'; SHOW TABLES; SHOW FUNCTIONS; DESCRIBE t;
        EXPLAIN SELECT 1; CREATE TEMPORARY FUNCTION f AS 'com.x.F'; DROP TABLE IF EXISTS t; DROP VIEW v;
        CREATE VIEW v (a) AS SELECT 1; HELP; INSERT INTO t SELECT 1; BEGIN STATEMENT SET; END
        """);
    assertThat(all).extracting(s -> s.getClass().getSimpleName()).containsExactly(
        "Set", "Reset", "Reset", "Show", "Show", "Describe", "Explain", "CreateFunction", "Drop", "Drop", "CreateView",
        "Help", "Insert", "BeginStatementSet", "EndStatementSet");
    Statement.Set set = (Statement.Set) all.get(0);
    assertThat(set.key()).isEqualTo("execution.runtime-mode");
    assertThat(set.value()).isEqualTo("batch");
    assertThat(((Statement.Explain) all.get(6)).statement().text()).isEqualTo("SELECT 1");
    assertThat(((Statement.CreateFunction) all.get(7)).className()).isEqualTo("com.x.F");
    assertThat(((Statement.Drop) all.get(8)).ifExists()).isTrue();
  }

  @Test
  void unknownTypeIsReportedWithLineColumnAndCaret() {
    String script = "SELECT 1;\nCREATE TABLE t (\n  a INT,\n  b VARCHR(10)\n) WITH ()";
    assertThatThrownBy(() -> DdlParser.parseScript(script))
        .isInstanceOf(SqlErrorException.class)
        .hasMessage("line 4, column 5: unknown data type 'VARCHR'\n  b VARCHR(10)\n    ^");
  }

  @Test
  void missingNotEnforcedIsAnError() {
    assertThatThrownBy(() -> DdlParser.parseScript("CREATE TABLE t (a INT, PRIMARY KEY (a))"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageStartingWith("line 1, column 39: PRIMARY KEY must be declared NOT ENFORCED");
  }

  @Test
  void errorsNameTheProblem() {
    assertThatThrownBy(() -> DdlParser.parseScript("CREATE TABLE t (a INT, a STRING)"))
        .hasMessageStartingWith("line 1, column 24: duplicate column 'a'");
    assertThatThrownBy(() -> DdlParser.parseScript("CREATE TABLE t (a INT) WITH ('k' = 1)"))
        .hasMessageStartingWith("line 1, column 36: expected value of option 'k' as a quoted string but found '1'");
    assertThatThrownBy(() -> DdlParser.parseScript("FROB x"))
        .hasMessageStartingWith("line 1, column 1: unknown statement starting with 'FROB'");
    assertThatThrownBy(() -> DdlParser.parseScript("CREATE TABLE t (a DECIMAL(40, 2))"))
        .hasMessageStartingWith("line 1, column 27: DECIMAL precision must be between 1 and 38, was 40");
    assertThatThrownBy(() -> DdlParser.parseScript("CREATE TABLE t (a INT, WATERMARK FOR ts AS ts)"))
        .hasMessageStartingWith("line 1, column 38: watermark column 'ts' is not a column of the table");
    assertThatThrownBy(() -> DdlParser.parseScript("SELECT 'abc"))
        .hasMessageStartingWith("line 1, column 8: unterminated string literal");
  }
}
