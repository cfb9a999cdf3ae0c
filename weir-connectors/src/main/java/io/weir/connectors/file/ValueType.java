package io.weir.connectors.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How one field's value is read from CSV text or a JSON node and written back. Parse failures
 * throw {@link BadValueException} whose message is the part after "column 3 'price': ".
 */
abstract class ValueType {
  /** Name used in messages, e.g. DOUBLE, INT, LOCAL_DATE (the {@code Types} constant names). */
  abstract String name();

  /** Whether the Java field is a primitive (null is not allowed). */
  boolean primitive() {
    return false;
  }

  abstract Object parseText(String text) throws BadValueException;

  abstract Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException;

  /** CSV text of a non-null value. */
  String formatText(Object value) {
    return value.toString();
  }

  void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
    gen.writeString(formatText(value));
  }

  /** Thrown for a value that does not fit its field's type. */
  static final class BadValueException extends Exception {
    BadValueException(String message) {
      super(message, null, false, false);
    }
  }

  static final String SUPPORTED =
      "String, primitives and their boxes, BigDecimal, BigInteger, LocalDate, LocalTime, LocalDateTime, Instant, enums";

  /** The scalar type of {@code c}, or null when it is not a scalar Weir converts itself. */
  static ValueType scalar(Class<?> c) {
    if (c == String.class) {
      return STRING;
    }
    if (c == int.class || c == Integer.class) {
      return new IntegralType("INT", c.isPrimitive(), Integer.MIN_VALUE, Integer.MAX_VALUE) {
        @Override
        Object box(long v) {
          return (int) v;
        }
      };
    }
    if (c == long.class || c == Long.class) {
      return new IntegralType("LONG", c.isPrimitive(), Long.MIN_VALUE, Long.MAX_VALUE) {
        @Override
        Object box(long v) {
          return v;
        }
      };
    }
    if (c == short.class || c == Short.class) {
      return new IntegralType("SHORT", c.isPrimitive(), Short.MIN_VALUE, Short.MAX_VALUE) {
        @Override
        Object box(long v) {
          return (short) v;
        }
      };
    }
    if (c == byte.class || c == Byte.class) {
      return new IntegralType("BYTE", c.isPrimitive(), Byte.MIN_VALUE, Byte.MAX_VALUE) {
        @Override
        Object box(long v) {
          return (byte) v;
        }
      };
    }
    if (c == double.class || c == Double.class) {
      return new FloatingType("DOUBLE", c.isPrimitive(), false);
    }
    if (c == float.class || c == Float.class) {
      return new FloatingType("FLOAT", c.isPrimitive(), true);
    }
    if (c == boolean.class || c == Boolean.class) {
      return new BooleanType(c.isPrimitive());
    }
    if (c == char.class || c == Character.class) {
      return new CharType(c.isPrimitive());
    }
    if (c == BigDecimal.class) {
      return BIG_DEC;
    }
    if (c == BigInteger.class) {
      return BIG_INT;
    }
    if (c == LocalDate.class) {
      return new TimeType("LOCAL_DATE", LocalDate::parse);
    }
    if (c == LocalTime.class) {
      return new TimeType("LOCAL_TIME", LocalTime::parse);
    }
    if (c == LocalDateTime.class) {
      return new TimeType("LOCAL_DATE_TIME", LocalDateTime::parse);
    }
    if (c == Instant.class) {
      return INSTANT;
    }
    if (c.isEnum()) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      ValueType t = new EnumType((Class) c);
      return t;
    }
    return null;
  }

  /** A type Jackson converts (nested records, lists, maps); JSON only. */
  static ValueType jackson(Type javaType) {
    return new JacksonType(javaType);
  }

  static String quote(String text) {
    String t = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "'" + t + "'";
  }

  static String abbreviate(JsonNode node) {
    String t = node.toString();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  private static final ValueType STRING =
      new ValueType() {
        @Override
        String name() {
          return "STRING";
        }

        @Override
        Object parseText(String text) {
          return text;
        }

        @Override
        Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
          if (node.isValueNode()) {
            return node.asText();
          }
          throw new BadValueException("expected a string but found " + abbreviate(node));
        }
      };

  private static final ValueType BIG_DEC =
      new ValueType() {
        @Override
        String name() {
          return "BIG_DEC";
        }

        @Override
        Object parseText(String text) throws BadValueException {
          try {
            return new BigDecimal(text.trim());
          } catch (NumberFormatException e) {
            throw new BadValueException("cannot parse " + quote(text) + " as BIG_DEC");
          }
        }

        @Override
        Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
          if (node.isNumber()) {
            return node.decimalValue();
          }
          if (node.isTextual()) {
            return parseText(node.asText());
          }
          throw new BadValueException("expected a number but found " + abbreviate(node));
        }

        @Override
        String formatText(Object value) {
          return ((BigDecimal) value).toPlainString();
        }

        @Override
        void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
          gen.writeNumber((BigDecimal) value);
        }
      };

  private static final ValueType BIG_INT =
      new ValueType() {
        @Override
        String name() {
          return "BIG_INT";
        }

        @Override
        Object parseText(String text) throws BadValueException {
          try {
            return new BigInteger(text.trim());
          } catch (NumberFormatException e) {
            throw new BadValueException("cannot parse " + quote(text) + " as BIG_INT");
          }
        }

        @Override
        Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
          if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
          }
          if (node.isTextual()) {
            return parseText(node.asText());
          }
          throw new BadValueException("expected an integer but found " + abbreviate(node));
        }

        @Override
        void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
          gen.writeNumber((BigInteger) value);
        }
      };

  private static final ValueType INSTANT =
      new ValueType() {
        @Override
        String name() {
          return "INSTANT";
        }

        @Override
        Object parseText(String text) throws BadValueException {
          String t = text.trim();
          try {
            if (!t.isEmpty() && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
              return Instant.ofEpochMilli(Long.parseLong(t));
            }
            return Instant.parse(t);
          } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadValueException(
                "cannot parse " + quote(text) + " as INSTANT (expected ISO-8601 like 2024-01-31T10:15:30Z or epoch millis)");
          }
        }

        @Override
        Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
          if (node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.longValue());
          }
          if (node.isTextual()) {
            return parseText(node.asText());
          }
          throw new BadValueException("expected an ISO-8601 string or epoch millis but found " + abbreviate(node));
        }
      };

  private abstract static class IntegralType extends ValueType {
    private final String name;
    private final boolean primitive;
    private final long min;
    private final long max;

    IntegralType(String name, boolean primitive, long min, long max) {
      this.name = name;
      this.primitive = primitive;
      this.min = min;
      this.max = max;
    }

    abstract Object box(long v);

    @Override
    String name() {
      return name;
    }

    @Override
    boolean primitive() {
      return primitive;
    }

    @Override
    Object parseText(String text) throws BadValueException {
      long v;
      try {
        v = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new BadValueException("cannot parse " + quote(text) + " as " + name);
      }
      if (v < min || v > max) {
        throw new BadValueException("value " + text.trim() + " out of range for " + name);
      }
      return box(v);
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (!node.isNumber()) {
        throw new BadValueException("expected a number but found " + abbreviate(node));
      }
      if (!node.isIntegralNumber()) {
        throw new BadValueException("expected an integer but found " + abbreviate(node));
      }
      if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
        throw new BadValueException("value " + abbreviate(node) + " out of range for " + name);
      }
      return box(node.longValue());
    }

    @Override
    void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
      gen.writeNumber(((Number) value).longValue());
    }
  }

  private static final class FloatingType extends ValueType {
    private final String name;
    private final boolean primitive;
    private final boolean isFloat;

    FloatingType(String name, boolean primitive, boolean isFloat) {
      this.name = name;
      this.primitive = primitive;
      this.isFloat = isFloat;
    }

    @Override
    String name() {
      return name;
    }

    @Override
    boolean primitive() {
      return primitive;
    }

    @Override
    Object parseText(String text) throws BadValueException {
      try {
        double d = Double.parseDouble(text.trim());
        return isFloat ? (Object) (float) d : (Object) d;
      } catch (NumberFormatException e) {
        throw new BadValueException("cannot parse " + quote(text) + " as " + name);
      }
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (!node.isNumber()) {
        throw new BadValueException("expected a number but found " + abbreviate(node));
      }
      return isFloat ? (Object) node.floatValue() : (Object) node.doubleValue();
    }

    @Override
    void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
      if (isFloat) {
        gen.writeNumber((Float) value);
      } else {
        gen.writeNumber((Double) value);
      }
    }
  }

  private static final class BooleanType extends ValueType {
    private final boolean primitive;

    BooleanType(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    String name() {
      return "BOOLEAN";
    }

    @Override
    boolean primitive() {
      return primitive;
    }

    @Override
    Object parseText(String text) throws BadValueException {
      String t = text.trim();
      // Boolean.parseBoolean would turn every typo into false.
      if (t.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (t.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      throw new BadValueException("cannot parse " + quote(text) + " as BOOLEAN (expected true or false)");
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      throw new BadValueException("expected true or false but found " + abbreviate(node));
    }

    @Override
    void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
      gen.writeBoolean((Boolean) value);
    }
  }

  private static final class CharType extends ValueType {
    private final boolean primitive;

    CharType(boolean primitive) {
      this.primitive = primitive;
    }

    @Override
    String name() {
      return "CHAR";
    }

    @Override
    boolean primitive() {
      return primitive;
    }

    @Override
    Object parseText(String text) throws BadValueException {
      if (text.length() != 1) {
        throw new BadValueException("cannot parse " + quote(text) + " as CHAR (expected one character)");
      }
      return text.charAt(0);
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (node.isTextual()) {
        return parseText(node.asText());
      }
      throw new BadValueException("expected a one-character string but found " + abbreviate(node));
    }
  }

  private interface TextParser {
    Object parse(CharSequence text);
  }

  private static final class TimeType extends ValueType {
    private final String name;
    private final TextParser parser;

    TimeType(String name, TextParser parser) {
      this.name = name;
      this.parser = parser;
    }

    @Override
    String name() {
      return name;
    }

    @Override
    Object parseText(String text) throws BadValueException {
      try {
        return parser.parse(text.trim());
      } catch (DateTimeParseException e) {
        throw new BadValueException("cannot parse " + quote(text) + " as " + name + " (expected ISO-8601)");
      }
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (node.isTextual()) {
        return parseText(node.asText());
      }
      throw new BadValueException("expected an ISO-8601 string but found " + abbreviate(node));
    }
  }

  private static final class EnumType<E extends Enum<E>> extends ValueType {
    private final Class<E> type;

    EnumType(Class<E> type) {
      this.type = type;
    }

    @Override
    String name() {
      return type.getSimpleName();
    }

    @Override
    Object parseText(String text) throws BadValueException {
      String t = text.trim();
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(t)) {
          return e;
        }
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(t)) {
          return e;
        }
      }
      throw new BadValueException(
          "cannot parse " + quote(text) + " as " + type.getSimpleName() + " (one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
              + ")");
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      if (node.isTextual()) {
        return parseText(node.asText());
      }
      throw new BadValueException("expected a string but found " + abbreviate(node));
    }

    @Override
    String formatText(Object value) {
      return ((Enum<?>) value).name();
    }
  }

  private static final class JacksonType extends ValueType {
    private final Type javaType;

    JacksonType(Type javaType) {
      this.javaType = javaType;
    }

    @Override
    String name() {
      return javaType.getTypeName();
    }

    @Override
    Object parseText(String text) throws BadValueException {
      throw new BadValueException("type " + name() + " cannot be read from text");
    }

    @Override
    Object fromJson(JsonNode node, ObjectMapper mapper) throws BadValueException {
      try {
        return mapper.treeToValue(node, mapper.getTypeFactory().constructType(javaType));
      } catch (IOException | IllegalArgumentException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        m = String.valueOf(m).lines().findFirst().orElse("").trim();
        throw new BadValueException("cannot convert " + abbreviate(node) + " to " + shortName() + ": " + m);
      }
    }

    private String shortName() {
      return name().replaceAll("\\b([a-z][a-z0-9_]*\\.)+", "");
    }

    @Override
    void writeJson(JsonGenerator gen, Object value, ObjectMapper mapper) throws IOException {
      mapper.writeValue(gen, value);
    }
  }
}
