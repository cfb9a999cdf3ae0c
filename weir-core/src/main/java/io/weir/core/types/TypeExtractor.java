package io.weir.core.types;

import io.weir.core.functions.Function;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives {@link TypeInfo} from classes, generic types and user functions.
 *
 * <p>Supported, in this order: primitives and their boxes, String, BigDecimal/BigInteger, java.time
 * values, Date, Void; primitive and object arrays; enums; {@code Tuple2..5}; {@code Row} (only as
 * an imprecise type: its fields are unknown); List/Set/Map; records; POJOs (a non-private no-arg
 * constructor, every non-static non-transient field public or with a public getter and setter);
 * then any other {@code Serializable} class, interface or abstract class (class-tagged values).
 * Anything else fails with an {@link IllegalArgumentException} naming the class and the field
 * that cannot be handled. Type variables that cannot be resolved become imprecise generic types.
 */
public final class TypeExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(TypeExtractor.class);
  private static final String HINT =
      " (use a record, a POJO with a public no-arg constructor, or make it Serializable)";

  private TypeExtractor() {}

  @SuppressWarnings("unchecked")
  public static <T> TypeInfo<T> forClass(Class<T> type) {
    return (TypeInfo<T>) forType(type);
  }

  public static TypeInfo<?> forType(Type type) {
    Objects.requireNonNull(type, "type");
    try {
      return new Extractor(false).extract(type, Map.of());
    } catch (UnsupportedType e) {
      throw new IllegalArgumentException(cannotSerialize(type, e), e);
    }
  }

  /** The POJO type of a class; IllegalArgumentException with the reason if it is not a POJO. */
  @SuppressWarnings("unchecked")
  public static <T> PojoTypeInfo<T> forPojo(Class<T> type) {
    Extractor ex = new Extractor(false);
    Object result;
    try {
      result = ex.analyzePojo(type, Map.of());
    } catch (UnsupportedType e) {
      throw new IllegalArgumentException(cannotSerialize(type, e), e);
    }
    if (result instanceof PojoTypeInfo<?> p) {
      return (PojoTypeInfo<T>) p;
    }
    throw new IllegalArgumentException("Type " + type.getName() + " is not a POJO: " + result
        + " (a POJO needs a no-arg constructor and public fields or getters and setters)");
  }

  private static String cannotSerialize(Type type, UnsupportedType e) {
    return "Cannot serialize type " + type.getTypeName() + ": " + e.getMessage() + HINT;
  }

  /**
   * The output type of a user function: type argument {@code typeArgIndex} of {@code
   * functionInterface} as implemented by {@code fn}. Classes (including anonymous ones) are read
   * from their generic interfaces; lambdas and method references from the implementation method
   * behind their {@link SerializedLambda}. A type variable bound to the function's input (type
   * argument 0) resolves to {@code inputType}. Whatever erasure hides becomes an imprecise
   * {@link GenericTypeInfo} of the best known class; only a concrete class that cannot be
   * serialized at all is an error.
   */
  @SuppressWarnings("unchecked")
  public static <O> TypeInfo<O> getOutputType(
      Function fn, Class<?> functionInterface, int typeArgIndex, TypeInfo<?> inputType) {
    Objects.requireNonNull(fn, "function");
    try {
      SerializedLambda lambda = serializedLambda(fn);
      TypeInfo<?> result = lambda != null
          ? fromLambda(fn, lambda, functionInterface, typeArgIndex, inputType)
          : fromClass(fn.getClass(), functionInterface, typeArgIndex, inputType);
      return (TypeInfo<O>) result;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("could not determine the output type of {}; using a class-tagged type", fn.getClass().getName(), e);
      return (TypeInfo<O>) new GenericTypeInfo<>(Object.class, false);
    }
  }

  /** The key type of a key selector (its type argument 1), see {@link #getOutputType}. */
  @SuppressWarnings("unchecked")
  public static <K> TypeInfo<K> getKeyType(io.weir.core.functions.KeySelector<?, K> selector, TypeInfo<?> inputType) {
    return (TypeInfo<K>) getOutputType(selector, io.weir.core.functions.KeySelector.class, 1, inputType);
  }

  // ---------------------------------------------------------------- functions

  private static TypeInfo<?> fromClass(Class<?> fnClass, Class<?> functionInterface, int index, TypeInfo<?> inputType) {
    Type[] args = typeArgsOf(fnClass, functionInterface);
    if (args == null || index >= args.length) {
      return new GenericTypeInfo<>(Object.class, false);
    }
    Map<TypeVariable<?>, TypeInfo<?>> vars = new HashMap<>();
    if (inputType != null && args.length > 0 && args[0] instanceof TypeVariable<?> in) {
      vars.put(in, inputType);
    }
    return finish(args[index], vars);
  }

  private static TypeInfo<?> fromLambda(
      Function fn, SerializedLambda sl, Class<?> functionInterface, int index, TypeInfo<?> inputType)
      throws LinkageError {
    ClassLoader cl = fn.getClass().getClassLoader();
    Class<?> implClass = loadClass(sl.getImplClass(), cl);
    Class<?> samInterface = loadClass(sl.getFunctionalInterfaceClass(), cl);
    Method sam = findMethod(samInterface, sl.getFunctionalInterfaceMethodName(), sl.getFunctionalInterfaceMethodSignature());
    Type[] ifaceArgs = typeArgsOf(samInterface, functionInterface);
    if (sam == null || ifaceArgs == null || index >= ifaceArgs.length) {
      return new GenericTypeInfo<>(Object.class, false);
    }
    Type outPattern = ifaceArgs[index];
    Type inPattern = ifaceArgs.length > 0 ? ifaceArgs[0] : null;

    List<Type> effective = new ArrayList<>();
    Type effectiveReturn;
    String implName = sl.getImplMethodName();
    if (sl.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) {
      Constructor<?> ctor = findConstructor(implClass, sl.getImplMethodSignature());
      if (ctor == null) {
        return new GenericTypeInfo<>(Object.class, false);
      }
      effective.addAll(Arrays.asList(ctor.getGenericParameterTypes()));
      effectiveReturn = implClass;
    } else {
      Method impl = findMethod(implClass, implName, sl.getImplMethodSignature());
      if (impl == null) {
        return new GenericTypeInfo<>(Object.class, false);
      }
      if (!Modifier.isStatic(impl.getModifiers())) {
        effective.add(implClass);
      }
      effective.addAll(Arrays.asList(genericParameterTypes(impl)));
      effectiveReturn = impl.getGenericReturnType();
    }

    Type[] samParams = sam.getGenericParameterTypes();
    int offset = effective.size() - samParams.length;
    if (offset < 0) {
      return new GenericTypeInfo<>(Object.class, false);
    }
    Map<TypeVariable<?>, Type> samBindings = new HashMap<>();
    if (sam.getReturnType() != void.class) {
      unify(sam.getGenericReturnType(), effectiveReturn, samBindings);
    }
    for (int i = 0; i < samParams.length; i++) {
      unify(samParams[i], effective.get(offset + i), samBindings);
    }

    Map<TypeVariable<?>, TypeInfo<?>> vars = new HashMap<>();
    if (inputType != null && inPattern instanceof TypeVariable<?> inVar) {
      vars.put(inVar, inputType);
      // a generic implementation method (<T> T id(T t)) sees the input through its own variable
      for (int i = 0; i < samParams.length; i++) {
        Map<TypeVariable<?>, Type> reverse = new HashMap<>();
        unify(effective.get(offset + i), samParams[i], reverse);
        for (Map.Entry<TypeVariable<?>, Type> e : reverse.entrySet()) {
          if (e.getValue().equals(inVar)) {
            vars.put(e.getKey(), inputType);
          }
        }
      }
      Type boundInput = samBindings.get(inVar);
      if (boundInput instanceof TypeVariable<?> tv) {
        vars.put(tv, inputType);
      }
    }
    return finish(substitute(outPattern, samBindings), vars);
  }

  /**
   * Javac compiles lambda bodies to methods without generic signatures, so a lambda's parameter
   * types are erased; method references keep them.
   */
  private static Type[] genericParameterTypes(Method m) {
    Type[] generic = m.getGenericParameterTypes();
    // inner-class constructors and some synthetic methods report fewer generic than raw parameters
    return generic.length == m.getParameterCount() ? generic : m.getParameterTypes();
  }

  private static TypeInfo<?> finish(Type out, Map<TypeVariable<?>, TypeInfo<?>> vars) {
    if (out instanceof Class<?> c) {
      if (c == Object.class || c == void.class) {
        return new GenericTypeInfo<>(Object.class, false);
      }
      if (c.getTypeParameters().length > 0 && !c.isArray()) {
        // a raw generic class: its type arguments were erased
        return new GenericTypeInfo<>(c, false);
      }
    }
    try {
      return new Extractor(false).extract(out, vars);
    } catch (UnsupportedType e) {
      Class<?> raw = erasure(out);
      if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
        return new GenericTypeInfo<>(raw, false);
      }
      throw new IllegalArgumentException(cannotSerialize(out, e), e);
    }
  }

  private static SerializedLambda serializedLambda(Object fn) {
    Class<?> c = fn.getClass();
    if (!c.isSynthetic()) {
      return null;
    }
    try {
      Method m = c.getDeclaredMethod("writeReplace");
      m.setAccessible(true);
      Object r = m.invoke(fn);
      return r instanceof SerializedLambda sl ? sl : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Class<?> loadClass(String internalName, ClassLoader cl) {
    String name = internalName.replace('/', '.');
    try {
      return Class.forName(name, false, cl);
    } catch (ClassNotFoundException e) {
      try {
        return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException e2) {
        throw new IllegalStateException("class " + name + " not found", e2);
      }
    }
  }

  private static String descriptor(Method m) {
    return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
  }

  private static Method findMethod(Class<?> c, String name, String desc) {
    List<Class<?>> todo = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    todo.add(c);
    for (int i = 0; i < todo.size(); i++) {
      Class<?> k = todo.get(i);
      if (!seen.add(k)) {
        continue;
      }
      for (Method m : k.getDeclaredMethods()) {
        if (m.getName().equals(name) && descriptor(m).equals(desc)) {
          return m;
        }
      }
      if (k.getSuperclass() != null) {
        todo.add(k.getSuperclass());
      }
      todo.addAll(Arrays.asList(k.getInterfaces()));
    }
    return null;
  }

  private static Constructor<?> findConstructor(Class<?> c, String desc) {
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (MethodType.methodType(void.class, k.getParameterTypes()).toMethodDescriptorString().equals(desc)) {
        return k;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- generic type plumbing

  /**
   * The type arguments of {@code target} as seen from {@code start} (a class or parameterized
   * type), with type variables substituted along the way; variables of {@code start} itself stay
   * variables. Null if {@code start} is not a subtype of {@code target}.
   */
  static Type[] typeArgsOf(Type start, Class<?> target) {
    Class<?> raw = erasure(start);
    if (raw == null || !target.isAssignableFrom(raw)) {
      return null;
    }
    Map<TypeVariable<?>, Type> env = new HashMap<>();
    if (start instanceof ParameterizedType p) {
      TypeVariable<?>[] vs = raw.getTypeParameters();
      Type[] as = p.getActualTypeArguments();
      for (int i = 0; i < vs.length && i < as.length; i++) {
        env.put(vs[i], as[i]);
      }
    }
    if (raw == target) {
      TypeVariable<?>[] vs = raw.getTypeParameters();
      Type[] result = new Type[vs.length];
      for (int i = 0; i < vs.length; i++) {
        result[i] = env.getOrDefault(vs[i], vs[i]);
      }
      return result;
    }
    List<Type> supers = new ArrayList<>();
    if (raw.getGenericSuperclass() != null) {
      supers.add(raw.getGenericSuperclass());
    }
    supers.addAll(Arrays.asList(raw.getGenericInterfaces()));
    for (Type sup : supers) {
      Class<?> supRaw = erasure(sup);
      if (supRaw != null && target.isAssignableFrom(supRaw)) {
        Type[] r = typeArgsOf(substitute(sup, env), target);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  /** Records in {@code out} what the variables of {@code pattern} stand for in {@code actual}. */
  static void unify(Type pattern, Type actual, Map<TypeVariable<?>, Type> out) {
    if (pattern == null || actual == null) {
      return;
    }
    if (pattern instanceof TypeVariable<?> v) {
      out.putIfAbsent(v, actual);
    } else if (pattern instanceof ParameterizedType pp) {
      Class<?> praw = (Class<?>) pp.getRawType();
      Type[] actualArgs = null;
      if (actual instanceof ParameterizedType ap && ap.getRawType() == praw) {
        actualArgs = ap.getActualTypeArguments();
      } else if (!(actual instanceof Class<?> ac && ac == praw)) {
        actualArgs = typeArgsOf(actual, praw);
      }
      if (actualArgs != null) {
        Type[] pargs = pp.getActualTypeArguments();
        for (int i = 0; i < pargs.length && i < actualArgs.length; i++) {
          unify(pargs[i], actualArgs[i], out);
        }
      }
    } else if (pattern instanceof GenericArrayType ga) {
      if (actual instanceof GenericArrayType aa) {
        unify(ga.getGenericComponentType(), aa.getGenericComponentType(), out);
      } else if (actual instanceof Class<?> ac && ac.isArray()) {
        unify(ga.getGenericComponentType(), ac.getComponentType(), out);
      }
    } else if (pattern instanceof WildcardType w && w.getUpperBounds().length == 1) {
      unify(w.getUpperBounds()[0], actual instanceof WildcardType aw ? aw.getUpperBounds()[0] : actual, out);
    }
  }

  static Type substitute(Type t, Map<TypeVariable<?>, Type> env) {
    if (env.isEmpty()) {
      return t;
    }
    if (t instanceof TypeVariable<?> v) {
      return env.getOrDefault(v, v);
    }
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      Type[] sub = new Type[args.length];
      boolean changed = false;
      for (int i = 0; i < args.length; i++) {
        sub[i] = substitute(args[i], env);
        changed |= sub[i] != args[i];
      }
      return changed ? new ParameterizedTypeImpl((Class<?>) p.getRawType(), sub, p.getOwnerType()) : p;
    }
    if (t instanceof GenericArrayType g) {
      Type comp = substitute(g.getGenericComponentType(), env);
      if (comp == g.getGenericComponentType()) {
        return g;
      }
      return comp instanceof Class<?> c ? java.lang.reflect.Array.newInstance(c, 0).getClass() : new GenericArrayTypeImpl(comp);
    }
    if (t instanceof WildcardType w) {
      Type[] up = w.getUpperBounds().clone();
      Type[] lo = w.getLowerBounds().clone();
      for (int i = 0; i < up.length; i++) {
        up[i] = substitute(up[i], env);
      }
      for (int i = 0; i < lo.length; i++) {
        lo[i] = substitute(lo[i], env);
      }
      return new WildcardTypeImpl(up, lo);
    }
    return t;
  }

  static Class<?> erasure(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    } else if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    } else if (t instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(erasure(g.getGenericComponentType()), 0).getClass();
    } else if (t instanceof TypeVariable<?> v) {
      return v.getBounds().length == 0 ? Object.class : erasure(v.getBounds()[0]);
    } else if (t instanceof WildcardType w) {
      return w.getUpperBounds().length == 0 ? Object.class : erasure(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  // ---------------------------------------------------------------- runtime dispatch

  /**
   * How a class-tagged value of runtime class {@code c} is written: the class named in the tag
   * (the class it is read back as: non-instantiable collections such as {@code List.of(..)} become
   * ArrayList/HashSet/HashMap, so a round trip gives the same bytes) and its serializer (null for
   * Java serialization). Throws IllegalArgumentException for a class that cannot be serialized.
   */
  static RuntimeSerializer runtimeSerializerFor(Class<?> c) {
    if (c == Row.class) {
      return new RuntimeSerializer(c, RowTypeInfo.RowSerializer.dynamic());
    }
    TypeInfo<?> info;
    try {
      info = new Extractor(true).extract(c, Map.of());
    } catch (UnsupportedType e) {
      if (Serializable.class.isAssignableFrom(c)) {
        return new RuntimeSerializer(c, null);
      }
      throw new IllegalArgumentException("Cannot serialize a value of type " + c.getName() + ": " + e.getMessage() + HINT, e);
    }
    if (info instanceof GenericTypeInfo<?>) {
      if (Serializable.class.isAssignableFrom(c)) {
        return new RuntimeSerializer(c, null);
      }
      throw new IllegalArgumentException("Cannot serialize a value of type " + c.getName() + ": it is not Serializable" + HINT);
    }
    Class<?> tag = c;
    if (info instanceof ListTypeInfo<?> l) {
      tag = l.implClass();
    } else if (info instanceof SetTypeInfo<?> st) {
      tag = st.implClass();
    } else if (info instanceof MapTypeInfo<?, ?> m) {
      tag = m.implClass();
    }
    return new RuntimeSerializer(tag, info.createSerializer());
  }

  /** See {@link #runtimeSerializerFor}; {@code serializer} null means Java serialization. */
  record RuntimeSerializer(Class<?> tagClass, TypeSerializer<?> raw) {
    @SuppressWarnings("unchecked")
    TypeSerializer<Object> serializer() {
      return (TypeSerializer<Object>) raw;
    }
  }

  // ---------------------------------------------------------------- extraction

  /** Why a type cannot be serialized; the message is the reason, without the class prefix. */
  static final class UnsupportedType extends RuntimeException {
    UnsupportedType(String reason) {
      super(reason, null, false, false);
    }
  }

  static final class Extractor {
    /** For runtime classes: collections that cannot be instantiated read back as the default class. */
    private final boolean runtime;
    private final Set<Class<?>> inProgress = new HashSet<>();

    Extractor(boolean runtime) {
      this.runtime = runtime;
    }

    TypeInfo<?> extract(Type t, Map<TypeVariable<?>, TypeInfo<?>> vars) {
      if (t instanceof Class<?> c) {
        return extractClass(c, Map.of());
      } else if (t instanceof ParameterizedType p) {
        Class<?> raw = (Class<?>) p.getRawType();
        TypeVariable<?>[] params = raw.getTypeParameters();
        Type[] args = p.getActualTypeArguments();
        Map<TypeVariable<?>, TypeInfo<?>> own = new HashMap<>();
        for (int i = 0; i < params.length && i < args.length; i++) {
          own.put(params[i], extractArgument(args[i], vars));
        }
        return extractClass(raw, own);
      } else if (t instanceof GenericArrayType g) {
        Type compType = g.getGenericComponentType();
        return new ObjectArrayTypeInfo<>(erasure(compType), castInfo(extract(compType, vars)));
      } else if (t instanceof TypeVariable<?> v) {
        TypeInfo<?> bound = vars.get(v);
        return bound != null ? bound : new GenericTypeInfo<>(erasure(v), false);
      } else if (t instanceof WildcardType w) {
        if (w.getLowerBounds().length > 0 || w.getUpperBounds().length == 0) {
          return new GenericTypeInfo<>(Object.class, true);
        }
        // a bound only limits what the runtime classes can be: fall back to class tags
        try {
          return extract(w.getUpperBounds()[0], vars);
        } catch (UnsupportedType e) {
          return new GenericTypeInfo<>(erasure(w.getUpperBounds()[0]), true);
        }
      }
      throw new UnsupportedType("unknown kind of type " + t);
    }

    private TypeInfo<?> extractArgument(Type t, Map<TypeVariable<?>, TypeInfo<?>> vars) {
      try {
        return extract(t, vars);
      } catch (UnsupportedType e) {
        throw new UnsupportedType("type argument " + t.getTypeName() + ": " + e.getMessage());
      }
    }

    @SuppressWarnings("unchecked")
    private static <C> TypeInfo<C> castInfo(TypeInfo<?> t) {
      return (TypeInfo<C>) t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInfo<?> extractClass(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> own) {
      BasicTypeInfo<?> basic = BasicTypeInfo.forClass(c);
      if (basic != null) {
        return basic;
      }
      if (c.isArray()) {
        Class<?> comp = c.getComponentType();
        if (comp.isPrimitive()) {
          return new PrimitiveArrayTypeInfo<>(c);
        }
        TypeInfo<?> compInfo;
        try {
          compInfo = extractClass(comp, Map.of());
        } catch (UnsupportedType e) {
          throw new UnsupportedType("array element type " + comp.getTypeName() + ": " + e.getMessage());
        }
        return new ObjectArrayTypeInfo<>((Class) comp, compInfo);
      }
      if (Enum.class.isAssignableFrom(c) && c != Enum.class) {
        Class<?> enumClass = c.isEnum() ? c : c.getSuperclass();
        return new EnumTypeInfo(enumClass);
      }
      int arity = TupleTypeInfo.arityOf(c);
      if (arity > 0) {
        TypeInfo<?>[] fields = new TypeInfo<?>[arity];
        TypeVariable<?>[] params = c.getTypeParameters();
        for (int i = 0; i < arity; i++) {
          TypeInfo<?> f = own.get(params[i]);
          fields[i] = f != null ? f : new GenericTypeInfo<>(Object.class, false);
        }
        return new TupleTypeInfo<>(fields);
      }
      if (c == Row.class || c == Tuple.class) {
        return new GenericTypeInfo<>(c, false);
      }
      if (List.class.isAssignableFrom(c)) {
        return new ListTypeInfo<>(argumentOf(c, own, List.class, 0), collectionImpl(c, ArrayList.class));
      }
      if (Set.class.isAssignableFrom(c)) {
        return new SetTypeInfo<>(argumentOf(c, own, Set.class, 0), collectionImpl(c, HashSet.class));
      }
      if (Map.class.isAssignableFrom(c)) {
        Class<?> impl = collectionImpl(c, c.isAssignableFrom(LinkedHashMap.class) && !c.isInterface() ? LinkedHashMap.class : HashMap.class);
        return new MapTypeInfo<>(argumentOf(c, own, Map.class, 0), argumentOf(c, own, Map.class, 1), impl);
      }
      if (c == Object.class || Collection.class.isAssignableFrom(c) || c == Iterable.class) {
        // the runtime class decides (a Collection may be a list or a set)
        return new GenericTypeInfo<>(c, true);
      }
      if (inProgress.contains(c)) {
        // a recursive type: resolve the inner occurrence per value, at runtime
        return new GenericTypeInfo<>(c, true);
      }
      boolean serializable = Serializable.class.isAssignableFrom(c);
      if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
        if (serializable) {
          return new GenericTypeInfo<>(c, true);
        }
        throw new UnsupportedType(c.isInterface()
            ? "it is an interface with no known implementation and not Serializable"
            : "it is an abstract class and not Serializable");
      }
      if (c.isRecord()) {
        inProgress.add(c);
        try {
          return extractRecord(c, own);
        } finally {
          inProgress.remove(c);
        }
      }
      if (isJdkClass(c) || c.isSynthetic() || c.isAnonymousClass()) {
        if (serializable) {
          return new GenericTypeInfo<>(c, true);
        }
        throw new UnsupportedType(isJdkClass(c)
            ? "it is a JDK class that is not Serializable and has no built-in serializer"
            : "it is an anonymous or synthetic class and not Serializable");
      }
      Object pojo = analyzePojo(c, own);
      if (pojo instanceof PojoTypeInfo<?> p) {
        return p;
      }
      if (serializable) {
        return new GenericTypeInfo<>(c, true);
      }
      throw new UnsupportedType((String) pojo);
    }

    private Class<?> collectionImpl(Class<?> declared, Class<?> defaultImpl) {
      Class<?> impl = CollectionSupport.implementationFor(declared, defaultImpl);
      if (impl != null) {
        return impl;
      }
      if (runtime) {
        return defaultImpl;
      }
      throw new UnsupportedType("collection class " + declared.getName()
          + " has no public no-arg constructor (declare the field as List, Set or Map)");
    }

    private TypeInfo<?> argumentOf(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> own, Class<?> target, int index) {
      Type[] args = typeArgsOf(c, target);
      if (args == null || index >= args.length) {
        return new GenericTypeInfo<>(Object.class, false);
      }
      return extractArgument(args[index], own);
    }

    private TypeInfo<?> extractRecord(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> own) {
      RecordComponent[] comps = c.getRecordComponents();
      String[] names = new String[comps.length];
      TypeInfo<?>[] types = new TypeInfo<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        names[i] = comps[i].getName();
        try {
          types[i] = extract(comps[i].getGenericType(), own);
        } catch (UnsupportedType e) {
          throw new UnsupportedType("field '" + names[i] + "' of type " + comps[i].getGenericType().getTypeName()
              + ": " + e.getMessage());
        }
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      TypeInfo<?> r = new RecordTypeInfo(c, names, types);
      return r;
    }

    /** A PojoTypeInfo, or a String saying why {@code c} is not a POJO. */
    Object analyzePojo(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> own) {
      String ctorProblem = null;
      if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
        return "it is " + (c.isInterface() ? "an interface" : "abstract");
      }
      if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
        ctorProblem = "it is a non-static inner class (make it static)";
      } else if (c.isAnonymousClass() || c.isLocalClass()) {
        ctorProblem = "it is an anonymous or local class";
      } else {
        // any non-private no-arg constructor will do: a package-private class's default
        // constructor is package-private, and test code is full of such classes
        try {
          if (Modifier.isPrivate(c.getDeclaredConstructor().getModifiers())) {
            ctorProblem = "its no-arg constructor is private";
          }
        } catch (NoSuchMethodException e) {
          ctorProblem = "it has no no-arg constructor";
        }
      }
      inProgress.add(c);
      try {
        String typeProblem = null;
        String accessProblem = null;
        Map<String, Field> fields = new java.util.TreeMap<>();
        Map<String, TypeInfo<?>> types = new HashMap<>();
        Map<TypeVariable<?>, TypeInfo<?>> vars = new HashMap<>(own);
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
          for (Field f : k.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
              continue;
            }
            String name = f.getName();
            String described = "field '" + name + "' of type " + f.getGenericType().getTypeName();
            if (fields.containsKey(name)) {
              accessProblem = accessProblem != null ? accessProblem
                  : "field '" + name + "' in " + k.getName() + " is hidden by a field of the same name in a subclass";
              continue;
            }
            fields.put(name, f);
            if (Modifier.isFinal(mod)) {
              accessProblem = accessProblem != null ? accessProblem
                  : described + " is " + (Modifier.isPublic(mod) ? "" : visibility(mod) + " and ") + "final";
            } else if (!Modifier.isPublic(mod) && !hasGetterAndSetter(c, f)) {
              accessProblem = accessProblem != null ? accessProblem
                  : described + " is " + visibility(mod) + " and has no public getter and setter";
            }
            if (typeProblem == null) {
              try {
                types.put(name, extract(f.getGenericType(), vars));
              } catch (UnsupportedType e) {
                typeProblem = described + ": " + e.getMessage();
              }
            }
          }
          Type sup = k.getGenericSuperclass();
          if (sup instanceof ParameterizedType p) {
            TypeVariable<?>[] params = ((Class<?>) p.getRawType()).getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < params.length && i < args.length; i++) {
              vars.put(params[i], extractArgument(args[i], vars));
            }
          }
        }
        String problem = typeProblem != null ? typeProblem : accessProblem != null ? accessProblem : ctorProblem;
        if (problem != null) {
          return problem;
        }
        String[] names = fields.keySet().toArray(new String[0]);
        TypeInfo<?>[] fieldTypes = new TypeInfo<?>[names.length];
        for (int i = 0; i < names.length; i++) {
          fieldTypes[i] = types.get(names[i]);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        PojoTypeInfo<?> p = new PojoTypeInfo(c, names, fieldTypes);
        return p;
      } finally {
        inProgress.remove(c);
      }
    }

    private static String visibility(int mod) {
      return Modifier.isPrivate(mod) ? "private" : Modifier.isProtected(mod) ? "protected" : "package-private";
    }

    private static boolean hasGetterAndSetter(Class<?> c, Field f) {
      String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
      Class<?> t = f.getType();
      boolean getter = false;
      boolean setter = false;
      for (Method m : c.getMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        String n = m.getName();
        if (m.getParameterCount() == 0 && t.isAssignableFrom(m.getReturnType())
            && (n.equals("get" + cap) || ((t == boolean.class || t == Boolean.class) && n.equals("is" + cap)))) {
          getter = true;
        } else if (m.getParameterCount() == 1 && n.equals("set" + cap) && m.getParameterTypes()[0].isAssignableFrom(t)) {
          setter = true;
        }
      }
      return getter && setter;
    }

    private static boolean isJdkClass(Class<?> c) {
      String n = c.getName();
      return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
          || n.startsWith("com.sun.");
    }
  }

  // ---------------------------------------------------------------- Type implementations

  private static final class ParameterizedTypeImpl implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] args;
    private final Type owner;

    ParameterizedTypeImpl(Class<?> raw, Type[] args, Type owner) {
      this.raw = raw;
      this.args = args;
      this.owner = owner;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p && raw.equals(p.getRawType()) && Arrays.equals(args, p.getActualTypeArguments())
          && Objects.equals(owner, p.getOwnerType());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ raw.hashCode() ^ Objects.hashCode(owner);
    }

    @Override
    public String getTypeName() {
      StringBuilder sb = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < args.length; i++) {
        sb.append(i > 0 ? ", " : "").append(args[i].getTypeName());
      }
      return sb.append('>').toString();
    }

    @Override
    public String toString() {
      return getTypeName();
    }
  }

  private static final class GenericArrayTypeImpl implements GenericArrayType {
    private final Type component;

    GenericArrayTypeImpl(Type component) {
      this.component = component;
    }

    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GenericArrayType g && component.equals(g.getGenericComponentType());
    }

    @Override
    public int hashCode() {
      return component.hashCode();
    }

    @Override
    public String toString() {
      return component.getTypeName() + "[]";
    }
  }

  private static final class WildcardTypeImpl implements WildcardType {
    private final Type[] upper;
    private final Type[] lower;

    WildcardTypeImpl(Type[] upper, Type[] lower) {
      this.upper = upper;
      this.lower = lower;
    }

    @Override
    public Type[] getUpperBounds() {
      return upper.clone();
    }

    @Override
    public Type[] getLowerBounds() {
      return lower.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WildcardType w && Arrays.equals(upper, w.getUpperBounds()) && Arrays.equals(lower, w.getLowerBounds());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(upper) ^ Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
      if (lower.length > 0) {
        return "? super " + lower[0].getTypeName();
      }
      return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + upper[0].getTypeName();
    }
  }
}
