package io.weir.sql.runtime.aggregate;

import io.weir.core.util.InstantiationUtil;

import io.weir.core.types.Row;
import io.weir.sql.functions.AggregateFunction;
import io.weir.sql.functions.FunctionContext;
import io.weir.sql.runtime.functions.UserAggregateCall;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.util.List;

/**
 * A user {@link AggregateFunction} behind the {@link AggFunction} contract: receives the whole
 * input row, passes the argument fields (converted to the overload's parameter classes; NULLs
 * included) to {@code accumulate}/{@code retract} through method handles, and stores accumulators
 * with Java serialization.
 */
final class UserAggFunction extends AggFunction {
  private final UserAggregateCall call;
  private transient MethodHandle accumulate;
  private transient MethodHandle retract;
  private transient MethodHandle merge;
  private transient boolean opened;

  private final Class<?>[] parameterClasses;

  UserAggFunction(UserAggregateCall call, io.weir.core.types.RowTypeInfo inputType) {
    this.call = call;
    java.lang.reflect.Method m = accumulateMethod(call, inputType);
    this.parameterClasses = java.util.Arrays.copyOfRange(m.getParameterTypes(), 1, m.getParameterCount());
  }

  /** The {@code accumulate} overload for the argument fields' types. */
  static java.lang.reflect.Method accumulateMethod(UserAggregateCall call, io.weir.core.types.RowTypeInfo inputType) {
    int[] idx = call.argIndexes();
    Class<?>[] argClasses = new Class<?>[idx.length];
    for (int i = 0; i < idx.length; i++) {
      argClasses[i] = inputType.getFieldType(idx[i]).getTypeClass();
    }
    io.weir.sql.functions.FunctionDefinition d = io.weir.sql.functions.FunctionDefinition.of(call.name(), call.function().getClass());
    java.lang.reflect.Method m = d.resolveJava(argClasses);
    if (m == null || m.isVarArgs()) {
      throw new IllegalArgumentException("user aggregate function '" + call.name() + "' has no (non-varargs) accumulate method for "
          + java.util.Arrays.toString(argClasses));
    }
    return m;
  }

  /** The public method {@code name} of {@code c} with the accumulate overload's parameters, or null. */
  static java.lang.reflect.Method sibling(Class<?> c, String name, java.lang.reflect.Method accumulate) {
    for (java.lang.reflect.Method m : c.getMethods()) {
      if (m.getName().equals(name) && java.util.Arrays.equals(m.getParameterTypes(), accumulate.getParameterTypes())) {
        return m;
      }
    }
    return null;
  }

  /** The call's function instance, opened: generated code calls its accumulate/retract directly. */
  @Override
  public Object target() {
    return fn();
  }

  String name() {
    return call.name();
  }

  @SuppressWarnings("unchecked")
  private AggregateFunction<Object, Object> fn() {
    AggregateFunction<Object, Object> f = (AggregateFunction<Object, Object>) call.function();
    if (!opened) {
      opened = true;
      try {
        f.open(new FunctionContext(call.name()));
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> c = f.getClass();
        Class<?>[] params = parameterClasses;
        accumulate = find(lookup, c, "accumulate", params);
        if (call.hasRetract()) {
          try {
            retract = find(lookup, c, "retract", params);
          } catch (NoSuchMethodException e) {
            retract = null; // no retract for this overload: retract() reports it
          }
        }
        if (call.hasMerge()) {
          for (java.lang.reflect.Method m : c.getMethods()) {
            if (m.getName().equals("merge") && m.getParameterCount() == 2 && Iterable.class.isAssignableFrom(m.getParameterTypes()[1])) {
              merge = lookup.unreflect(m);
            }
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("user aggregate function '" + call.name() + "' failed to open: " + e, e);
      }
    }
    return f;
  }

  private static MethodHandle find(MethodHandles.Lookup lookup, Class<?> c, String name, Class<?>[] params) throws ReflectiveOperationException {
    for (java.lang.reflect.Method m : c.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == params.length + 1
          && java.util.Arrays.equals(java.util.Arrays.copyOfRange(m.getParameterTypes(), 1, m.getParameterCount()), params)) {
        return lookup.unreflect(m);
      }
    }
    throw new NoSuchMethodException(name + java.util.Arrays.toString(params));
  }

  @Override
  public Object createAccumulator() {
    return fn().createAccumulator();
  }

  private void invoke(MethodHandle h, Object acc, Row row) {
    int[] idx = call.argIndexes();
    Object[] args = new Object[idx.length + 2];
    args[0] = call.function();
    args[1] = acc;
    Class<?>[] params = parameterClasses;
    for (int i = 0; i < idx.length; i++) {
      Object v = row.getField(idx[i]);
      if (v == null && params[i].isPrimitive()) {
        return; // like a strict call: a NULL cannot reach a primitive parameter
      }
      args[i + 2] = convert(v, params[i]);
    }
    try {
      h.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("user aggregate function '" + call.name() + "' failed: " + t, t);
    }
  }

  static Object convert(Object v, Class<?> target) {
    if (v == null || !(v instanceof Number n)) {
      return v;
    }
    Class<?> t = io.weir.sql.functions.FunctionDefinition.boxed(target);
    if (t.isInstance(v)) {
      return v;
    }
    if (t == Long.class) {
      return n.longValue();
    } else if (t == Integer.class) {
      return n.intValue();
    } else if (t == Double.class) {
      return n.doubleValue();
    } else if (t == Float.class) {
      return n.floatValue();
    } else if (t == Short.class) {
      return n.shortValue();
    } else if (t == BigDecimal.class) {
      return new BigDecimal(n.toString());
    }
    return v;
  }

  @Override
  public void accumulate(Object acc, Object value) {
    fn();
    invoke(accumulate, acc, (Row) value);
  }

  @Override
  public void retract(Object acc, Object value) {
    fn();
    if (retract == null) {
      throw new IllegalStateException("user aggregate function '" + call.name() + "' has no retract method");
    }
    invoke(retract, acc, (Row) value);
  }

  @Override
  public void merge(Object acc, Object other) {
    fn();
    if (merge == null) {
      throw new IllegalStateException("user aggregate function '" + call.name()
          + "' has no merge(ACC, Iterable<ACC>) method, needed by this plan");
    }
    try {
      merge.invoke(call.function(), acc, (Iterable<?>) List.of(other));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("user aggregate function '" + call.name() + "' failed in merge: " + t, t);
    }
  }

  @Override
  public Object getValue(Object acc) {
    return fn().getValue(acc);
  }

  @Override
  public boolean ignoresNulls() {
    return false;
  }

  @Override
  public void serialize(Object acc, DataOutput out) throws IOException {
    byte[] b;
    try {
      b = InstantiationUtil.serialize(acc);
    } catch (java.io.NotSerializableException e) {
      throw new IllegalStateException("the accumulator of user aggregate function '" + call.name()
          + "' is not serializable: " + e.getMessage(), e);
    }
    out.writeInt(b.length);
    out.write(b);
  }

  @Override
  public Object deserialize(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    try {
      return InstantiationUtil.deserialize(b, call.function().getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IOException("cannot read an accumulator of '" + call.name() + "': " + e, e);
    }
  }
}
