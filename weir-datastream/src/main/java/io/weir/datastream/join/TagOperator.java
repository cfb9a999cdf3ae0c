package io.weir.datastream.join;

import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;

/** Wraps each element of one join input into a {@link TaggedUnion} (keeps the timestamp). */
public final class TagOperator<T1, T2> extends AbstractStreamOperator<TaggedUnion<T1, T2>>
    implements OneInputStreamOperator<Object, TaggedUnion<T1, T2>> {
  private static final long serialVersionUID = 1L;

  private final int side;

  public TagOperator(int side) {
    if (side != 1 && side != 2) {
      throw new IllegalArgumentException("side must be 1 or 2");
    }
    this.side = side;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processElement(StreamRecord<Object> record) {
    TaggedUnion<T1, T2> tagged = side == 1
        ? TaggedUnion.one((T1) record.getValue())
        : TaggedUnion.two((T2) record.getValue());
    output.collect(record.replace(tagged));
  }
}
