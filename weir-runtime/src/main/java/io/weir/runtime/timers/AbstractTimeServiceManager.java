package io.weir.runtime.timers;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Named timer services of one keyed operator subtask; the mode-specific parts are in subclasses. */
abstract class AbstractTimeServiceManager<K> implements InternalTimeServiceManager<K> {
  final KeyedStateBackend<K> backend;
  final ProcessingTimeService processingTimeService;
  final Map<String, TimerServiceImpl<K, ?>> services = new LinkedHashMap<>();
  /** Same services in creation order, iterated by index: a timer callback may create a service. */
  final List<TimerServiceImpl<K, ?>> serviceList = new ArrayList<>();
  long currentWatermark = Long.MIN_VALUE;

  AbstractTimeServiceManager(KeyedStateBackend<K> backend, ProcessingTimeService processingTimeService) {
    this.backend = Objects.requireNonNull(backend, "keyed state backend");
    this.processingTimeService = processingTimeService;
  }

  abstract boolean processingTimeEnabled();

  @Override
  @SuppressWarnings("unchecked")
  public <N> InternalTimerService<N> getInternalTimerService(
      String name, TypeSerializer<N> namespaceSerializer, Triggerable<K, N> triggerable) {
    Objects.requireNonNull(name, "timer service name");
    Objects.requireNonNull(triggerable, "triggerable of timer service '" + name + "'");
    TimerServiceImpl<K, N> service = (TimerServiceImpl<K, N>) services.get(name);
    if (service == null) {
      service = new TimerServiceImpl<>(name, this, Objects.requireNonNull(namespaceSerializer), triggerable);
      services.put(name, service);
      serviceList.add(service);
      onServiceCreated(service);
    } else {
      // The operator may ask again (e.g. from open() after a restore); the latest target wins.
      service.setTriggerable(triggerable);
    }
    return service;
  }

  /** Hook: adopt restored timers. */
  void onServiceCreated(TimerServiceImpl<K, ?> service) {}

  long currentWatermark() {
    return currentWatermark;
  }

  /** Number of live event-time timers in all services (tests, diagnostics). */
  public int numEventTimeTimers() {
    int n = 0;
    for (TimerServiceImpl<K, ?> s : serviceList) {
      n += s.numEventTimeTimers();
    }
    return n;
  }

  /** Number of live processing-time timers in all services (tests, diagnostics). */
  public int numProcessingTimeTimers() {
    int n = 0;
    for (TimerServiceImpl<K, ?> s : serviceList) {
      n += s.numProcessingTimeTimers();
    }
    return n;
  }
}
