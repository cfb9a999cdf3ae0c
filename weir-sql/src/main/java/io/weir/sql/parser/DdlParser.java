package io.weir.sql.parser;

import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.LogicalType.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Weir's hand-written parser for DDL and utility statements (CREATE TABLE/VIEW/FUNCTION, DROP,
 * SET, RESET, SHOW, DESCRIBE, EXPLAIN, HELP, BEGIN STATEMENT SET / END). Queries and INSERTs are
 * only recognized here and parsed by Calcite. Errors carry script line/column and a caret.
 */
public final class DdlParser {
  private final SourcePos piece;
  private final List<Token> tokens;
  private int p;

  private DdlParser(SourcePos piece) {
    this.piece = piece;
    this.tokens = Lexer.tokenize(piece.script(), piece.offset(), piece.end());
  }

  /** Parses all statements of a script. */
  public static List<Statement> parseScript(String script) {
    List<Statement> out = new ArrayList<>();
    for (SourcePos s : StatementSplitter.split(script)) {
      out.add(parse(s));
    }
    return out;
  }

  public static Statement parse(SourcePos piece) {
    return new DdlParser(piece).statement();
  }

  /** Parses a data type string such as {@code ROW<word STRING, len INT>} (used by function type hints). */
  public static LogicalType parseType(String text) {
    SourcePos piece = new SourcePos(text, 0, text.length());
    DdlParser parser = new DdlParser(piece);
    LogicalType t = parser.type();
    if (parser.peek().kind() != Token.Kind.EOF) {
      throw parser.error(parser.peek(), "unexpected " + parser.describe(parser.peek()) + " after the data type");
    }
    return t;
  }

  private Token peek() {
    return tokens.get(p);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(p + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(p);
    if (t.kind() != Token.Kind.EOF) {
      p++;
    }
    return t;
  }

  private boolean accept(String keyword) {
    if (peek().is(keyword)) {
      p++;
      return true;
    }
    return false;
  }

  private boolean acceptSymbol(String s) {
    if (peek().isSymbol(s)) {
      p++;
      return true;
    }
    return false;
  }

  private SqlErrorException error(Token at, String problem) {
    return SqlErrorException.atOffset(piece.script(), at.start(), problem);
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "end of statement";
      case STRING -> "string '" + t.text() + "'";
      case QUOTED_IDENT -> "`" + t.text() + "`";
      default -> "'" + t.text() + "'";
    };
  }

  private void expect(String keyword) {
    if (!accept(keyword)) {
      throw error(peek(), "expected " + keyword + " but found " + describe(peek()));
    }
  }

  private void expectSymbol(String s) {
    if (!acceptSymbol(s)) {
      throw error(peek(), "expected '" + s + "' but found " + describe(peek()));
    }
  }

  private void expectEnd() {
    if (peek().kind() != Token.Kind.EOF) {
      throw error(peek(), "unexpected " + describe(peek()) + " at the end of the statement");
    }
  }

  private String identifier(String what) {
    Token t = peek();
    if (!t.isIdentifier()) {
      throw error(t, "expected " + what + " but found " + describe(t));
    }
    p++;
    return t.text();
  }

  /** A possibly qualified name; only the last part is used (a single in-memory catalog). */
  private String qualifiedName(String what) {
    String name = identifier(what);
    while (acceptSymbol(".")) {
      name = identifier(what);
    }
    return name;
  }

  private String string(String what) {
    Token t = peek();
    if (t.kind() != Token.Kind.STRING) {
      throw error(t, "expected " + what + " as a quoted string but found " + describe(t));
    }
    p++;
    return t.text();
  }

  private SourcePos rest() {
    Token t = peek();
    if (t.kind() == Token.Kind.EOF) {
      throw error(t, "expected a query but found end of statement");
    }
    return new SourcePos(piece.script(), t.start(), piece.end());
  }

  private Statement statement() {
    Token first = peek();
    if (first.is("CREATE")) {
      return create();
    }
    if (first.is("DROP")) {
      next();
      boolean temporary = accept("TEMPORARY");
      accept("SYSTEM");
      Statement.ObjectKind kind;
      if (accept("TABLE")) {
        kind = Statement.ObjectKind.TABLE;
      } else if (accept("VIEW")) {
        kind = Statement.ObjectKind.VIEW;
      } else if (accept("FUNCTION")) {
        kind = Statement.ObjectKind.FUNCTION;
      } else {
        throw error(peek(), "expected TABLE, VIEW or FUNCTION after DROP but found " + describe(peek()));
      }
      boolean ifExists = false;
      if (accept("IF")) {
        expect("EXISTS");
        ifExists = true;
      }
      String name = qualifiedName(kind.name().toLowerCase(Locale.ROOT) + " name");
      expectEnd();
      return new Statement.Drop(piece, kind, name, ifExists);
    }
    if (first.is("SET")) {
      next();
      if (peek().kind() == Token.Kind.EOF) {
        return new Statement.Set(piece, null, null);
      }
      String key = keyOrIdentifier();
      expectSymbol("=");
      String value = peek().kind() == Token.Kind.STRING || peek().kind() == Token.Kind.NUMBER
          || peek().isIdentifier() ? next().text() : null;
      if (value == null) {
        throw error(peek(), "expected a value for '" + key + "' but found " + describe(peek()));
      }
      expectEnd();
      return new Statement.Set(piece, key, value);
    }
    if (first.is("RESET")) {
      next();
      String key = peek().kind() == Token.Kind.EOF ? null : keyOrIdentifier();
      expectEnd();
      return new Statement.Reset(piece, key);
    }
    if (first.is("SHOW")) {
      next();
      Statement.ShowKind kind;
      if (accept("TABLES")) {
        kind = Statement.ShowKind.TABLES;
      } else if (accept("VIEWS")) {
        kind = Statement.ShowKind.VIEWS;
      } else if (accept("USER") || accept("FUNCTIONS")) {
        accept("FUNCTIONS");
        kind = Statement.ShowKind.FUNCTIONS;
      } else {
        throw error(peek(), "expected TABLES, VIEWS or FUNCTIONS after SHOW but found " + describe(peek()));
      }
      expectEnd();
      return new Statement.Show(piece, kind);
    }
    if (first.is("DESCRIBE") || first.is("DESC")) {
      next();
      String name = qualifiedName("table name");
      expectEnd();
      return new Statement.Describe(piece, name);
    }
    if (first.is("EXPLAIN")) {
      next();
      if (accept("PLAN")) {
        expect("FOR");
      }
      SourcePos inner = rest();
      Token t = peek();
      if (!(isQueryStart(t) || t.is("INSERT"))) {
        throw error(t, "EXPLAIN expects a query or INSERT but found " + describe(t));
      }
      return new Statement.Explain(piece, inner);
    }
    if (first.is("HELP")) {
      next();
      expectEnd();
      return new Statement.Help(piece);
    }
    if (first.is("BEGIN")) {
      next();
      expect("STATEMENT");
      expect("SET");
      expectEnd();
      return new Statement.BeginStatementSet(piece);
    }
    if (first.is("END")) {
      next();
      expectEnd();
      return new Statement.EndStatementSet(piece);
    }
    if (first.is("INSERT")) {
      return new Statement.Insert(piece);
    }
    if (isQueryStart(first)) {
      return new Statement.Query(piece);
    }
    throw error(first, "unknown statement starting with " + describe(first)
        + " (expected SELECT, INSERT, CREATE, DROP, SET, RESET, SHOW, DESCRIBE, EXPLAIN or HELP)");
  }

  private static boolean isQueryStart(Token t) {
    return t.is("SELECT") || t.is("WITH") || t.is("VALUES") || t.isSymbol("(") || t.is("TABLE");
  }

  private String keyOrIdentifier() {
    Token t = peek();
    if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.QUOTED_IDENT) {
      next();
      return t.text();
    }
    if (t.kind() == Token.Kind.IDENT) {
      // unquoted dotted key such as execution.runtime-mode
      StringBuilder sb = new StringBuilder(next().text());
      while (peek().isSymbol(".") || peek().isSymbol("-")) {
        sb.append(next().text());
        sb.append(next().text());
      }
      return sb.toString();
    }
    throw error(t, "expected an option key but found " + describe(t));
  }

  private Statement create() {
    next();
    boolean temporary = accept("TEMPORARY");
    accept("SYSTEM");
    if (accept("TABLE")) {
      return createTable(temporary);
    }
    if (accept("VIEW")) {
      boolean ifNotExists = ifNotExists();
      String name = qualifiedName("view name");
      List<String> cols = new ArrayList<>();
      if (acceptSymbol("(")) {
        do {
          cols.add(identifier("column name"));
        } while (acceptSymbol(","));
        expectSymbol(")");
      }
      expect("AS");
      Token t = peek();
      if (!isQueryStart(t)) {
        throw error(t, "expected a query after AS but found " + describe(t));
      }
      return new Statement.CreateView(piece, name, temporary, ifNotExists, cols, rest());
    }
    if (accept("FUNCTION")) {
      boolean ifNotExists = ifNotExists();
      String name = qualifiedName("function name");
      expect("AS");
      String cls = string("class name");
      if (accept("LANGUAGE")) {
        Token lang = next();
        if (!lang.is("JAVA")) {
          throw error(lang, "only LANGUAGE JAVA is supported");
        }
      }
      expectEnd();
      return new Statement.CreateFunction(piece, name, temporary, ifNotExists, cls);
    }
    throw error(peek(), "expected TABLE, VIEW or FUNCTION after CREATE but found " + describe(peek()));
  }

  private boolean ifNotExists() {
    if (accept("IF")) {
      expect("NOT");
      expect("EXISTS");
      return true;
    }
    return false;
  }

  private Statement createTable(boolean temporary) {
    boolean ifNotExists = ifNotExists();
    String name = qualifiedName("table name");
    expectSymbol("(");
    List<Statement.ColumnDef> columns = new ArrayList<>();
    Statement.WatermarkDef watermark = null;
    List<String> pk = new ArrayList<>();
    SourcePos pkPos = null;
    do {
      Token t = peek();
      if (t.is("WATERMARK")) {
        next();
        if (watermark != null) {
          throw error(t, "a table can have only one WATERMARK");
        }
        expect("FOR");
        Token colTok = peek();
        String col = identifier("rowtime column name");
        expect("AS");
        watermark = new Statement.WatermarkDef(col, span(colTok), expressionUntilComma());
      } else if (t.is("PRIMARY") || t.is("CONSTRAINT")) {
        if (accept("CONSTRAINT")) {
          identifier("constraint name");
        }
        Token pkTok = peek();
        expect("PRIMARY");
        expect("KEY");
        if (!pk.isEmpty()) {
          throw error(pkTok, "a table can have only one PRIMARY KEY");
        }
        pkPos = span(pkTok);
        expectSymbol("(");
        do {
          pk.add(identifier("column name"));
        } while (acceptSymbol(","));
        expectSymbol(")");
        notEnforced(pkTok);
      } else {
        Token nameTok = peek();
        String col = identifier("column name");
        for (Statement.ColumnDef c : columns) {
          if (c.name().equals(col)) {
            throw error(nameTok, "duplicate column '" + col + "'");
          }
        }
        if (accept("AS")) {
          SourcePos expr = expressionUntilComma();
          columns.add(new Statement.ColumnDef(col, null, expr, span(nameTok), comment()));
        } else {
          LogicalType type = type();
          if (peek().is("PRIMARY")) {
            Token pkTok = next();
            expect("KEY");
            notEnforced(pkTok);
            if (!pk.isEmpty()) {
              throw error(pkTok, "a table can have only one PRIMARY KEY");
            }
            pk.add(col);
            pkPos = span(pkTok);
          }
          if (peek().is("METADATA")) {
            throw error(peek(), "METADATA columns are not supported");
          }
          columns.add(new Statement.ColumnDef(col, type, null, span(nameTok), comment()));
        }
      }
    } while (acceptSymbol(","));
    expectSymbol(")");
    String comment = comment();
    List<String> partitionKeys = new ArrayList<>();
    if (accept("PARTITIONED")) {
      expect("BY");
      expectSymbol("(");
      do {
        Token keyTok = peek();
        String key = identifier("partition column");
        if (columns.stream().noneMatch(c -> c.name().equals(key) && c.expression() == null)) {
          throw error(keyTok, "partition column '" + key + "' is not a physical column of the table");
        }
        if (partitionKeys.contains(key)) {
          throw error(keyTok, "partition column '" + key + "' is listed twice");
        }
        partitionKeys.add(key);
      } while (acceptSymbol(","));
      expectSymbol(")");
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (accept("WITH")) {
      expectSymbol("(");
      if (!peek().isSymbol(")")) {
        do {
          Token keyTok = peek();
          String key = string("option key");
          expectSymbol("=");
          String value = string("value of option '" + key + "'");
          if (options.put(key, value) != null) {
            throw error(keyTok, "option '" + key + "' is given twice");
          }
        } while (acceptSymbol(","));
      }
      expectSymbol(")");
    }
    expectEnd();
    for (String k : pk) {
      if (columns.stream().noneMatch(c -> c.name().equals(k))) {
        throw SqlErrorException.atOffset(piece.script(), pkPos.offset(), "primary key column '" + k + "' is not a column of the table");
      }
    }
    if (watermark != null) {
      String wc = watermark.column();
      if (columns.stream().noneMatch(c -> c.name().equals(wc))) {
        throw SqlErrorException.atOffset(piece.script(), watermark.columnPos().offset(),
            "watermark column '" + wc + "' is not a column of the table");
      }
    }
    return new Statement.CreateTable(piece, name, temporary, ifNotExists, columns, watermark, pk, pkPos, options, comment, partitionKeys);
  }

  private void notEnforced(Token pkTok) {
    if (!accept("NOT")) {
      throw error(peek(), "PRIMARY KEY must be declared NOT ENFORCED (Weir does not check keys)");
    }
    expect("ENFORCED");
  }

  private String comment() {
    if (accept("COMMENT")) {
      return string("comment");
    }
    return null;
  }

  private SourcePos span(Token t) {
    return new SourcePos(piece.script(), t.start(), t.end());
  }

  /** The text of an expression up to the next ',' or ')' at nesting depth 0 (or COMMENT). */
  private SourcePos expressionUntilComma() {
    Token start = peek();
    int depth = 0;
    Token last = null;
    while (true) {
      Token t = peek();
      if (t.kind() == Token.Kind.EOF) {
        break;
      }
      if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.is("COMMENT"))) {
        break;
      }
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      }
      last = next();
    }
    if (last == null) {
      throw error(start, "expected an expression but found " + describe(start));
    }
    return new SourcePos(piece.script(), start.start(), last.end());
  }

  private int intArg() {
    Token t = peek();
    if (t.kind() != Token.Kind.NUMBER || t.text().contains(".")) {
      throw error(t, "expected an integer but found " + describe(t));
    }
    next();
    return Integer.parseInt(t.text());
  }

  private LogicalType type() {
    Token t = peek();
    if (!t.isIdentifier()) {
      throw error(t, "expected a data type but found " + describe(t));
    }
    next();
    String n = t.text().toUpperCase(Locale.ROOT);
    LogicalType type = switch (n) {
      case "BOOLEAN", "BOOL" -> LogicalType.of(Kind.BOOLEAN);
      case "TINYINT" -> LogicalType.of(Kind.TINYINT);
      case "SMALLINT" -> LogicalType.of(Kind.SMALLINT);
      case "INT", "INTEGER" -> LogicalType.of(Kind.INTEGER);
      case "BIGINT" -> LogicalType.of(Kind.BIGINT);
      case "FLOAT", "REAL" -> LogicalType.of(Kind.FLOAT);
      case "DOUBLE" -> {
        accept("PRECISION");
        yield LogicalType.of(Kind.DOUBLE);
      }
      case "DECIMAL", "DEC", "NUMERIC" -> {
        int prec = 10;
        int scale = 0;
        if (acceptSymbol("(")) {
          Token pt = peek();
          prec = intArg();
          if (acceptSymbol(",")) {
            scale = intArg();
          }
          expectSymbol(")");
          if (prec < 1 || prec > 38) {
            throw error(pt, "DECIMAL precision must be between 1 and 38, was " + prec);
          }
          if (scale > prec) {
            throw error(pt, "DECIMAL scale " + scale + " exceeds precision " + prec);
          }
        }
        yield LogicalType.decimal(prec, scale);
      }
      case "CHAR", "CHARACTER" -> {
        if (accept("VARYING")) {
          yield LogicalType.withPrecision(Kind.VARCHAR, optLength(LogicalType.MAX_LENGTH));
        }
        yield LogicalType.withPrecision(Kind.CHAR, optLength(1));
      }
      case "VARCHAR" -> LogicalType.withPrecision(Kind.VARCHAR, optLength(LogicalType.MAX_LENGTH));
      case "STRING" -> LogicalType.of(Kind.VARCHAR);
      case "BINARY" -> LogicalType.withPrecision(Kind.BINARY, optLength(1));
      case "VARBINARY" -> LogicalType.withPrecision(Kind.VARBINARY, optLength(LogicalType.MAX_LENGTH));
      case "BYTES" -> LogicalType.of(Kind.VARBINARY);
      case "DATE" -> LogicalType.of(Kind.DATE);
      case "TIME" -> {
        int prec = optPrecision(0, t);
        if (accept("WITHOUT")) {
          expect("TIME");
          expect("ZONE");
        }
        yield LogicalType.withPrecision(Kind.TIME, prec);
      }
      case "TIMESTAMP" -> {
        int prec = optPrecision(6, t);
        if (accept("WITH")) {
          expect("LOCAL");
          expect("TIME");
          expect("ZONE");
          yield LogicalType.withPrecision(Kind.TIMESTAMP_LTZ, prec);
        }
        if (accept("WITHOUT")) {
          expect("TIME");
          expect("ZONE");
        }
        yield LogicalType.withPrecision(Kind.TIMESTAMP, prec);
      }
      case "TIMESTAMP_LTZ" -> LogicalType.withPrecision(Kind.TIMESTAMP_LTZ, optPrecision(6, t));
      case "ARRAY" -> {
        expectSymbol("<");
        LogicalType e = type();
        expectSymbol(">");
        yield LogicalType.array(e);
      }
      case "MAP" -> {
        expectSymbol("<");
        LogicalType k = type();
        expectSymbol(",");
        LogicalType v = type();
        expectSymbol(">");
        yield LogicalType.map(k, v);
      }
      case "ROW" -> {
        String close;
        if (acceptSymbol("<")) {
          close = ">";
        } else {
          expectSymbol("(");
          close = ")";
        }
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        if (!peek().isSymbol(close)) {
          do {
            names.add(identifier("field name"));
            types.add(type());
            comment();
          } while (acceptSymbol(","));
        }
        expectSymbol(close);
        yield LogicalType.row(names, types);
      }
      default -> throw error(t, "unknown data type '" + t.text() + "'");
    };
    if (accept("NOT")) {
      expect("NULL");
      type = type.copy(false);
    } else {
      accept("NULL");
    }
    return type;
  }

  private int optLength(int dflt) {
    if (acceptSymbol("(")) {
      Token lt = peek();
      int n = intArg();
      expectSymbol(")");
      if (n < 1) {
        throw error(lt, "length must be at least 1, was " + n);
      }
      return n;
    }
    return dflt;
  }

  private int optPrecision(int dflt, Token typeTok) {
    if (acceptSymbol("(")) {
      Token pt = peek();
      int n = intArg();
      expectSymbol(")");
      if (n < 0 || n > 9) {
        throw error(pt, typeTok.text().toUpperCase(Locale.ROOT) + " precision must be between 0 and 9, was " + n);
      }
      return n;
    }
    return dflt;
  }
}
