package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.sql.api.TableEnvironment;
import io.weir.sql.parser.SqlErrorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidationErrorTest {
  private TableEnvironment env;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create();
    env.executeSql("CREATE TABLE orders (order_id INT, customer STRING, amount DOUBLE) WITH ('connector' = 'values')");
  }

  @Test
  void unknownTableSuggestsNearestName() {
    assertThatThrownBy(() -> env.executeSql("SELECT 1;\nSELECT order_id\nFROM ordres"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessage("line 3, column 6: table 'ordres' not found (did you mean 'orders'?)\nFROM ordres\n     ^");
  }

  @Test
  void unknownColumnSuggestsNearestName() {
    assertThatThrownBy(() -> env.executeSql("SELECT custmer FROM orders"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessage("line 1, column 8: column 'custmer' not found (did you mean 'customer'?)\nSELECT custmer FROM orders\n       ^");
  }

  @Test
  void syntaxErrorHasPosition() {
    assertThatThrownBy(() -> env.executeSql("SELECT order_id FORM orders"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageStartingWith("line 1, column 22: syntax error");
  }

  @Test
  void typeErrorHasPosition() {
    assertThatThrownBy(() -> env.executeSql("SELECT order_id FROM orders WHERE amount"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageStartingWith("line 1, column 35:");
  }

  @Test
  void badComputedColumnPointsIntoTheDdl() {
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE x (a INT,\n  b AS a + nope) WITH ('connector' = 'values')"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageStartingWith("line 2, column 12: column 'nope' not found");
  }

  @Test
  void unknownConnectorOptionIsNamed() {
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE y (a INT) WITH ('connector' = 'values', 'rowz' = '(1)')"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("unknown option 'rowz'")
        .hasMessageContaining("did you mean 'rows'?");
  }
}
