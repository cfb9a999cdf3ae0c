package io.weir.runtime.tasks;

import io.weir.core.functions.OutputTag;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.Output;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An operator's output: the main output's consumers plus side-output consumers by tag. When a
 * record goes to several consumers, all but the last get a copy (TypeSerializer.copy) in a fresh
 * wrapper, so one consumer can neither mutate another's value nor reuse its wrapper. Watermarks
 * and status go to every consumer, side outputs included.
 */
final class OperatorOutput<T> implements Output<T> {
  private final Output<T>[] main;
  private final TypeSerializer<T> mainCopier;
  private final Map<OutputTag<?>, Output<?>[]> tagged;
  private final Map<OutputTag<?>, TypeSerializer<?>> tagCopiers;
  private final Output<?>[] all;

  @SuppressWarnings("unchecked")
  OperatorOutput(List<Output<T>> main, TypeSerializer<T> mainCopier, Map<OutputTag<?>, List<Output<?>>> tagged,
      Map<OutputTag<?>, TypeSerializer<?>> tagCopiers) {
    this.main = main.toArray(new Output[0]);
    this.mainCopier = mainCopier;
    this.tagged = new java.util.HashMap<>();
    List<Output<?>> everything = new ArrayList<>(main);
    for (Map.Entry<OutputTag<?>, List<Output<?>>> e : tagged.entrySet()) {
      this.tagged.put(e.getKey(), e.getValue().toArray(new Output[0]));
      everything.addAll(e.getValue());
    }
    this.tagCopiers = tagCopiers;
    this.all = everything.toArray(new Output[0]);
  }

  @Override
  public void collect(StreamRecord<T> record) {
    if (main.length == 1) {
      main[0].collect(record);
    } else if (main.length > 1) {
      fanOut(main, record, mainCopier);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
    Output<?>[] targets = tagged.get(tag);
    if (targets == null) {
      return; // nobody reads this side output
    }
    if (targets.length == 1) {
      ((Output<X>) targets[0]).collect(record);
    } else {
      fanOut((Output<X>[]) targets, record, (TypeSerializer<X>) tagCopiers.get(tag));
    }
  }

  private static <X> void fanOut(Output<X>[] targets, StreamRecord<X> record, TypeSerializer<X> copier) {
    X value = record.getValue();
    long ts = record.getTimestamp();
    int last = targets.length - 1;
    for (int i = 0; i < last; i++) {
      X v = copier != null && value != null ? copier.copy(value) : value;
      targets[i].collect(new StreamRecord<>(v, ts));
    }
    targets[last].collect(record);
  }

  @Override
  public void emitWatermark(Watermark mark) {
    for (Output<?> o : all) {
      o.emitWatermark(mark);
    }
  }

  @Override
  public void emitWatermarkStatus(WatermarkStatus status) {
    for (Output<?> o : all) {
      o.emitWatermarkStatus(status);
    }
  }
}
