package io.weir.runtime.state;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the state and timer implementations. */
public final class StateUtils {
  private StateUtils() {}

  /**
   * Rethrows any throwable unchanged, also checked ones, from a method that cannot declare them
   * (state and key-change callbacks run user code). Keeping the user's own exception class matters:
   * the runtime puts it into the job failure message.
   */
  public static RuntimeException rethrow(Throwable t) {
    return StateUtils.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /** Serializer of the ArrayList a list state keeps per key and namespace. */
  static <T> TypeSerializer<List<T>> listSerializer(TypeSerializer<T> elements) {
    return new ListSerializer<>(elements);
  }

  /** Serializer of the HashMap a map state keeps per key and namespace; values may be null. */
  static <K, V> TypeSerializer<Map<K, V>> mapSerializer(TypeSerializer<K> keys, TypeSerializer<V> values) {
    return new MapSerializer<>(keys, values);
  }

  static final class ListSerializer<T> implements TypeSerializer<List<T>> {
    private final TypeSerializer<T> elements;

    ListSerializer(TypeSerializer<T> elements) {
      this.elements = elements;
    }

    @Override
    public void serialize(List<T> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (T t : value) {
        elements.serialize(t, out);
      }
    }

    @Override
    public List<T> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      List<T> list = new ArrayList<>(Math.max(n, 4));
      for (int i = 0; i < n; i++) {
        list.add(elements.deserialize(in));
      }
      return list;
    }

    @Override
    public List<T> copy(List<T> value) {
      List<T> list = new ArrayList<>(value.size());
      for (T t : value) {
        list.add(elements.copy(t));
      }
      return list;
    }
  }

  static final class MapSerializer<K, V> implements TypeSerializer<Map<K, V>> {
    private final TypeSerializer<K> keys;
    private final TypeSerializer<V> values;

    MapSerializer(TypeSerializer<K> keys, TypeSerializer<V> values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public void serialize(Map<K, V> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (Map.Entry<K, V> e : value.entrySet()) {
        keys.serialize(e.getKey(), out);
        if (e.getValue() == null) {
          out.writeBoolean(false);
        } else {
          out.writeBoolean(true);
          values.serialize(e.getValue(), out);
        }
      }
    }

    @Override
    public Map<K, V> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      Map<K, V> map = new HashMap<>(Math.max(4, (int) (n / 0.75f) + 1));
      for (int i = 0; i < n; i++) {
        K k = keys.deserialize(in);
        V v = in.readBoolean() ? values.deserialize(in) : null;
        map.put(k, v);
      }
      return map;
    }

    @Override
    public Map<K, V> copy(Map<K, V> value) {
      Map<K, V> map = new HashMap<>();
      for (Map.Entry<K, V> e : value.entrySet()) {
        map.put(keys.copy(e.getKey()), e.getValue() == null ? null : values.copy(e.getValue()));
      }
      return map;
    }
  }
}
