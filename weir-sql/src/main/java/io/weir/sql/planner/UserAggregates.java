package io.weir.sql.planner;

import io.weir.sql.functions.AggregateFunction;
import io.weir.sql.functions.FunctionDefinition;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.UserAggregateCall;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;

/** Planning of user aggregate function calls (GROUP BY, windows). */
final class UserAggregates {
  private UserAggregates() {}

  /** The runtime spec of a user aggregate call, or null when the call is not one. */
  static AggregateSpec spec(AggregateCall call, String name) {
    if (!(call.getAggregation() instanceof UserAggFunctionOperator op)) {
      return null;
    }
    FunctionDefinition d = op.definition();
    if (call.isDistinct()) {
      throw new PlannerException("DISTINCT is not supported for the user aggregate function '" + d.name() + "'");
    }
    int[] args = new int[call.getArgList().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = call.getArgList().get(i);
    }
    boolean hasRetract = false;
    boolean hasMerge = false;
    for (Method m : d.functionClass().getMethods()) {
      hasRetract |= m.getName().equals("retract") && m.getParameterCount() >= 1;
      hasMerge |= m.getName().equals("merge") && m.getParameterCount() == 2 && Iterable.class.isAssignableFrom(m.getParameterTypes()[1]);
    }
    var udf = new UserAggregateCall(d.name(), (AggregateFunction<?, ?>) d.newInstance(), args, hasRetract, hasMerge);
    return new AggregateSpec(AggregateSpec.Kind.USER_DEFINED, args.length > 0 ? args[0] : -1, false, call.filterArg,
        TypeConversions.toLogicalType(call.getType()).toTypeInfo(), name, udf);
  }

  private static boolean hasMethod(Class<?> c, String name, Class<?>[] params) {
    try {
      c.getMethod(name, params);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * STREAMING over an update changelog: every user aggregate must be able to retract.
   *
   * @param updating whether the aggregate's input may carry -U/-D rows
   */
  static void checkRetract(List<AggregateSpec> specs, boolean updating, String producer) {
    if (!updating) {
      return;
    }
    for (AggregateSpec s : specs) {
      if (s.kind() == AggregateSpec.Kind.USER_DEFINED && !s.userFunction().hasRetract()) {
        throw new PlannerException("user aggregate function '" + s.userFunction().name() + "' has no retract(ACC, ...) method, "
            + "but its input is an update changelog from " + producer + " (STREAMING mode); add a retract method or "
            + "aggregate an insert-only input");
      }
    }
  }
}
