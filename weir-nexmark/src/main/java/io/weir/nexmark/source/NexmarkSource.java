package io.weir.nexmark.source;

import io.weir.core.source.SourceOutput;
import io.weir.core.types.TypeInfo;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;

/**
 * The Nexmark union stream for the DataStream API; each event carries its event time as the
 * record timestamp, so a watermark strategy needs no timestamp assigner:
 *
 * <pre>{@code
 * DataStream<Event> events = env.fromSource(new NexmarkSource(config),
 *     WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(4)), "nexmark");
 * }</pre>
 *
 * Bounded when {@code events.num > 0}. With {@code rate.limited} the events follow the wall-clock
 * schedule of {@code first-event.rate}; otherwise they come as fast as the readers can make them.
 */
public final class NexmarkSource extends AbstractNexmarkSource<Event> {
  private static final long serialVersionUID = 1L;

  public NexmarkSource(NexmarkConfig config) {
    super(config);
  }

  @Override
  protected Emitter<Event> createEmitter() {
    return NexmarkSource::emitEvent;
  }

  private static void emitEvent(NexmarkGenerator generator, long index, SourceOutput<Event> output) {
    Event e = generator.eventAt(index);
    output.collect(e, e.timestamp());
  }

  @Override
  public TypeInfo<Event> getProducedType() {
    return TypeInfo.of(Event.class);
  }

  @Override
  public String toString() {
    return "NexmarkSource(" + (config().isBounded() ? config().eventsNum() + " events" : "unbounded")
        + (config().rateLimited() ? ", " + config().firstEventRate() + " events/s" : "") + ")";
  }
}
