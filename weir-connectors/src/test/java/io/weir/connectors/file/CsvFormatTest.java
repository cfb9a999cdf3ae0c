package io.weir.connectors.file;

import static io.weir.connectors.file.FormatTestSupport.readAll;
import static io.weir.connectors.file.FormatTestSupport.readRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {
  @TempDir Path dir;

  enum Status { NEW, PAID }

  record Order(long id, String item, double price, Integer qty) {}

  record Typed(
      String s, int i, Long l, short sh, byte b, float f, Double d, boolean flag, Boolean boxed, char c,
      BigDecimal dec, LocalDate date, LocalDateTime at, Instant ts, Status status) {}

  /** A POJO with getters/setters and a public field. */
  public static class Person {
    private String name;
    public int age;

    public Person() {}

    Person(String name, int age) {
      this.name = name;
      this.age = age;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Person p && java.util.Objects.equals(p.name, name) && p.age == age;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(name, age);
    }

    @Override
    public String toString() {
      return "Person(" + name + ", " + age + ")";
    }
  }

  record WithList(String name, List<String> tags) {}

  record WithMap(Map<String, Integer> m) {}

  record Positive(int n) {
    Positive {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be positive but is " + n);
      }
    }
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsRecordsByHeaderNameIgnoringCaseAndOrder() throws IOException {
    Path f = write("orders.csv", "QTY,Price,extra,id,item\n3,9.5,x,1,apple\n,1.25,y,2,pear\n");
    assertThat(readRecords(CsvFormat.forType(Order.class), f))
        .containsExactly(new Order(1, "apple", 9.5, 3), new Order(2, "pear", 1.25, null));
  }

  @Test
  void convertsEverySupportedType() throws IOException {
    Path f = write("t.csv",
        "s,i,l,sh,b,f,d,flag,boxed,c,dec,date,at,ts,status\n"
            + "hi,-7,9000000000,12,-3,1.5,2.25,TRUE,false,z,12345678901234567890.125,2024-02-29,"
            + "2024-02-29T10:15:30,2024-02-29T10:15:30Z,paid\n"
            + ",0,,0,0,0,,false,,q,,,,1700000000000,NEW\n");
    List<Typed> rows = readRecords(CsvFormat.forType(Typed.class), f);
    assertThat(rows).containsExactly(
        new Typed("hi", -7, 9_000_000_000L, (short) 12, (byte) -3, 1.5f, 2.25, true, false, 'z',
            new BigDecimal("12345678901234567890.125"), LocalDate.of(2024, 2, 29),
            LocalDateTime.of(2024, 2, 29, 10, 15, 30), Instant.parse("2024-02-29T10:15:30Z"), Status.PAID),
        new Typed(null, 0, null, (short) 0, (byte) 0, 0f, null, false, null, 'q', null, null, null,
            Instant.ofEpochMilli(1_700_000_000_000L), Status.NEW));
  }

  @Test
  void readsPojos() throws IOException {
    Path f = write("p.csv", "name,age\nAda,36\n\"Lovelace, A.\",37\n");
    assertThat(readRecords(CsvFormat.forType(Person.class), f))
        .containsExactly(new Person("Ada", 36), new Person("Lovelace, A.", 37));
  }

  @Test
  void handlesRfc4180Quoting() throws IOException {
    Path f = write("q.csv",
        "id,item,price,qty\r\n"
            + "1,\"a, b\",1,1\r\n"
            + "2,\"say \"\"hi\"\"\",2,2\r\n"
            + "3,\"line one\nline two\",3,3\r\n"
            + "4,\"\",4,4\r\n"
            + "5,,5,5\r\n");
    List<Order> orders = readRecords(CsvFormat.forType(Order.class), f);
    assertThat(orders).extracting(Order::item)
        .containsExactly("a, b", "say \"hi\"", "line one\nline two", "", null);
  }

  @Test
  void withoutHeaderMapsColumnsByPositionAndHonoursOptions() throws IOException {
    Path f = write("o.txt", "# exported\n# by hand\n1;'x;y';2.5;7\n\n2;z;3;\n");
    CsvFormat<Order> fmt = CsvFormat.forType(Order.class).withoutHeader().withDelimiter(';').withQuoteChar('\'')
        .withSkipLines(2);
    assertThat(readRecords(fmt, f)).containsExactly(new Order(1, "x;y", 2.5, 7), new Order(2, "z", 3, null));
  }

  @Test
  void skipsUtf8ByteOrderMark() throws IOException {
    Path f = dir.resolve("bom.csv");
    Files.write(f, ("\uFEFFid,item,price,qty\n1,é,1,1\n").getBytes(StandardCharsets.UTF_8));
    assertThat(readRecords(CsvFormat.forType(Order.class), f)).containsExactly(new Order(1, "é", 1, 1));
  }

  @Test
  void badValuesNameFileLineColumnAndTypeAndReadingGoesOn() throws IOException {
    Path f = write("orders.csv",
        "id,item,price,qty\n"
            + "1,a,1.0,1\n"
            + "2,b,abc,2\n"
            + "x,c,1.0,3\n"
            + "4,d,1.0\n"
            + "5,e,1.0,9999999999\n"
            + ",f,1.0,1\n"
            + "7,\"g\"h,1.0,1\n"
            + "8,h,2.0,8\n");
    FormatTestSupport.Result<Order> r = readAll(CsvFormat.forType(Order.class), f);
    String p = f.toString();
    assertThat(r.errors()).containsExactly(
        p + ":3: column 3 'price': cannot parse 'abc' as DOUBLE",
        p + ":4: column 1 'id': cannot parse 'x' as LONG",
        p + ":5: expected 4 columns but found 3",
        p + ":6: column 4 'qty': value 9999999999 out of range for INT",
        p + ":7: column 1 'id': empty value for primitive long",
        p + ":8: column 2: unexpected character 'h' after a closing quote");
    assertThat(r.records()).containsExactly(new Order(1, "a", 1.0, 1), new Order(8, "h", 2.0, 8));
  }

  @Test
  void lineNumbersCountPhysicalLinesOfMultiLineRecords() throws IOException {
    Path f = write("m.csv", "id,item,price,qty\n1,\"two\nlines\",1,1\n\n2,b,oops,2\n");
    FormatTestSupport.Result<Order> r = readAll(CsvFormat.forType(Order.class), f);
    assertThat(r.errors()).containsExactly(f + ":5: column 3 'price': cannot parse 'oops' as DOUBLE");
  }

  @Test
  void unterminatedQuoteIsReportedAtTheRecordStart() throws IOException {
    Path f = write("u.csv", "id,item,price,qty\n1,\"open,1,1\n2,b,1,1\n");
    FormatTestSupport.Result<Order> r = readAll(CsvFormat.forType(Order.class), f);
    assertThat(r.errors()).containsExactly(f + ":2: column 2: unterminated quoted field (reached the end of the file)");
    assertThat(r.records()).isEmpty();
  }

  @Test
  void constructorValidationIsABadRecord() throws IOException {
    Path f = write("n.csv", "n\n1\n-2\n3\n");
    FormatTestSupport.Result<Positive> r = readAll(CsvFormat.forType(Positive.class), f);
    assertThat(r.errors()).containsExactly(
        f + ":3: cannot create Positive: IllegalArgumentException: n must be positive but is -2");
    assertThat(r.records()).containsExactly(new Positive(1), new Positive(3));
  }

  @Test
  void headerWithoutAFieldsColumnFailsTheFile() throws IOException {
    Path f = write("h.csv", "id,item,qty\n1,a,1\n");
    assertThatThrownBy(() -> readAll(CsvFormat.forType(Order.class), f))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(MalformedRecordException.class)
        .hasMessage(f + ":1: header has no column for field 'price' (columns: id, item, qty)");
  }

  @Test
  void emptyFileAndHeaderOnlyFileHaveNoRecords() throws IOException {
    assertThat(readRecords(CsvFormat.forType(Order.class), write("e.csv", ""))).isEmpty();
    assertThat(readRecords(CsvFormat.forType(Order.class), write("h.csv", "id,item,price,qty\n"))).isEmpty();
  }

  @Test
  void unsupportedFieldTypesFailAtBuildTimeNamingTheField() {
    assertThatThrownBy(() -> CsvFormat.forType(WithList.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'tags'")
        .hasMessageContaining("java.util.List<java.lang.String>");
    assertThatThrownBy(() -> CsvFormat.forType(WithMap.class)).hasMessageContaining("field 'm'");
    assertThatThrownBy(() -> CsvFormat.forType(String.class)).hasMessageContaining("not a Java record or POJO");
    assertThatThrownBy(() -> CsvFormat.forType(Order.class).withDelimiter('"'))
        .hasMessageContaining("must differ");
  }

  @Test
  void resumesFromAnOffsetAfterTheHeader() throws IOException {
    Path f = write("r.csv", "id,item,price,qty\n1,a,1,1\n2,\"b\nb\",2,2\n3,c,3,3\n");
    CsvFormat<Order> fmt = CsvFormat.forType(Order.class);
    long offset;
    long line;
    try (FileRecordReader<Order> r = fmt.createReader(f, 0, 0)) {
      r.read();
      r.read();
      offset = r.offset();
      line = r.lineNumber();
    }
    assertThat(line).isEqualTo(4);
    try (FileRecordReader<Order> r = fmt.createReader(f, offset, line)) {
      assertThat(r.read()).isEqualTo(new Order(3, "c", 3, 3));
      assertThat(r.read()).isNull();
      assertThat(r.lineNumber()).isEqualTo(5);
    }
  }
}
