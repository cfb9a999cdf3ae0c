package io.weir.connectors.file;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of a Java record or POJO, in declaration order, with a way to build an instance from
 * field values and to read them back. Records use the canonical constructor; POJOs need a public
 * no-arg constructor and, per field, public access or a public getter/setter pair.
 */
final class BeanModel<T> {
  final Class<T> type;
  final List<Prop> props;
  private final Constructor<T> constructor;

  /** One field. */
  static final class Prop {
    final String name;
    final Class<?> rawType;
    final Type genericType;
    private final Field field;
    private final Method getter;
    private final Method setter;

    Prop(String name, Class<?> rawType, Type genericType, Field field, Method getter, Method setter) {
      this.name = name;
      this.rawType = rawType;
      this.genericType = genericType;
      this.field = field;
      this.getter = getter;
      this.setter = setter;
    }

    Object get(Object bean) throws ReflectiveOperationException {
      return getter != null ? getter.invoke(bean) : field.get(bean);
    }

    void set(Object bean, Object value) throws ReflectiveOperationException {
      if (setter != null) {
        setter.invoke(bean, value);
      } else {
        field.set(bean, value);
      }
    }
  }

  private BeanModel(Class<T> type, List<Prop> props, Constructor<T> constructor) {
    this.type = type;
    this.props = props;
    this.constructor = constructor;
  }

  /** @param who names the API in error messages, e.g. "CsvFormat.forType" */
  static <T> BeanModel<T> of(Class<T> type, String who) {
    if (type.isRecord()) {
      return ofRecord(type, who);
    }
    if (type.isPrimitive() || type.isArray() || type.isInterface() || Modifier.isAbstract(type.getModifiers())
        || type.getName().startsWith("java.")) {
      throw new IllegalArgumentException(
          who + "(" + type.getName() + "): not a Java record or POJO");
    }
    return ofPojo(type, who);
  }

  private static <T> BeanModel<T> ofRecord(Class<T> type, String who) {
    RecordComponent[] comps = type.getRecordComponents();
    Class<?>[] types = new Class<?>[comps.length];
    List<Prop> props = new ArrayList<>();
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      Method acc = comps[i].getAccessor();
      acc.trySetAccessible();
      props.add(new Prop(comps[i].getName(), comps[i].getType(), comps[i].getGenericType(), null, acc, null));
    }
    try {
      Constructor<T> c = type.getDeclaredConstructor(types);
      c.trySetAccessible();
      return new BeanModel<>(type, List.copyOf(props), c);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(who + "(" + type.getName() + "): record has no canonical constructor", e);
    }
  }

  private static <T> BeanModel<T> ofPojo(Class<T> type, String who) {
    Constructor<T> ctor;
    try {
      ctor = type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          who + "(" + type.getName() + "): a POJO needs a public no-arg constructor (or use a Java record)");
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw new IllegalArgumentException(
          who + "(" + type.getName() + "): an inner class cannot be instantiated; make it static");
    }
    ctor.trySetAccessible();
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    List<Prop> props = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
          continue;
        }
        String cap = f.getName().substring(0, 1).toUpperCase(Locale.ROOT) + f.getName().substring(1);
        Method getter = findMethod(type, "get" + cap, f.getType());
        if (getter == null && (f.getType() == boolean.class || f.getType() == Boolean.class)) {
          getter = findMethod(type, "is" + cap, f.getType());
        }
        Method setter = null;
        for (Method mm : type.getMethods()) {
          if (mm.getName().equals("set" + cap) && mm.getParameterCount() == 1
              && mm.getParameterTypes()[0] == f.getType()) {
            setter = mm;
          }
        }
        boolean publicField = Modifier.isPublic(m) && !Modifier.isFinal(m);
        if (!publicField && (getter == null || setter == null)) {
          throw new IllegalArgumentException(
              who + "(" + type.getName() + "): field '" + f.getName()
                  + "' is neither public nor has a public getter and setter");
        }
        if (publicField) {
          f.trySetAccessible();
        }
        props.add(new Prop(f.getName(), f.getType(), f.getGenericType(), publicField ? f : null,
            getter != null && setter != null ? getter : null, getter != null && setter != null ? setter : null));
      }
    }
    if (props.isEmpty()) {
      throw new IllegalArgumentException(who + "(" + type.getName() + "): the class has no fields");
    }
    return new BeanModel<>(type, List.copyOf(props), ctor);
  }

  private static Method findMethod(Class<?> type, String name, Class<?> returnType) {
    try {
      Method m = type.getMethod(name);
      return m.getReturnType() == returnType ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  String[] names() {
    return props.stream().map(p -> p.name).toArray(String[]::new);
  }

  T create(Object[] values) throws ReflectiveOperationException {
    try {
      if (type.isRecord()) {
        return constructor.newInstance(values);
      }
      T bean = constructor.newInstance();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          props.get(i).set(bean, values[i]);
        }
      }
      return bean;
    } catch (InvocationTargetException e) {
      // A record's compact constructor may validate; its message is the user's explanation.
      Throwable c = e.getCause();
      throw new ReflectiveOperationException(c.getClass().getSimpleName() + ": " + c.getMessage(), c);
    }
  }

  Object get(T bean, int index) throws ReflectiveOperationException {
    return props.get(index).get(bean);
  }
}
