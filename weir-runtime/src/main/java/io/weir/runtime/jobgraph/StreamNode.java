package io.weir.runtime.jobgraph;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.operators.StreamOperator;
import java.util.ArrayList;
import java.util.List;

/** One operator of the job (a non-virtual transformation) with its resolved settings. */
public final class StreamNode {
  private final int index;
  private final Transformation<?> transformation;
  private final String uid;
  private final int parallelism;
  private final int maxParallelism;
  final List<StreamEdge> inEdges = new ArrayList<>();
  final List<StreamEdge> outEdges = new ArrayList<>();
  JobVertex vertex;

  StreamNode(int index, Transformation<?> transformation, String uid, int parallelism, int maxParallelism) {
    this.index = index;
    this.transformation = transformation;
    this.uid = uid;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
  }

  /** Position in the job (inputs before consumers). */
  public int getIndex() {
    return index;
  }

  public Transformation<?> getTransformation() {
    return transformation;
  }

  public String getName() {
    return transformation.getName();
  }

  /** The operator state key in checkpoints: the user's uid or a generated deterministic one. */
  public String getUid() {
    return uid;
  }

  public int getParallelism() {
    return parallelism;
  }

  public int getMaxParallelism() {
    return maxParallelism;
  }

  public boolean isSource() {
    return transformation instanceof SourceTransformation;
  }

  public int getNumberOfInputs() {
    if (transformation instanceof TwoInputTransformation) {
      return 2;
    }
    return isSource() ? 0 : 1;
  }

  /** The operator prototype (null for sources: their operator is built from the Source). */
  public StreamOperator<?> getOperatorPrototype() {
    if (transformation instanceof OneInputTransformation<?, ?> t) {
      return t.getOperator();
    } else if (transformation instanceof TwoInputTransformation<?, ?, ?> t) {
      return t.getOperator();
    }
    return null;
  }

  /** The state key selector of input 1 or 2, null when that input is not keyed. */
  public KeySelector<?, ?> getStateKeySelector(int input) {
    if (transformation instanceof OneInputTransformation<?, ?> t) {
      return input == 1 ? t.getStateKeySelector() : null;
    } else if (transformation instanceof TwoInputTransformation<?, ?, ?> t) {
      return input == 1 ? t.getStateKeySelector1() : input == 2 ? t.getStateKeySelector2() : null;
    }
    return null;
  }

  public TypeInfo<?> getStateKeyType() {
    if (transformation instanceof OneInputTransformation<?, ?> t) {
      return t.getStateKeyType();
    } else if (transformation instanceof TwoInputTransformation<?, ?, ?> t) {
      return t.getStateKeyType();
    }
    return null;
  }

  public boolean isKeyed() {
    return getStateKeySelector(1) != null || getStateKeySelector(2) != null;
  }

  /**
   * Whether a BATCH job sorts this operator's input by key (a keyed operator that is not
   * {@linkplain io.weir.runtime.graph.Transformation#isWatermarkDrivenInBatch watermark-driven}).
   */
  public boolean sortsInputInBatch() {
    return isKeyed() && !transformation.isWatermarkDrivenInBatch();
  }

  public List<StreamEdge> getInEdges() {
    return inEdges;
  }

  public List<StreamEdge> getOutEdges() {
    return outEdges;
  }

  public JobVertex getVertex() {
    return vertex;
  }

  @Override
  public String toString() {
    return getName() + "[" + uid + ", p=" + parallelism + "]";
  }
}
