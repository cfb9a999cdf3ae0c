package io.weir.sql.codegen;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.codehaus.janino.SimpleCompiler;

/**
 * Java source of a generated class plus the constants it needs; serializable so it travels with
 * operator prototypes. The class is compiled (Janino) on first use in a JVM and cached by source,
 * so equal expression shapes in one plan or across subtasks compile once.
 */
public abstract class GeneratedClass<T> implements Serializable {
  private static final Map<String, Class<?>> CACHE = new ConcurrentHashMap<>();

  private final String className;
  private final String source;
  private final Object[] refs;
  private transient T instance;

  protected GeneratedClass(String className, String source, Object[] refs) {
    this.className = className;
    this.source = source;
    this.refs = refs;
  }

  public String className() {
    return className;
  }

  public String source() {
    return source;
  }

  /** The compiled instance (compiled on first call in this JVM; cached). */
  @SuppressWarnings("unchecked")
  protected final T instance() {
    T i = instance;
    if (i == null) {
      try {
        Class<?> c = compile(className, source);
        i = (T) c.getConstructor(Object[].class).newInstance((Object) refs);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot instantiate generated class " + className, e);
      }
      openUserFunctions();
      instance = i;
    }
    return i;
  }

  /** Compiles (or takes from the cache) a class from its source. */
  public static Class<?> compile(String className, String source) {
    return CACHE.computeIfAbsent(source, s -> {
      SimpleCompiler compiler = new SimpleCompiler();
      compiler.setParentClassLoader(parentLoader());
      try {
        compiler.cook(s);
        return compiler.getClassLoader().loadClass(className);
      } catch (Exception e) {
        throw new IllegalStateException("generated code does not compile: " + e.getMessage() + "\n" + numbered(s), e);
      }
    });
  }

  /**
   * User function instances among the constants are this subtask's own copies (the holder is
   * deserialized per subtask): they are opened once, before the first evaluation.
   */
  private void openUserFunctions() {
    for (Object r : refs) {
      if (r instanceof io.weir.sql.functions.UserDefinedFunction f) {
        try {
          f.open(new io.weir.sql.functions.FunctionContext(f.getClass().getName()));
        } catch (Exception e) {
          throw new IllegalStateException("user function " + f.getClass().getName() + " failed to open: " + e, e);
        }
      }
    }
  }

  /** User function classes may come from the context class loader (CREATE FUNCTION): compile against it when it sees Weir. */
  private static ClassLoader parentLoader() {
    ClassLoader own = GeneratedClass.class.getClassLoader();
    ClassLoader ctx = Thread.currentThread().getContextClassLoader();
    if (ctx == null || ctx == own) {
      return own;
    }
    try {
      return Class.forName(GeneratedClass.class.getName(), false, ctx) == GeneratedClass.class ? ctx : own;
    } catch (ClassNotFoundException e) {
      return own;
    }
  }

  static int cacheSize() {
    return CACHE.size();
  }

  private static String numbered(String s) {
    StringBuilder sb = new StringBuilder();
    String[] lines = s.split("\n");
    for (int i = 0; i < lines.length; i++) {
      sb.append(i + 1).append(": ").append(lines[i]).append('\n');
    }
    return sb.toString();
  }
}
