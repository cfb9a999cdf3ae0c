package io.weir.cli;

import io.weir.core.config.Configuration;
import io.weir.datastream.StreamExecutionEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Runs a job's {@code main(String[])} the way {@code weir run} and {@code weir example} do: with
 * the CLI's settings as the default configuration of every {@code StreamExecutionEnvironment} the
 * job creates, and the job's class loader as the thread's context class loader (serialization of
 * user functions and service lookups resolve job classes through it).
 */
final class JobLauncher {
  private JobLauncher() {}

  /** A job's main method threw; the cause is what it threw. */
  static final class JobMainException extends Exception {
    JobMainException(Throwable cause) {
      super(cause);
    }
  }

  static void runMain(Class<?> mainClass, String[] args, Configuration defaults) throws JobMainException {
    Method main = findMain(mainClass);
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    Configuration previousDefaults = StreamExecutionEnvironment.getDefaultConfiguration();
    StreamExecutionEnvironment.setDefaultConfiguration(defaults);
    thread.setContextClassLoader(mainClass.getClassLoader());
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw new JobMainException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + mainClass.getName() + ".main: " + e.getMessage(), e);
    } finally {
      thread.setContextClassLoader(previousLoader);
      StreamExecutionEnvironment.setDefaultConfiguration(previousDefaults);
    }
  }

  static Method findMain(Class<?> mainClass) {
    Method main;
    try {
      main = mainClass.getMethod("main", String[].class);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "class " + mainClass.getName() + " has no 'public static void main(String[] args)' method");
    }
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new IllegalArgumentException("class " + mainClass.getName() + ": main(String[]) must be static");
    }
    main.setAccessible(true);
    return main;
  }
}
