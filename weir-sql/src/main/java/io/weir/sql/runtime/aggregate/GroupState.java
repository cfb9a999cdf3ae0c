package io.weir.sql.runtime.aggregate;

import io.weir.core.types.TypeSerializer;
import io.weir.sql.runtime.util.SimpleTypeInfo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Keyed state of one group of a streaming aggregation: the accumulators, the number of rows in the
 * group (so the group is deleted when it reaches 0), and state-TTL bookkeeping.
 */
public final class GroupState {
  public Object[] accs;
  public long rowCount;
  /** Processing time of the last access (state TTL), 0 without TTL. */
  public long lastAccess;
  /** Processing time of the registered cleanup timer, 0 when none. */
  public long cleanupTime;

  public GroupState(Object[] accs) {
    this.accs = accs;
  }

  public static SimpleTypeInfo<GroupState> typeInfo(RowAggregator aggregator) {
    return new SimpleTypeInfo<>(GroupState.class, new Serializer(aggregator.serializer()), "GroupState");
  }

  static final class Serializer implements TypeSerializer<GroupState> {
    private final TypeSerializer<Object[]> accs;

    Serializer(TypeSerializer<Object[]> accs) {
      this.accs = accs;
    }

    @Override
    public void serialize(GroupState v, DataOutput out) throws IOException {
      out.writeLong(v.rowCount);
      out.writeLong(v.lastAccess);
      out.writeLong(v.cleanupTime);
      accs.serialize(v.accs, out);
    }

    @Override
    public GroupState deserialize(DataInput in) throws IOException {
      long rowCount = in.readLong();
      long lastAccess = in.readLong();
      long cleanup = in.readLong();
      GroupState s = new GroupState(null);
      s.rowCount = rowCount;
      s.lastAccess = lastAccess;
      s.cleanupTime = cleanup;
      s.accs = accs.deserialize(in);
      return s;
    }

    @Override
    public GroupState copy(GroupState v) {
      GroupState s = new GroupState(accs.copy(v.accs));
      s.rowCount = v.rowCount;
      s.lastAccess = v.lastAccess;
      s.cleanupTime = v.cleanupTime;
      return s;
    }
  }
}
