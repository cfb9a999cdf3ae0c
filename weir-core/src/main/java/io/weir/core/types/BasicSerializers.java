package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;

/** Serializers of the basic (immutable, non-composite) types. All are stateless singletons. */
public final class BasicSerializers {
  private BasicSerializers() {}

  /** Base of the singletons: immutable values, so copy returns the value itself. */
  abstract static class Immutable<T> implements TypeSerializer<T> {
    @Override
    public final T copy(T value) {
      return value;
    }

    @Override
    public final boolean isImmutableType() {
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
      return getClass().hashCode();
    }

    /** Keeps singletons singletons across Java serialization of a job graph. */
    protected abstract Object readResolve() throws ObjectStreamException;
  }

  public static final TypeSerializer<String> STRING = new StringSerializer();
  public static final TypeSerializer<Long> LONG = new LongSerializer();
  public static final TypeSerializer<Integer> INT = new IntSerializer();
  public static final TypeSerializer<Double> DOUBLE = new DoubleSerializer();
  public static final TypeSerializer<Float> FLOAT = new FloatSerializer();
  public static final TypeSerializer<Short> SHORT = new ShortSerializer();
  public static final TypeSerializer<Byte> BYTE = new ByteSerializer();
  public static final TypeSerializer<Character> CHAR = new CharSerializer();
  public static final TypeSerializer<Boolean> BOOLEAN = new BooleanSerializer();
  public static final TypeSerializer<BigDecimal> BIG_DEC = new BigDecSerializer();
  public static final TypeSerializer<BigInteger> BIG_INT = new BigIntSerializer();
  public static final TypeSerializer<Instant> INSTANT = new InstantSerializer();
  public static final TypeSerializer<LocalDate> LOCAL_DATE = new LocalDateSerializer();
  public static final TypeSerializer<LocalTime> LOCAL_TIME = new LocalTimeSerializer();
  public static final TypeSerializer<LocalDateTime> LOCAL_DATE_TIME = new LocalDateTimeSerializer();
  public static final TypeSerializer<Date> DATE = new DateSerializer();
  public static final TypeSerializer<Void> VOID = new VoidSerializer();

  static final class StringSerializer extends Immutable<String> {
    @Override
    public void serialize(String value, DataOutput out) throws IOException {
      SerializationUtil.writeString(value, out);
    }

    @Override
    public String deserialize(DataInput in) throws IOException {
      return SerializationUtil.readString(in);
    }

    @Override
    protected Object readResolve() {
      return STRING;
    }
  }

  static final class LongSerializer extends Immutable<Long> {
    @Override
    public void serialize(Long value, DataOutput out) throws IOException {
      out.writeLong(value);
    }

    @Override
    public Long deserialize(DataInput in) throws IOException {
      return in.readLong();
    }

    @Override
    protected Object readResolve() {
      return LONG;
    }
  }

  static final class IntSerializer extends Immutable<Integer> {
    @Override
    public void serialize(Integer value, DataOutput out) throws IOException {
      out.writeInt(value);
    }

    @Override
    public Integer deserialize(DataInput in) throws IOException {
      return in.readInt();
    }

    @Override
    protected Object readResolve() {
      return INT;
    }
  }

  static final class DoubleSerializer extends Immutable<Double> {
    @Override
    public void serialize(Double value, DataOutput out) throws IOException {
      out.writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public Double deserialize(DataInput in) throws IOException {
      return Double.longBitsToDouble(in.readLong());
    }

    @Override
    protected Object readResolve() {
      return DOUBLE;
    }
  }

  static final class FloatSerializer extends Immutable<Float> {
    @Override
    public void serialize(Float value, DataOutput out) throws IOException {
      out.writeInt(Float.floatToIntBits(value));
    }

    @Override
    public Float deserialize(DataInput in) throws IOException {
      return Float.intBitsToFloat(in.readInt());
    }

    @Override
    protected Object readResolve() {
      return FLOAT;
    }
  }

  static final class ShortSerializer extends Immutable<Short> {
    @Override
    public void serialize(Short value, DataOutput out) throws IOException {
      out.writeShort(value);
    }

    @Override
    public Short deserialize(DataInput in) throws IOException {
      return in.readShort();
    }

    @Override
    protected Object readResolve() {
      return SHORT;
    }
  }

  static final class ByteSerializer extends Immutable<Byte> {
    @Override
    public void serialize(Byte value, DataOutput out) throws IOException {
      out.writeByte(value);
    }

    @Override
    public Byte deserialize(DataInput in) throws IOException {
      return in.readByte();
    }

    @Override
    protected Object readResolve() {
      return BYTE;
    }
  }

  static final class CharSerializer extends Immutable<Character> {
    @Override
    public void serialize(Character value, DataOutput out) throws IOException {
      out.writeChar(value);
    }

    @Override
    public Character deserialize(DataInput in) throws IOException {
      return in.readChar();
    }

    @Override
    protected Object readResolve() {
      return CHAR;
    }
  }

  static final class BooleanSerializer extends Immutable<Boolean> {
    @Override
    public void serialize(Boolean value, DataOutput out) throws IOException {
      out.writeBoolean(value);
    }

    @Override
    public Boolean deserialize(DataInput in) throws IOException {
      return in.readBoolean();
    }

    @Override
    protected Object readResolve() {
      return BOOLEAN;
    }
  }

  static final class BigIntSerializer extends Immutable<BigInteger> {
    @Override
    public void serialize(BigInteger value, DataOutput out) throws IOException {
      byte[] bytes = value.toByteArray();
      SerializationUtil.writeVarInt(bytes.length, out);
      out.write(bytes);
    }

    @Override
    public BigInteger deserialize(DataInput in) throws IOException {
      byte[] bytes = new byte[SerializationUtil.readVarInt(in)];
      in.readFully(bytes);
      return new BigInteger(bytes);
    }

    @Override
    protected Object readResolve() {
      return BIG_INT;
    }
  }

  static final class BigDecSerializer extends Immutable<BigDecimal> {
    @Override
    public void serialize(BigDecimal value, DataOutput out) throws IOException {
      BIG_INT.serialize(value.unscaledValue(), out);
      out.writeInt(value.scale());
    }

    @Override
    public BigDecimal deserialize(DataInput in) throws IOException {
      BigInteger unscaled = BIG_INT.deserialize(in);
      return new BigDecimal(unscaled, in.readInt());
    }

    @Override
    protected Object readResolve() {
      return BIG_DEC;
    }
  }

  static final class InstantSerializer extends Immutable<Instant> {
    @Override
    public void serialize(Instant value, DataOutput out) throws IOException {
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }

    @Override
    public Instant deserialize(DataInput in) throws IOException {
      long seconds = in.readLong();
      return Instant.ofEpochSecond(seconds, in.readInt());
    }

    @Override
    protected Object readResolve() {
      return INSTANT;
    }
  }

  static final class LocalDateSerializer extends Immutable<LocalDate> {
    @Override
    public void serialize(LocalDate value, DataOutput out) throws IOException {
      out.writeInt(value.getYear());
      out.writeByte(value.getMonthValue());
      out.writeByte(value.getDayOfMonth());
    }

    @Override
    public LocalDate deserialize(DataInput in) throws IOException {
      int year = in.readInt();
      int month = in.readByte();
      return LocalDate.of(year, month, in.readByte());
    }

    @Override
    protected Object readResolve() {
      return LOCAL_DATE;
    }
  }

  static final class LocalTimeSerializer extends Immutable<LocalTime> {
    @Override
    public void serialize(LocalTime value, DataOutput out) throws IOException {
      out.writeLong(value.toNanoOfDay());
    }

    @Override
    public LocalTime deserialize(DataInput in) throws IOException {
      return LocalTime.ofNanoOfDay(in.readLong());
    }

    @Override
    protected Object readResolve() {
      return LOCAL_TIME;
    }
  }

  static final class LocalDateTimeSerializer extends Immutable<LocalDateTime> {
    @Override
    public void serialize(LocalDateTime value, DataOutput out) throws IOException {
      LOCAL_DATE.serialize(value.toLocalDate(), out);
      LOCAL_TIME.serialize(value.toLocalTime(), out);
    }

    /**
     * Recently read values, direct-mapped by their serialized fields. Rows read back from spills
     * and blocking exchanges repeat timestamps a lot (window bounds; Nexmark's default rate puts
     * ten events in each millisecond): a hit saves the three objects of a read and makes a later
     * equals() an identity check. Entries are immutable (final fields, so racy publication is
     * safe) and the serializer is a singleton shared by all threads: a lost update only costs a
     * miss. Many slots, so the start and end of a window in one row do not evict each other. A
     * miss costs about 5 ns more than no cache (the entry and its store into an old array).
     */
    private static final Cached[] CACHE = new Cached[1024];

    private record Cached(long date, long nanos, LocalDateTime value) {}

    @Override
    public LocalDateTime deserialize(DataInput in) throws IOException {
      int year = in.readInt();
      int month = in.readByte();
      int day = in.readByte();
      long nanos = in.readLong();
      // Injective over (year, month byte, day byte); invalid values are never cached (of() throws).
      long date = ((long) year << 16) | ((month & 0xFF) << 8) | (day & 0xFF);
      long h = (date * 0x9E3779B97F4A7C15L + nanos) * 0x9E3779B97F4A7C15L;
      int slot = (int) (h >>> 54);
      Cached c = CACHE[slot];
      if (c != null && c.date == date && c.nanos == nanos) {
        return c.value;
      }
      LocalDateTime v = LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.ofNanoOfDay(nanos));
      CACHE[slot] = new Cached(date, nanos, v);
      return v;
    }

    @Override
    protected Object readResolve() {
      return LOCAL_DATE_TIME;
    }
  }

  /** java.util.Date is mutable, so unlike the others its copy is a new object. */
  static final class DateSerializer implements TypeSerializer<Date> {
    @Override
    public void serialize(Date value, DataOutput out) throws IOException {
      out.writeLong(value.getTime());
    }

    @Override
    public Date deserialize(DataInput in) throws IOException {
      return new Date(in.readLong());
    }

    @Override
    public Date copy(Date value) {
      return value == null ? null : new Date(value.getTime());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DateSerializer;
    }

    @Override
    public int hashCode() {
      return 17;
    }

    private Object readResolve() {
      return DATE;
    }
  }

  /** Writes nothing: the only value is null. */
  static final class VoidSerializer extends Immutable<Void> {
    @Override
    public void serialize(Void value, DataOutput out) {}

    @Override
    public Void deserialize(DataInput in) {
      return null;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    protected Object readResolve() {
      return VOID;
    }
  }
}
