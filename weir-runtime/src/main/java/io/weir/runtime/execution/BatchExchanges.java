package io.weir.runtime.execution;

import io.weir.core.config.BatchShuffleMode;
import io.weir.core.config.CoreOptions;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.jobgraph.StreamNode;
import io.weir.runtime.operators.TwoInputStreamOperator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which exchanges of a BATCH job can be pipelined. A pipelined exchange hands records over by
 * reference, as in STREAMING, instead of serializing all of them into a blocking partition and
 * reading them back; its producer and consumer run at the same time, with backpressure.
 *
 * <p>Backpressure can only deadlock a consumer that stops reading one input: a two-input head that
 * reads one input completely before the other (a hash join's build side, a broadcast side, the
 * non-keyed input of a keyed two-input task). If both of its inputs descend from a common task,
 * that task can block on the unread input while the other input still waits for it. So the
 * inputs of such a head are pipelined only when their upstream tasks are disjoint; every other
 * consumer reads all its inputs eagerly (sorting and hashing inputs consume everything before
 * they emit), so its inputs are always pipelined. With {@link BatchShuffleMode#ALL_EXCHANGES_BLOCKING}
 * nothing is.
 */
final class BatchExchanges {
  private BatchExchanges() {}

  static Set<StreamEdge> pipelinedEdges(JobGraph graph) {
    Set<StreamEdge> pipelined = Collections.newSetFromMap(new IdentityHashMap<>());
    if (graph.getConfiguration().get(CoreOptions.BATCH_SHUFFLE_MODE) == BatchShuffleMode.ALL_EXCHANGES_BLOCKING) {
      return pipelined;
    }
    List<JobVertex> vertices = new ArrayList<>(graph.getVertices());
    vertices.sort(Comparator.comparingInt(JobVertex::getIndex));
    BitSet[] upstream = new BitSet[vertices.size()];
    for (JobVertex v : vertices) {
      BitSet self = new BitSet();
      self.set(v.getIndex());
      for (JobVertex up : v.getUpstreamVertices()) {
        self.or(upstream[up.getIndex()]);
      }
      upstream[v.getIndex()] = self;
    }
    for (JobVertex v : vertices) {
      int deferred = deferredInput(v.getHead());
      if (deferred != 0) {
        BitSet readFirst = new BitSet();
        BitSet readLater = new BitSet();
        for (StreamEdge e : v.getInputs()) {
          (e.getTargetInput() == deferred ? readLater : readFirst).or(upstream[e.getSource().getVertex().getIndex()]);
        }
        if (readFirst.intersects(readLater)) {
          continue;
        }
      }
      pipelined.addAll(v.getInputs());
    }
    return pipelined;
  }

  /**
   * The input (1 or 2) the head reads only after the other one ended in BATCH, 0 when it reads
   * every input as records arrive. Mirrors the input order of the BATCH input processors.
   */
  static int deferredInput(StreamNode head) {
    if (head.getNumberOfInputs() != 2) {
      return 0;
    }
    if (head.getOperatorPrototype() instanceof TwoInputStreamOperator<?, ?, ?> two) {
      int first = two.batchReadFirst();
      if (first == 1 || first == 2) {
        return 3 - first;
      }
    }
    boolean keyed1 = head.getStateKeySelector(1) != null;
    boolean keyed2 = head.getStateKeySelector(2) != null;
    // a keyed task reads its non-keyed input first, then sorts the keyed one
    return keyed1 == keyed2 ? 0 : keyed1 ? 1 : 2;
  }
}
