package io.weir.datastream;

/** stream1.join(stream2).where(k1).equalTo(k2).window(assigner).apply(joinFunction). PLACEHOLDER. */
public class JoinedStreams<T1, T2> {
  public JoinedStreams(DataStream<T1> input1, DataStream<T2> input2) {}
}
