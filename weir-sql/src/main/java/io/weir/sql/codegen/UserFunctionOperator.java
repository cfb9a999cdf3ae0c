package io.weir.sql.codegen;

import java.lang.reflect.Method;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;

/**
 * A user scalar function declared with CREATE FUNCTION: a class with a public no-arg constructor
 * and a public {@code eval} method; generated code calls {@code eval} on one instance per subtask.
 */
public final class UserFunctionOperator extends SqlFunction {
  private final Class<?> functionClass;

  public UserFunctionOperator(String name, Class<?> functionClass, SqlReturnTypeInference returnType) {
    super(name, SqlKind.OTHER_FUNCTION, returnType, null,
        OperandTypes.VARIADIC, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.functionClass = functionClass;
  }

  public String className() {
    return functionClass.getName();
  }

  public static Method evalMethod(Class<?> c) {
    for (Method m : c.getMethods()) {
      if (m.getName().equals("eval")) {
        return m;
      }
    }
    throw new IllegalArgumentException("function class " + c.getName() + " has no public eval method");
  }

  public Object newInstance() {
    try {
      return functionClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate function class " + functionClass.getName()
          + " (needs a public no-argument constructor)", e);
    }
  }
}
