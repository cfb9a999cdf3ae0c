package io.weir.core.types;

import static io.weir.core.types.TypeTestModel.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeExtractorTest {

  // ------------------------------------------------------------------ classes and generic types

  @Test
  void basicTypesAndPrimitivesMapToTheirBoxes() {
    assertThat(TypeInfo.of(String.class)).isSameAs(Types.STRING);
    assertThat(TypeExtractor.forClass(long.class)).isEqualTo(Types.LONG);
    assertThat(TypeExtractor.forClass(int.class)).isEqualTo(Types.INT);
    assertThat(TypeExtractor.forClass(boolean.class)).isEqualTo(Types.BOOLEAN);
    assertThat(TypeInfo.of(BigDecimal.class)).isEqualTo(Types.BIG_DEC);
    assertThat(TypeInfo.of(Instant.class)).isEqualTo(Types.INSTANT);
    assertThat(TypeInfo.of(Void.class)).isEqualTo(Types.VOID);
    assertThat(TypeInfo.of(byte[].class)).isEqualTo(Types.BYTE_ARRAY);
    assertThat(TypeInfo.of(Color.class)).isInstanceOf(EnumTypeInfo.class);
    assertThat(Types.INT.getTypeClass()).isEqualTo(Integer.class);
  }

  @Test
  void recordComponentsInDeclarationOrder() {
    TypeInfo<Order> t = TypeInfo.of(Order.class);
    assertThat(t).isInstanceOf(RecordTypeInfo.class);
    RecordTypeInfo<Order> r = (RecordTypeInfo<Order>) t;
    assertThat(r.getFieldNames()).containsExactly("id", "amount", "tags", "address", "color");
    assertThat(r.getFieldTypes()).containsExactly(Types.STRING, Types.LONG, Types.LIST(Types.STRING),
        TypeInfo.of(Address.class), TypeInfo.of(Color.class));
    assertThat(t.isPrecise()).isTrue();
  }

  @Test
  void pojoFieldsSortedByNameIncludingGetterSetterFieldsButNotTransientOnes() {
    TypeInfo<Person> t = TypeInfo.of(Person.class);
    assertThat(t).isInstanceOf(PojoTypeInfo.class);
    PojoTypeInfo<Person> p = (PojoTypeInfo<Person>) t;
    assertThat(p.getFieldNames()).containsExactly("age", "friends", "home", "name", "scores");
    assertThat(p.getFieldType("scores")).isEqualTo(Types.MAP(Types.STRING, Types.LONG));
    assertThat(p.getFieldType("age")).isEqualTo(Types.INT);
    // List<Person> inside Person: the recursion stops with a class-tagged Person
    assertThat(p.getFieldType("friends")).isInstanceOf(ListTypeInfo.class);
    assertThat(((ListTypeInfo<?>) p.getFieldType("friends")).getElementType().getTypeClass()).isEqualTo(Person.class);
    assertThat(Types.POJO(Person.class)).isEqualTo(t);
  }

  @Test
  void packagePrivatePojoWithImplicitConstructorIsAPojo() {
    assertThat(TypeInfo.of(Event.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(((PojoTypeInfo<Event>) TypeInfo.of(Event.class)).getFieldNames()).containsExactly("key", "timestamp", "value");
  }

  @Test
  void tuplesThroughTypeHintAndFactoriesAreEqual() {
    TypeInfo<Tuple2<String, Long>> hinted = TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {});
    assertThat(hinted).isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
    assertThat(hinted.getTypeClass()).isEqualTo(Tuple2.class);
    assertThat(((TupleTypeInfo<?>) hinted).getFieldNames()).containsExactly("f0", "f1");
    assertThat(hinted.isPrecise()).isTrue();

    TypeInfo<Tuple3<Integer, List<String>, Map<String, Double>>> nested =
        TypeInfo.of(new TypeHint<Tuple3<Integer, List<String>, Map<String, Double>>>() {});
    assertThat(nested).isEqualTo(Types.TUPLE(Types.INT, Types.LIST(Types.STRING), Types.MAP(Types.STRING, Types.DOUBLE)));
  }

  @Test
  void rawTupleHasImpreciseFields() {
    TypeInfo<Tuple2> raw = TypeInfo.of(Tuple2.class);
    assertThat(raw).isInstanceOf(TupleTypeInfo.class);
    assertThat(raw.isPrecise()).isFalse();
  }

  @Test
  void genericFieldsResolvedFromTypeArgumentsAndSuperclasses() {
    PojoTypeInfo<?> box = (PojoTypeInfo<?>) TypeInfo.of(new TypeHint<Box<Long>>() {});
    assertThat(box.getFieldType("value")).isEqualTo(Types.LONG);
    assertThat(box.isPrecise()).isTrue();

    PojoTypeInfo<?> stringBox = (PojoTypeInfo<?>) TypeInfo.of(StringBox.class);
    assertThat(stringBox.getFieldNames()).containsExactly("extra", "value");
    assertThat(stringBox.getFieldType("value")).isEqualTo(Types.STRING);

    // erased: the type variable becomes a class-tagged Object and the type is imprecise
    PojoTypeInfo<?> rawBox = (PojoTypeInfo<?>) TypeInfo.of(Box.class);
    assertThat(rawBox.getFieldType("value")).isEqualTo(new GenericTypeInfo<>(Object.class, false));
    assertThat(rawBox.isPrecise()).isFalse();

    RecordTypeInfo<?> pair = (RecordTypeInfo<?>) TypeInfo.of(new TypeHint<Pair<String, List<Order>>>() {});
    assertThat(pair.getFieldTypes()).containsExactly(Types.STRING, Types.LIST(TypeInfo.of(Order.class)));
  }

  @Test
  void collectionsArraysAndDeclaredCollectionClasses() {
    assertThat(TypeInfo.of(new TypeHint<List<String>>() {})).isEqualTo(Types.LIST(Types.STRING));
    assertThat(TypeInfo.of(new TypeHint<Map<String, List<Long>>>() {})).isEqualTo(Types.MAP(Types.STRING, Types.LIST(Types.LONG)));
    assertThat(TypeInfo.of(new TypeHint<Set<Integer>>() {})).isEqualTo(Types.SET(Types.INT));
    assertThat(TypeInfo.of(String[].class)).isEqualTo(Types.OBJECT_ARRAY(Types.STRING));
    assertThat(TypeInfo.of(new TypeHint<List<String>[]>() {})).isInstanceOf(ObjectArrayTypeInfo.class);

    // a concrete declared class is what comes back
    TypeInfo<LinkedList<String>> linked = TypeInfo.of(new TypeHint<LinkedList<String>>() {});
    assertThat(linked.createSerializer().deserializeFromBytes(linked.createSerializer().serializeToBytes(new LinkedList<>(List.of("a")))))
        .isInstanceOf(LinkedList.class).containsExactly("a");
    TypeInfo<TreeMap<String, Integer>> tree = TypeInfo.of(new TypeHint<TreeMap<String, Integer>>() {});
    TreeMap<String, Integer> m = new TreeMap<>(Map.of("b", 2, "a", 1));
    assertThat(tree.createSerializer().deserializeFromBytes(tree.createSerializer().serializeToBytes(m))).isInstanceOf(TreeMap.class).isEqualTo(m);
  }

  @Test
  void recursiveTypesTerminateAndRoundTrip() {
    TypeInfo<Node> t = TypeInfo.of(Node.class);
    assertThat(((PojoTypeInfo<Node>) t).getFieldType("next")).isEqualTo(new GenericTypeInfo<>(Node.class, true));
    int[] values = new int[500];
    Arrays.setAll(values, i -> i * 7);
    Node chain = Node.chain(values);
    TypeSerializer<Node> ser = t.createSerializer();
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(chain))).isEqualTo(chain);

    PojoTypeInfo<Parent> parent = (PojoTypeInfo<Parent>) TypeInfo.of(Parent.class);
    assertThat(parent.getFieldNames()).containsExactly("children", "name");
    Parent p = new Parent();
    p.name = "p";
    Child c = new Child();
    c.name = "c";
    p.children = new ArrayList<>(List.of(c));
    Parent back = parent.createSerializer().deserializeFromBytes(parent.createSerializer().serializeToBytes(p));
    assertThat(back.children).hasSize(1);
    assertThat(back.children.get(0).name).isEqualTo("c");
  }

  @Test
  void serializableClassThatIsNeitherRecordNorPojoFallsBackToJavaSerialization() {
    TypeInfo<SerializableOnly> t = TypeInfo.of(SerializableOnly.class);
    assertThat(t).isInstanceOf(GenericTypeInfo.class);
    SerializableOnly v = new SerializableOnly("x", 3);
    assertThat(t.createSerializer().deserializeFromBytes(t.createSerializer().serializeToBytes(v))).isEqualTo(v);
  }

  @Test
  void objectAndSerializableInterfacesAreClassTagged() {
    assertThat(TypeInfo.of(Object.class)).isInstanceOf(GenericTypeInfo.class);
    assertThat(TypeInfo.of(Serializable.class)).isInstanceOf(GenericTypeInfo.class);
    assertThat(TypeInfo.of(Number.class)).isInstanceOf(GenericTypeInfo.class);
    TypeSerializer<Number> ser = TypeInfo.of(Number.class).createSerializer();
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(42L))).isEqualTo(42L);
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(new BigDecimal("1.50")))).isEqualTo(new BigDecimal("1.50"));
  }

  // ------------------------------------------------------------------ unsupported types

  @Test
  void threadFieldIsABuildTimeErrorNamingClassAndField() {
    assertThatThrownBy(() -> TypeInfo.of(WithThread.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot serialize type " + WithThread.class.getName() + ": field 'worker' of type java.lang.Thread")
        .hasMessageEndingWith("(use a record, a POJO with a public no-arg constructor, or make it Serializable)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void privateFinalFieldIsNamed() {
    assertThatThrownBy(() -> TypeInfo.of(WithLock.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WithLock.class.getName())
        .hasMessageContaining("field 'lock' of type java.lang.Object is private and final");
  }

  @Test
  void missingNoArgConstructorIsNamed() {
    assertThatThrownBy(() -> TypeInfo.of(NoDefaultConstructor.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NoDefaultConstructor.class.getName())
        .hasMessageContaining("no no-arg constructor");
  }

  @Test
  void interfaceWithoutImplementationIsRejectedAlsoAsAField() {
    assertThatThrownBy(() -> TypeInfo.of(Shape.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot serialize type " + Shape.class.getName() + ": it is an interface");
    assertThatThrownBy(() -> TypeInfo.of(WithInterfaceField.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'shape' of type " + Shape.class.getName() + ": it is an interface");
  }

  @Test
  void nestedProblemShowsThePath() {
    assertThatThrownBy(() -> TypeInfo.of(NestedBad.class))
        .hasMessageContaining("Cannot serialize type " + NestedBad.class.getName()
            + ": field 'inner' of type " + WithThread.class.getName() + ": field 'worker' of type java.lang.Thread");
    assertThatThrownBy(() -> TypeInfo.of(new TypeHint<List<WithThread>>() {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pojoFactoryRejectsNonPojoWithReason() {
    assertThatThrownBy(() -> Types.POJO(SerializableOnly.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SerializableOnly.class.getName())
        .hasMessageContaining("field 'a' of type java.lang.String is private and final");
  }

  @Test
  void nonSerializableValueBehindAnObjectTypeFailsAtRuntimeWithTheClassName() {
    TypeSerializer<Object> ser = Types.GENERIC(Object.class).createSerializer();
    assertThatThrownBy(() -> ser.serializeToBytes(new WithThread()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WithThread.class.getName())
        .hasMessageContaining("'worker'");
  }

  // ------------------------------------------------------------------ factories and field access

  @Test
  void typesFactories() {
    TypeInfo<Row> row = Types.ROW_NAMED(new String[] {"word", "count"}, Types.STRING, Types.LONG);
    assertThat(((RowTypeInfo) row).getFieldNames()).containsExactly("word", "count");
    assertThat(((RowTypeInfo) row).getFieldTypes()).containsExactly(Types.STRING, Types.LONG);
    assertThat(((RowTypeInfo) Types.ROW(Types.INT, Types.INT)).getFieldNames()).containsExactly("f0", "f1");
    assertThat(Types.GENERIC(Order.class).isPrecise()).isFalse();
    assertThat(Types.GENERIC(Order.class).getTypeClass()).isEqualTo(Order.class);
    assertThatThrownBy(() -> Types.ROW_NAMED(new String[] {"a"}, Types.INT, Types.INT))
        .hasMessageContaining("1 field names but 2 field types");
    assertThatThrownBy(() -> Types.TUPLE(Types.INT)).hasMessageContaining("2 to 5");
    assertThat(Types.ROW(Types.INT)).isNotEqualTo(Types.ROW_NAMED(new String[] {"x"}, Types.INT));
    assertThat(Types.TUPLE(Types.INT, Types.STRING)).isNotEqualTo(Types.TUPLE(Types.STRING, Types.INT));
  }

  @Test
  void compositeFieldAccessByName() {
    TupleTypeInfo<Tuple2<String, Long>> tuple = (TupleTypeInfo<Tuple2<String, Long>>) TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {});
    Tuple2<String, Long> t = Tuple2.of("a", 1L);
    assertThat(tuple.getFieldIndex("f1")).isEqualTo(1);
    assertThat(tuple.getFieldIndex("1")).isEqualTo(1);
    assertThat(tuple.getFieldIndex("f2")).isEqualTo(-1);
    assertThat(tuple.setFieldValue(t, 1, 5L)).isSameAs(t);
    assertThat(t.f1).isEqualTo(5L);

    RecordTypeInfo<Order> record = (RecordTypeInfo<Order>) TypeInfo.of(Order.class);
    Order o = new Order("id", 10, List.of(), null, Color.RED);
    int amount = record.getFieldIndex("amount");
    assertThat(record.getFieldValue(o, amount)).isEqualTo(10L);
    Order updated = record.setFieldValue(o, amount, 11L);
    assertThat(updated).isEqualTo(new Order("id", 11, List.of(), null, Color.RED));
    assertThat(o.amount()).isEqualTo(10); // records are immutable: a new instance

    PojoTypeInfo<Person> pojo = (PojoTypeInfo<Person>) TypeInfo.of(Person.class);
    Person p = new Person();
    pojo.setFieldValue(p, pojo.getFieldIndex("age"), 33);
    assertThat(p.getAge()).isEqualTo(33);
    assertThat(pojo.getFieldValue(p, pojo.getFieldIndex("age"))).isEqualTo(33);
    assertThatThrownBy(() -> pojo.getFieldType("nope")).hasMessageContaining("no field 'nope'").hasMessageContaining("age");

    RowTypeInfo row = (RowTypeInfo) Types.ROW_NAMED(new String[] {"word", "count"}, Types.STRING, Types.LONG);
    Row r = Row.of("w", 1L);
    row.setFieldValue(r, row.getFieldIndex("count"), 2L);
    assertThat(r).isEqualTo(Row.of("w", 2L));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17})
  void rowArityMismatchIsReportedAndNullMaskCoversAllFields(int arity) {
    TypeInfo<?>[] types = new TypeInfo<?>[arity];
    Arrays.fill(types, Types.INT);
    TypeSerializer<Row> ser = Types.ROW(types).createSerializer();
    Row r = new Row(RowKind.UPDATE_AFTER, arity);
    for (int i = 0; i < arity; i += 2) {
      r.setField(i, i);
    }
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(r))).isEqualTo(r);
    assertThatThrownBy(() -> ser.serializeToBytes(new Row(arity + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has " + (arity + 1) + " fields but its type declares " + arity);
  }

  @Test
  void fieldValueOfTheWrongClassIsNamed() {
    TypeSerializer<Row> rows = Types.ROW(Types.STRING, Types.LONG).createSerializer();
    assertThatThrownBy(() -> rows.serializeToBytes(Row.of("a", "not a long")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row field 1 holds a java.lang.String");
    TypeSerializer<Tuple2<String, Long>> tuples = Types.<Tuple2<String, Long>>TUPLE(Types.STRING, Types.LONG).createSerializer();
    Tuple2 wrong = Tuple2.of(1, 2L);
    assertThatThrownBy(() -> tuples.serializeToBytes(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tuple field f0 holds a java.lang.Integer");
  }

  @Test
  void equalHashCollectionsWithDifferentIterationOrderGiveEqualBytes() {
    TypeSerializer<Map<String, Integer>> mapSer = Types.MAP(Types.STRING, Types.INT).createSerializer();
    TypeSerializer<Set<Long>> setSer = Types.SET(Types.LONG).createSerializer();
    Map<String, Integer> a = new HashMap<>();
    Map<String, Integer> b = new HashMap<>(1024); // other capacity: other iteration order
    Set<Long> sa = new java.util.HashSet<>();
    Set<Long> sb = new java.util.LinkedHashSet<>();
    for (int i = 0; i < 200; i++) {
      a.put("k" + i, i);
      sa.add((long) i * 1_000_003);
    }
    for (int i = 199; i >= 0; i--) {
      b.put("k" + i, i);
      sb.add((long) i * 1_000_003);
    }
    assertThat(a).isEqualTo(b);
    assertThat(new ArrayList<>(a.keySet())).isNotEqualTo(new ArrayList<>(b.keySet()));
    assertThat(mapSer.serializeToBytes(a)).isEqualTo(mapSer.serializeToBytes(b));
    assertThat(new ArrayList<>(sa)).isNotEqualTo(new ArrayList<>(sb));
    assertThat(setSer.serializeToBytes(sa)).isEqualTo(setSer.serializeToBytes(sb));
    // and through a class-tagged type: a Map.of comes back as a HashMap with the same bytes
    TypeSerializer<Object> generic = Types.GENERIC(Object.class).createSerializer();
    Map<String, Integer> immutable = Map.of("x", 1, "y", 2, "z", 3);
    byte[] bytes = generic.serializeToBytes(immutable);
    Object back = generic.deserializeFromBytes(bytes);
    assertThat(back).isEqualTo(immutable).isInstanceOf(HashMap.class);
    assertThat(generic.serializeToBytes(back)).isEqualTo(bytes);
  }

  @Test
  void stringsBeyondWriteUtfLimitAndLoneSurrogates() {
    String big = "\u00e9\u4e2d\ud800x".repeat(40_000);
    TypeSerializer<String> ser = Types.STRING.createSerializer();
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(big))).isEqualTo(big);
    assertThat(ser.serializeToBytes("abc")).hasSize(4); // varint length + 1 byte per ASCII char
  }
}
