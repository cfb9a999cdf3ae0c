package io.weir.core.types;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/** Record, POJO and enum types shared by the type tests, plus random value generators. */
final class TypeTestModel {
  private TypeTestModel() {}

  enum Color {
    RED,
    GREEN,
    // a constant with a body is an anonymous subclass of the enum
    BLUE {
      @Override
      public String toString() {
        return "blue!";
      }
    }
  }

  record Address(String city, int zip) {}

  record Order(String id, long amount, List<String> tags, Address address, Color color) {}

  record Pair<A, B>(A first, B second) {}

  /** POJO: public fields, a private field with getter/setter, nested POJO list (recursive type). */
  public static class Person {
    public String name;
    private int age;
    private Map<String, Long> scores;
    public Address home;
    public List<Person> friends;
    public transient String cached = "not serialized";

    public int getAge() {
      return age;
    }

    public void setAge(int age) {
      this.age = age;
    }

    public Map<String, Long> getScores() {
      return scores;
    }

    public void setScores(Map<String, Long> scores) {
      this.scores = scores;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Person p && Objects.equals(name, p.name) && age == p.age && Objects.equals(scores, p.scores)
          && Objects.equals(home, p.home) && Objects.equals(friends, p.friends);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, age, scores, home);
    }

    @Override
    public String toString() {
      return "Person{" + name + "," + age + "," + scores + "," + home + "," + friends + "}";
    }
  }

  /** A package-private POJO with the implicit (package-private) constructor. */
  static class Event {
    public String key;
    public long timestamp;
    public double value;

    @Override
    public boolean equals(Object o) {
      return o instanceof Event e && Objects.equals(key, e.key) && timestamp == e.timestamp
          && Double.compare(value, e.value) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, timestamp, value);
    }

    @Override
    public String toString() {
      return "Event{" + key + "," + timestamp + "," + value + "}";
    }
  }

  public static class Box<T> {
    public T value;

    @Override
    public boolean equals(Object o) {
      return o instanceof Box<?> b && b.getClass() == getClass() && Objects.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }
  }

  public static class StringBox extends Box<String> {
    public int extra;

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && ((StringBox) o).extra == extra;
    }

    @Override
    public int hashCode() {
      return super.hashCode() * 31 + extra;
    }
  }

  /** Recursive: a linked list. */
  public static class Node {
    public int value;
    public Node next;

    static Node chain(int... values) {
      Node head = null;
      for (int i = values.length - 1; i >= 0; i--) {
        Node n = new Node();
        n.value = values[i];
        n.next = head;
        head = n;
      }
      return head;
    }

    @Override
    public boolean equals(Object o) {
      Node a = this;
      Object b = o;
      while (a != null) {
        if (!(b instanceof Node n) || n.value != a.value) {
          return false;
        }
        a = a.next;
        b = n.next;
      }
      return b == null;
    }

    @Override
    public int hashCode() {
      return value;
    }

    @Override
    public String toString() {
      return value + (next == null ? "" : "->" + next);
    }
  }

  /** Mutually recursive with {@link Child}. */
  public static class Parent {
    public String name;
    public List<Child> children;
  }

  public static class Child {
    public String name;
    public Parent parent;
  }

  /** Neither record nor POJO (final fields, no no-arg constructor), but Serializable. */
  static final class SerializableOnly implements Serializable {
    private final String a;
    private final int b;

    SerializableOnly(String a, int b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SerializableOnly s && Objects.equals(a, s.a) && b == s.b;
    }

    @Override
    public int hashCode() {
      return Objects.hash(a, b);
    }

    @Override
    public String toString() {
      return "SerializableOnly(" + a + "," + b + ")";
    }
  }

  // ------------------------------------------------------------------ unsupported types

  static class WithThread {
    public String name;
    public Thread worker;
  }

  static class WithLock {
    public String name;
    private final Object lock = new Object();
  }

  static class NoDefaultConstructor {
    public String name;

    NoDefaultConstructor(String name) {
      this.name = name;
    }
  }

  interface Shape {
    double area();
  }

  static class WithInterfaceField {
    public Shape shape;
  }

  static class NestedBad {
    public String id;
    public WithThread inner;
  }

  // ------------------------------------------------------------------ random values

  static <T> T maybeNull(Random r, T value) {
    return r.nextInt(7) == 0 ? null : value;
  }

  static String string(Random r) {
    int kind = r.nextInt(100);
    // now and then longer than writeUTF's 64 KiB limit
    int len = kind < 10 ? 0 : r.nextInt(300) == 0 ? 70_000 + r.nextInt(100) : r.nextInt(24);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int range = r.nextInt(10);
      char c;
      if (range < 6) {
        c = (char) (0x20 + r.nextInt(0x5F));
      } else if (range < 7) {
        c = (char) r.nextInt(0x80); // includes \0
      } else if (range < 8) {
        c = (char) (0x80 + r.nextInt(0x780));
      } else if (range < 9) {
        c = (char) (0x800 + r.nextInt(0x3800));
      } else {
        c = (char) (0x4000 + r.nextInt(0xC000)); // CJK, surrogates, private use
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static Address address(Random r) {
    return new Address(maybeNull(r, string(r)), r.nextInt());
  }

  static List<String> stringList(Random r) {
    int n = r.nextInt(5);
    List<String> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(maybeNull(r, string(r)));
    }
    return l;
  }

  static Color color(Random r) {
    return Color.values()[r.nextInt(3)];
  }

  static Order order(Random r) {
    return new Order(maybeNull(r, string(r)), r.nextLong(), maybeNull(r, stringList(r)), maybeNull(r, address(r)),
        maybeNull(r, color(r)));
  }

  static Person person(Random r, int depth) {
    Person p = new Person();
    p.name = maybeNull(r, string(r));
    p.setAge(r.nextInt(120));
    if (r.nextBoolean()) {
      Map<String, Long> scores = new HashMap<>();
      int n = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        scores.put(maybeNull(r, string(r)), maybeNull(r, r.nextLong()));
      }
      p.setScores(scores);
    }
    p.home = maybeNull(r, address(r));
    if (depth > 0 && r.nextBoolean()) {
      p.friends = new ArrayList<>();
      int n = r.nextInt(3);
      for (int i = 0; i < n; i++) {
        p.friends.add(maybeNull(r, person(r, depth - 1)));
      }
    }
    return p;
  }

  static Event event(Random r) {
    Event e = new Event();
    e.key = maybeNull(r, string(r));
    e.timestamp = r.nextLong();
    e.value = r.nextDouble();
    return e;
  }
}
