package io.weir.core.types;

import static io.weir.core.types.TypeTestModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.util.InstantiationUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over random values (seeded, with nulls wherever the type allows them) for every
 * kind of type: round trip, equal values give equal bytes, back-to-back values in one stream, the
 * java.io stream path, copies independent of the original, and serializers surviving Java
 * serialization (they are shipped inside job graphs).
 */
class SerializerRoundTripTest {
  private static final int VALUES_PER_SEED = 150;
  private static final long[] SEEDS = {1L, 42L, 20261122L};

  /**
   * A type under test. {@code mutate} changes a (deep) part of a copy so that a shallow copy would
   * leak the change into the original; null for immutable types.
   */
  record Case<T>(String name, TypeInfo<T> type, Function<Random, T> generator, BiConsumer<T, Random> mutate) {}

  static Stream<Arguments> cases() {
    List<Case<?>> cases = List.of(
        new Case<>("String", Types.STRING, TypeTestModel::string, null),
        new Case<>("Long", Types.LONG, Random::nextLong, null),
        new Case<>("Int", Types.INT, Random::nextInt, null),
        new Case<>("Double", Types.DOUBLE, SerializerRoundTripTest::anyDouble, null),
        new Case<>("Float", Types.FLOAT, r -> (float) anyDouble(r), null),
        new Case<>("Short", Types.SHORT, r -> (short) r.nextInt(), null),
        new Case<>("Byte", Types.BYTE, r -> (byte) r.nextInt(), null),
        new Case<>("Char", Types.CHAR, r -> (char) r.nextInt(), null),
        new Case<>("Boolean", Types.BOOLEAN, Random::nextBoolean, null),
        new Case<>("BigDecimal", Types.BIG_DEC, r -> new BigDecimal(new BigInteger(r.nextInt(200), r).negate().add(BigInteger.valueOf(r.nextInt())), r.nextInt(40) - 10), null),
        new Case<>("BigInteger", Types.BIG_INT, r -> new BigInteger(r.nextInt(300), r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1)), null),
        new Case<>("Instant", Types.INSTANT, r -> Instant.ofEpochSecond(r.nextLong() % 31_000_000_000_000_000L, r.nextInt(1_000_000_000)), null),
        new Case<>("LocalDate", Types.LOCAL_DATE, r -> LocalDate.ofEpochDay(r.nextInt(6_000_000) - 3_000_000), null),
        new Case<>("LocalTime", Types.LOCAL_TIME, r -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)), null),
        new Case<>("LocalDateTime", Types.LOCAL_DATE_TIME, r -> LocalDateTime.of(LocalDate.ofEpochDay(r.nextInt(100_000)), LocalTime.ofSecondOfDay(r.nextInt(86_400))), null),
        new Case<>("Date", TypeInfo.of(Date.class), r -> new Date(r.nextLong()), (d, r) -> d.setTime(d.getTime() + 1)),
        new Case<>("Void", Types.VOID, r -> null, null),
        new Case<>("Enum", TypeInfo.of(Color.class), TypeTestModel::color, null),
        new Case<>("byte[]", Types.BYTE_ARRAY, r -> bytes(r), (a, r) -> mutateArray(a)),
        new Case<>("int[]", TypeInfo.of(int[].class), r -> r.ints(r.nextInt(10)).toArray(), (a, r) -> mutateArray(a)),
        new Case<>("long[]", TypeInfo.of(long[].class), r -> r.longs(r.nextInt(10)).toArray(), (a, r) -> mutateArray(a)),
        new Case<>("double[]", TypeInfo.of(double[].class), r -> r.doubles(r.nextInt(10)).toArray(), (a, r) -> mutateArray(a)),
        new Case<>("char[]", TypeInfo.of(char[].class), r -> string(r).toCharArray(), (a, r) -> mutateArray(a)),
        new Case<>("boolean[]", TypeInfo.of(boolean[].class), r -> new boolean[] {r.nextBoolean(), r.nextBoolean()}, (a, r) -> a[0] = !a[0]),
        new Case<>("String[]", TypeInfo.of(String[].class), r -> stringList(r).toArray(new String[0]), (a, r) -> mutateArray(a)),
        new Case<>("Person[]", TypeInfo.of(Person[].class), r -> new Person[] {maybeNull(r, person(r, 1)), person(r, 0)}, (a, r) -> a[1].setAge(a[1].getAge() + 1)),
        new Case<>("Tuple2<String,Long>", TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {}),
            r -> Tuple2.of(maybeNull(r, string(r)), maybeNull(r, r.nextLong())), (t, r) -> t.f1 = t.f1 == null ? 1L : t.f1 + 1),
        new Case<>("Tuple5", TypeInfo.of(new TypeHint<Tuple5<Integer, String, Double, Boolean, List<Long>>>() {}),
            r -> Tuple5.of(maybeNull(r, r.nextInt()), maybeNull(r, string(r)), maybeNull(r, anyDouble(r)), maybeNull(r, r.nextBoolean()),
                maybeNull(r, new ArrayList<>(List.of(r.nextLong(), r.nextLong())))),
            (t, r) -> {
              if (t.f4 != null) {
                t.f4.add(7L);
              } else {
                t.f4 = new ArrayList<>();
              }
            }),
        new Case<>("Tuple3 nested tuple", Types.TUPLE(Types.INT, Types.TUPLE(Types.STRING, Types.STRING), Types.INSTANT),
            r -> Tuple3.of(r.nextInt(), maybeNull(r, Tuple2.of(string(r), maybeNull(r, string(r)))), maybeNull(r, Instant.ofEpochMilli(r.nextLong()))),
            (t, r) -> t.f0 = t.f0 + 1),
        new Case<>("Row named", Types.ROW_NAMED(new String[] {"id", "name", "score", "tags", "day"}, Types.LONG, Types.STRING, Types.DOUBLE, Types.LIST(Types.STRING), Types.LOCAL_DATE),
            r -> row(r), (row, r) -> row.setField(0, row.getField(0) == null ? 0L : (Long) row.getField(0) + 1)),
        new Case<>("Row 11 fields", Types.ROW(Types.INT, Types.INT, Types.INT, Types.INT, Types.INT, Types.INT, Types.INT, Types.INT, Types.INT, Types.STRING, Types.BYTE_ARRAY),
            SerializerRoundTripTest::wideRow, (row, r) -> row.setKind(row.getKind() == RowKind.DELETE ? RowKind.INSERT : RowKind.DELETE)),
        new Case<>("Record", TypeInfo.of(Order.class), TypeTestModel::order, (o, r) -> {
          if (o.tags() != null) {
            o.tags().add("x");
          }
        }),
        new Case<>("Generic record Pair<String,Order>", TypeInfo.of(new TypeHint<Pair<String, Order>>() {}),
            r -> new Pair<>(maybeNull(r, string(r)), maybeNull(r, order(r))), null),
        new Case<>("POJO", TypeInfo.of(Person.class), r -> person(r, 2), (p, r) -> p.setAge(p.getAge() + 1)),
        new Case<>("POJO nested mutable", TypeInfo.of(Person.class), r -> {
          Person p = person(r, 2);
          p.friends = new ArrayList<>(List.of(person(r, 0)));
          return p;
        }, (p, r) -> p.friends.get(0).name = "changed " + p.friends.get(0).name),
        new Case<>("package-private POJO", TypeInfo.of(Event.class), TypeTestModel::event, (e, r) -> e.timestamp++),
        new Case<>("POJO with generic superclass", TypeInfo.of(StringBox.class), r -> {
          StringBox b = new StringBox();
          b.value = maybeNull(r, string(r));
          b.extra = r.nextInt();
          return b;
        }, (b, r) -> b.extra++),
        new Case<>("recursive POJO", TypeInfo.of(Node.class), r -> Node.chain(r.ints(1 + r.nextInt(20)).toArray()), (n, r) -> n.next = null),
        new Case<>("List<String>", Types.LIST(Types.STRING), TypeTestModel::stringList, (l, r) -> l.add("x")),
        new Case<>("Map<String,Long>", Types.MAP(Types.STRING, Types.LONG), SerializerRoundTripTest::map, (m, r) -> m.put("new-key" + m.size(), 1L)),
        new Case<>("Set<Integer>", Types.SET(Types.INT), r -> {
          Set<Integer> s = new HashSet<>();
          r.ints(r.nextInt(30), -1000, 1000).forEach(s::add);
          if (r.nextInt(5) == 0) {
            s.add(null);
          }
          return s;
        }, (s, r) -> s.add(5000)),
        new Case<>("Map<String,List<Tuple2<Integer,String>>>", TypeInfo.of(new TypeHint<Map<String, List<Tuple2<Integer, String>>>>() {}),
            SerializerRoundTripTest::nestedMap, (m, r) -> m.values().stream().filter(Objects::nonNull).forEach(l -> l.add(Tuple2.of(1, "y")))),
        new Case<>("Generic<Object>", Types.GENERIC(Object.class), SerializerRoundTripTest::anyObject, null),
        new Case<>("imprecise Tuple2 (erased lambda)", Types.GENERIC(Tuple2.class),
            r -> Tuple2.of(maybeNull(r, string(r)), maybeNull(r, r.nextLong())), (t, r) -> t.f0 = "changed"),
        new Case<>("Serializable-only class", TypeInfo.of(SerializableOnly.class), r -> new SerializableOnly(maybeNull(r, string(r)), r.nextInt()), null));

    List<Arguments> args = new ArrayList<>();
    for (Case<?> c : cases) {
      for (long seed : SEEDS) {
        args.add(Arguments.of(Named.of(c.name(), c), seed));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  <T> void roundTripsEqualBytesAndIndependentCopies(Case<T> c, long seed) throws Exception {
    Random r = new Random(seed);
    TypeSerializer<T> ser = c.type().createSerializer();
    ByteArrayDataOutput stream = new ByteArrayDataOutput(16);
    List<T> values = new ArrayList<>();
    int effectiveMutations = 0;
    for (int i = 0; i < VALUES_PER_SEED; i++) {
      T v = c.generator().apply(r);
      values.add(v);
      byte[] bytes = ser.serializeToBytes(v);
      T back = ser.deserializeFromBytes(bytes);
      assertSameValue(back, v, c);
      assertThat(ser.serializeToBytes(back)).as("bytes of an equal value, %s", c.name()).isEqualTo(bytes);

      T copy = ser.copy(v);
      assertSameValue(copy, v, c);
      assertThat(ser.serializeToBytes(copy)).isEqualTo(bytes);
      if (c.mutate() != null && v != null) {
        assertThat(copy).isNotSameAs(v);
        c.mutate().accept(copy, r);
        if (!Objects.deepEquals(copy, back)) { // else the mutation had nothing to change (an empty array)
          effectiveMutations++;
          assertSameValue(v, back, c); // the original did not see the mutation of its copy
        }
      }
      ser.serialize(v, stream);
    }

    if (c.mutate() != null) {
      assertThat(effectiveMutations).as("copies mutated").isGreaterThan(VALUES_PER_SEED / 3);
    }

    // back to back in one buffer: every value reads exactly its own bytes
    byte[] all = stream.toByteArray();
    ByteArrayDataInput in = new ByteArrayDataInput(all);
    for (T v : values) {
      assertSameValue(ser.deserialize(in), v, c);
    }
    assertThat(in.available()).isZero();

    // the plain java.io path (no ByteArrayDataOutput fast paths) gives the same bytes
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream dos = new DataOutputStream(bos);
    for (T v : values) {
      ser.serialize(v, dos);
    }
    dos.flush();
    assertThat(bos.toByteArray()).isEqualTo(all);
    DataInputStream dis = new DataInputStream(new ByteArrayInputStream(all));
    for (T v : values) {
      assertSameValue(ser.deserialize(dis), v, c);
    }
    assertThat(dis.available()).isZero();

    // type info and serializer are shipped with the job graph by Java serialization
    TypeInfo<T> shippedType = InstantiationUtil.clone(c.type(), "type");
    assertThat(shippedType).isEqualTo(c.type()).hasSameHashCodeAs(c.type());
    TypeSerializer<T> shipped = InstantiationUtil.clone(ser, "serializer");
    for (T v : values.subList(0, 20)) {
      assertThat(shipped.serializeToBytes(v)).isEqualTo(ser.serializeToBytes(v));
      assertSameValue(shippedType.createSerializer().deserializeFromBytes(ser.serializeToBytes(v)), v, c);
    }
  }

  private static void assertSameValue(Object actual, Object expected, Case<?> c) {
    assertThat(Objects.deepEquals(actual, expected)).as("%s: expected %s but was %s", c.name(), abbreviate(expected), abbreviate(actual)).isTrue();
  }

  private static String abbreviate(Object o) {
    String s = o instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  static double anyDouble(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> -0.0;
      case 2 -> Double.NEGATIVE_INFINITY;
      case 3 -> Double.MIN_VALUE;
      default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
    };
  }

  static byte[] bytes(Random r) {
    byte[] b = new byte[r.nextInt(40)];
    r.nextBytes(b);
    return b;
  }

  /** Changes element 0 of a non-empty array; leaves an empty one alone. */
  static void mutateArray(Object a) {
    if (java.lang.reflect.Array.getLength(a) == 0) {
      return;
    }
    if (a instanceof byte[] b) {
      b[0]++;
    } else if (a instanceof int[] i) {
      i[0]++;
    } else if (a instanceof long[] l) {
      l[0]++;
    } else if (a instanceof double[] d) {
      d[0] = d[0] == 1.0 ? 2.0 : 1.0;
    } else if (a instanceof char[] c) {
      c[0]++;
    } else if (a instanceof String[] s) {
      s[0] = s[0] + "x";
    } else {
      throw new IllegalArgumentException(a.getClass().getName());
    }
  }

  static Row row(Random r) {
    RowKind kind = RowKind.values()[r.nextInt(4)];
    return Row.ofKind(kind, maybeNull(r, r.nextLong()), maybeNull(r, string(r)), maybeNull(r, anyDouble(r)),
        maybeNull(r, stringList(r)), maybeNull(r, LocalDate.ofEpochDay(r.nextInt(50_000))));
  }

  static Row wideRow(Random r) {
    Row row = new Row(RowKind.values()[r.nextInt(4)], 11);
    for (int i = 0; i < 9; i++) {
      row.setField(i, maybeNull(r, r.nextInt()));
    }
    row.setField(9, maybeNull(r, string(r)));
    row.setField(10, maybeNull(r, bytes(r)));
    return row;
  }

  static Map<String, Long> map(Random r) {
    Map<String, Long> m = new HashMap<>();
    int n = r.nextInt(20);
    for (int i = 0; i < n; i++) {
      m.put(maybeNull(r, string(r)), maybeNull(r, r.nextLong()));
    }
    return m;
  }

  static Map<String, List<Tuple2<Integer, String>>> nestedMap(Random r) {
    Map<String, List<Tuple2<Integer, String>>> m = new HashMap<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<Tuple2<Integer, String>> l = null;
      if (r.nextInt(5) > 0) {
        l = new ArrayList<>();
        for (int j = r.nextInt(4); j > 0; j--) {
          l.add(maybeNull(r, Tuple2.of(r.nextInt(), maybeNull(r, string(r)))));
        }
      }
      m.put(string(r), l);
    }
    return m;
  }

  /** Values of many runtime classes behind one Object type: each takes its own class-tagged path. */
  static Object anyObject(Random r) {
    return switch (r.nextInt(16)) {
      case 0 -> null;
      case 1 -> string(r);
      case 2 -> r.nextLong();
      case 3 -> r.nextInt();
      case 4 -> Tuple2.of(string(r), r.nextLong());
      case 5 -> order(r);
      case 6 -> person(r, 1);
      case 7 -> new ArrayList<>(List.of(r.nextInt(), r.nextInt()));
      case 8 -> new LinkedList<>(stringList(r));
      case 9 -> map(r);
      case 10 -> row(r);
      case 11 -> color(r);
      case 12 -> new UUID(r.nextLong(), r.nextLong());
      case 13 -> new SerializableOnly(string(r), r.nextInt());
      case 14 -> Node.chain(r.nextInt(), r.nextInt());
      default -> List.of(string(r), string(r)); // an immutable JDK list: read back as an ArrayList
    };
  }
}
