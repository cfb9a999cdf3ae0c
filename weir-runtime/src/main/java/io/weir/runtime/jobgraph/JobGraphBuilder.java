package io.weir.runtime.jobgraph;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.OutputTag;
import io.weir.core.source.Boundedness;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.SideOutputTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.graph.UnionTransformation;
import io.weir.runtime.operators.StreamOperator;
import io.weir.runtime.partitioner.ForwardPartitioner;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.partitioner.StreamPartitioner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Turns a {@link StreamGraph} into a {@link JobGraph}: resolves the execution mode, the
 * parallelism and max parallelism of every operator, folds virtual transformations into edges,
 * picks operator state keys (uids) and chains operators into vertices.
 *
 * <p>Rules:
 * <ul>
 *   <li>AUTOMATIC mode is BATCH iff every source is bounded; BATCH with an unbounded source fails.
 *   <li>Parallelism -1 means {@code parallelism.default}; max parallelism -1 means
 *       {@code pipeline.max-parallelism} (raised to the parallelism when that is larger and
 *       neither was set explicitly).
 *   <li>An edge without a partitioner is forward when both sides have the same parallelism, else
 *       rebalance. A keyBy edge gets the max parallelism of its target.
 *   <li>Chaining: forward edge, equal parallelism, the target has exactly one input edge, the
 *       target operator is chainable, {@code pipeline.operator-chaining} is on, and (BATCH) the
 *       target is not keyed (keyed operators read sorted input through an exchange).
 *   <li>Operator state key: the transformation's uid, else a hash of the operator's name and its
 *       inputs' keys, so that the same program gets the same keys on every run.
 * </ul>
 */
public final class JobGraphBuilder {
  private final StreamGraph graph;
  private final Configuration config;
  private final Map<Transformation<?>, StreamNode> nodes = new IdentityHashMap<>();
  private final List<StreamNode> nodeList = new ArrayList<>();

  private JobGraphBuilder(StreamGraph graph) {
    this.graph = graph;
    this.config = graph.getConfiguration();
  }

  public static JobGraph build(StreamGraph graph) {
    return new JobGraphBuilder(graph).build();
  }

  /** The effective mode of the graph (AUTOMATIC resolved); fails for BATCH with an unbounded source. */
  public static RuntimeExecutionMode resolveMode(StreamGraph graph) {
    List<Transformation<?>> all = postOrder(graph.getSinks());
    return resolveMode(graph.getConfiguration(), all);
  }

  private static RuntimeExecutionMode resolveMode(Configuration config, List<Transformation<?>> all) {
    RuntimeExecutionMode configured = config.get(CoreOptions.RUNTIME_MODE);
    List<SourceTransformation<?>> sources = new ArrayList<>();
    for (Transformation<?> t : all) {
      if (t instanceof SourceTransformation<?> s) {
        sources.add(s);
      }
    }
    if (configured == RuntimeExecutionMode.AUTOMATIC) {
      boolean allBounded = sources.stream().allMatch(s -> s.getBoundedness() == Boundedness.BOUNDED);
      return allBounded ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING;
    }
    if (configured == RuntimeExecutionMode.BATCH) {
      for (SourceTransformation<?> s : sources) {
        if (s.getBoundedness() != Boundedness.BOUNDED) {
          throw new IllegalStateException(
              "Source '" + s.getName() + "' is unbounded, but the job runs in BATCH mode: use a bounded "
                  + "source or run with execution.runtime-mode=STREAMING");
        }
      }
    }
    return configured;
  }

  private JobGraph build() {
    List<Transformation<?>> all = postOrder(graph.getSinks());
    RuntimeExecutionMode mode = resolveMode(config, all);

    int defaultParallelism = config.get(CoreOptions.DEFAULT_PARALLELISM);
    if (defaultParallelism < 1) {
      throw new IllegalArgumentException("parallelism.default must be >= 1, was " + defaultParallelism);
    }
    int configuredMax = config.get(CoreOptions.MAX_PARALLELISM);
    boolean maxExplicit = config.contains(CoreOptions.MAX_PARALLELISM);
    if (configuredMax < 1) {
      throw new IllegalArgumentException("pipeline.max-parallelism must be >= 1, was " + configuredMax);
    }

    // 1. nodes
    Set<String> uids = new HashSet<>();
    Map<String, Integer> generatedCount = new HashMap<>();
    for (Transformation<?> t : all) {
      if (t.isVirtual()) {
        continue;
      }
      if (!(t instanceof SourceTransformation || t instanceof OneInputTransformation
          || t instanceof TwoInputTransformation)) {
        throw new IllegalArgumentException("Unsupported transformation " + t + ": the local executor runs "
            + "sources, one-input and two-input operators");
      }
      int p = t.getParallelism() > 0 ? t.getParallelism() : defaultParallelism;
      int maxP;
      if (t.getMaxParallelism() > 0) {
        maxP = t.getMaxParallelism();
      } else {
        maxP = maxExplicit ? configuredMax : Math.max(configuredMax, p);
      }
      String uid = t.getUid();
      if (uid == null || uid.isBlank()) {
        uid = generateUid(t, generatedCount);
      } else if (!uids.add(uid)) {
        throw new IllegalArgumentException(
            "uid '" + uid + "' is used by more than one operator (second: '" + t.getName() + "'); uids must be unique");
      }
      uids.add(uid);
      StreamNode n = new StreamNode(nodeList.size(), t, uid, p, maxP);
      if (n.isKeyed() && p > maxP) {
        throw new IllegalArgumentException("Operator '" + t.getName() + "' has parallelism " + p
            + " but max parallelism " + maxP + ": keyed operators need parallelism <= max parallelism");
      }
      nodes.put(t, n);
      nodeList.add(n);
    }

    // 2. edges
    for (StreamNode target : nodeList) {
      Transformation<?> t = target.getTransformation();
      if (t instanceof OneInputTransformation<?, ?> one) {
        resolveInput(one.getInput(), target, 1, null, null);
      } else if (t instanceof TwoInputTransformation<?, ?, ?> two) {
        resolveInput(two.getInput1(), target, 1, null, null);
        resolveInput(two.getInput2(), target, 2, null, null);
      }
    }

    // 3. chaining
    boolean chainingEnabled = config.get(CoreOptions.OPERATOR_CHAINING);
    for (StreamNode n : nodeList) {
      for (StreamEdge e : n.outEdges) {
        e.chained = chainingEnabled && isChainable(e, mode);
      }
    }

    // 4. vertices (heads in node order = topological order)
    List<JobVertex> vertices = new ArrayList<>();
    for (StreamNode n : nodeList) {
      boolean head = n.inEdges.isEmpty() || n.inEdges.stream().noneMatch(StreamEdge::isChained);
      if (head) {
        JobVertex v = new JobVertex(vertices.size(), n);
        vertices.add(v);
        n.vertex = v;
      }
    }
    for (StreamNode n : nodeList) {
      if (n.vertex == null) {
        // exactly one chained in-edge, and its source comes earlier in node order
        n.vertex = n.inEdges.get(0).getSource().vertex;
      }
      n.vertex.operators.add(n);
    }
    for (StreamNode n : nodeList) {
      for (StreamEdge e : n.outEdges) {
        if (!e.isChained()) {
          n.vertex.outputs.add(e);
          e.getTarget().vertex.inputs.add(e);
        }
      }
    }
    return new JobGraph(graph.getJobName(), mode, config, nodeList, vertices);
  }

  private static boolean isChainable(StreamEdge e, RuntimeExecutionMode mode) {
    StreamNode target = e.getTarget();
    StreamOperator<?> op = target.getOperatorPrototype();
    Transformation.ChainingStrategy sourceStrategy = e.getSource().getTransformation().getChainingStrategy();
    Transformation.ChainingStrategy targetStrategy = target.getTransformation().getChainingStrategy();
    // disableChaining() (NEVER) breaks both sides; startNewChain() (HEAD) only the link to the predecessor
    return sourceStrategy != Transformation.ChainingStrategy.NEVER
        && targetStrategy == Transformation.ChainingStrategy.ALWAYS
        && e.getPartitioner() instanceof ForwardPartitioner
        && e.getSource().getParallelism() == target.getParallelism()
        && target.inEdges.size() == 1
        && op != null
        && op.isChainable()
        && !(mode == RuntimeExecutionMode.BATCH && target.sortsInputInBatch());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void resolveInput(Transformation<?> input, StreamNode target, int targetInput,
      StreamPartitioner<?> partitioner, OutputTag<?> tag) {
    if (input instanceof PartitionTransformation<?> p) {
      // the partitioning closest to the consumer wins
      resolveInput(p.getInput(), target, targetInput, partitioner != null ? partitioner : p.getPartitioner(), tag);
    } else if (input instanceof UnionTransformation<?> u) {
      for (Transformation<?> in : u.getUnionInputs()) {
        resolveInput(in, target, targetInput, partitioner, tag);
      }
    } else if (input instanceof SideOutputTransformation<?> s) {
      if (tag != null) {
        throw new IllegalArgumentException("A side output of a side output is not supported (" + s.getName() + ")");
      }
      if (s.getInput().isVirtual()) {
        throw new IllegalArgumentException("Side output '" + s.getTag().getId()
            + "' must be taken from an operator, not from " + s.getInput().getName());
      }
      resolveInput(s.getInput(), target, targetInput, partitioner, s.getTag());
    } else if (input.isVirtual()) {
      throw new IllegalArgumentException("Unsupported virtual transformation " + input);
    } else {
      StreamNode source = nodes.get(input);
      StreamPartitioner<?> part;
      if (partitioner == null) {
        part = source.getParallelism() == target.getParallelism() ? new ForwardPartitioner<>() : new RebalancePartitioner<>();
      } else if (partitioner instanceof ForwardPartitioner && source.getParallelism() != target.getParallelism()) {
        throw new IllegalArgumentException("Forward partitioning from '" + source.getName() + "' (parallelism "
            + source.getParallelism() + ") to '" + target.getName() + "' (parallelism " + target.getParallelism()
            + ") is not possible: forward needs equal parallelism (use rebalance() or rescale())");
      } else if (partitioner instanceof KeyGroupStreamPartitioner k) {
        part = k.withMaxParallelism(target.getMaxParallelism());
      } else {
        part = partitioner.copy();
      }
      TypeInfo<?> type = tag != null ? tag.getType() : input.getOutputType();
      StreamEdge edge = new StreamEdge(source, target, targetInput, part, tag, type);
      source.outEdges.add(edge);
      target.inEdges.add(edge);
    }
  }

  /** Every transformation reachable from the sinks, each after all of its inputs; deterministic. */
  static List<Transformation<?>> postOrder(List<Transformation<?>> sinks) {
    List<Transformation<?>> out = new ArrayList<>();
    Map<Transformation<?>, Boolean> state = new IdentityHashMap<>(); // false = in progress, true = done
    for (Transformation<?> s : sinks) {
      visit(s, state, out);
    }
    return out;
  }

  private static void visit(Transformation<?> t, Map<Transformation<?>, Boolean> state, List<Transformation<?>> out) {
    // iterative DFS: user graphs can be long chains
    record Frame(Transformation<?> t, int next) {}
    java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
    if (state.containsKey(t)) {
      return;
    }
    state.put(t, false);
    stack.push(new Frame(t, 0));
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      List<Transformation<?>> inputs = f.t().getInputs();
      if (f.next() < inputs.size()) {
        stack.push(new Frame(f.t(), f.next() + 1));
        Transformation<?> in = inputs.get(f.next());
        Boolean st = state.get(in);
        if (st == null) {
          state.put(in, false);
          stack.push(new Frame(in, 0));
        } else if (!st) {
          throw new IllegalArgumentException("The job graph has a cycle through " + in);
        }
      } else {
        state.put(f.t(), true);
        out.add(f.t());
      }
    }
  }

  /** A stable id from the operator's name and kind and, recursively, the ids of its inputs. */
  private String generateUid(Transformation<?> t, Map<String, Integer> generatedCount) {
    StringBuilder sig = new StringBuilder();
    sig.append(t.getName()).append('|').append(t.getClass().getSimpleName());
    StreamOperator<?> op = t instanceof OneInputTransformation<?, ?> o ? o.getOperator()
        : t instanceof TwoInputTransformation<?, ?, ?> o2 ? o2.getOperator() : null;
    if (op != null) {
      sig.append('|').append(op.getClass().getName());
    }
    appendInputSignature(t, sig);
    String hash = sha1Hex(sig.toString()).substring(0, 12);
    String base = "auto-" + hash;
    int n = generatedCount.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + "-" + n;
  }

  private void appendInputSignature(Transformation<?> t, StringBuilder sig) {
    int i = 0;
    for (Transformation<?> in : t.getInputs()) {
      sig.append("|in").append(i++).append('=');
      appendUpstream(in, sig);
    }
  }

  private void appendUpstream(Transformation<?> in, StringBuilder sig) {
    if (in.isVirtual()) {
      sig.append(in.getClass().getSimpleName());
      if (in instanceof SideOutputTransformation<?> s) {
        sig.append('(').append(s.getTag().getId()).append(')');
      } else if (in instanceof PartitionTransformation<?> p) {
        sig.append('(').append(p.getPartitioner()).append(')');
      }
      sig.append('[');
      for (Transformation<?> x : in.getInputs()) {
        appendUpstream(x, sig);
        sig.append(',');
      }
      sig.append(']');
    } else {
      sig.append(nodes.get(in).getUid());
    }
  }

  private static String sha1Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
