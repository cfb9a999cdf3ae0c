package io.weir.sql.runtime.aggregate;

import io.weir.core.types.Row;
import io.weir.sql.codegen.GeneratedClass;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A generated {@link AggsHandle} (source by {@link AggsHandleGenerator}; compiled once per JVM and source). */
public final class GeneratedAggsHandle extends GeneratedClass<AggsHandle> implements AggsHandle {
  GeneratedAggsHandle(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  /** The compiled class (the same Class object for equal sources: the compile cache). */
  public Class<?> compiledClass() {
    return instance().getClass();
  }

  @Override
  public Object[] createAccumulators() {
    return instance().createAccumulators();
  }

  @Override
  public void accumulate(Object[] accs, Row in) {
    instance().accumulate(accs, in);
  }

  @Override
  public void retract(Object[] accs, Row in) {
    instance().retract(accs, in);
  }

  @Override
  public void merge(Object[] accs, Object[] other) {
    instance().merge(accs, other);
  }

  @Override
  public void getValues(Object[] accs, Row out, int offset) {
    instance().getValues(accs, out, offset);
  }

  @Override
  public void serialize(Object[] accs, DataOutput out) throws IOException {
    instance().serialize(accs, out);
  }

  @Override
  public Object[] deserialize(DataInput in) throws IOException {
    return instance().deserialize(in);
  }

  @Override
  public Object[] copy(Object[] accs) {
    return instance().copy(accs);
  }
}
