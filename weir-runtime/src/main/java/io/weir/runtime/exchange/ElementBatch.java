package io.weir.runtime.exchange;

import io.weir.runtime.streamrecord.StreamElement;

/**
 * A batch of stream elements handed between tasks in one piece. Records in a batch are owned by
 * the batch (fresh {@link io.weir.runtime.streamrecord.StreamRecord} wrappers), so the consumer
 * may pass them on as they are. A batch is written by one producer and read by one consumer.
 */
public final class ElementBatch {
  final StreamElement[] elements;
  int size;

  public ElementBatch(int capacity) {
    this.elements = new StreamElement[capacity];
  }

  public static ElementBatch of(StreamElement... elements) {
    ElementBatch b = new ElementBatch(elements.length);
    for (StreamElement e : elements) {
      b.add(e);
    }
    return b;
  }

  public boolean add(StreamElement e) {
    elements[size++] = e;
    return size == elements.length;
  }

  public boolean isFull() {
    return size == elements.length;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  public StreamElement get(int i) {
    return elements[i];
  }
}
