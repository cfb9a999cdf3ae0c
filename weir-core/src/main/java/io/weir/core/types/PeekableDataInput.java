package io.weir.core.types;

import java.io.DataInput;
import java.io.IOException;

/**
 * A {@link DataInput} whose next bytes can be read in place from its {@code byte[]}, so that the
 * string and varint decoders of the serializers scan a run of bytes (and build an ASCII string
 * with one bulk copy) instead of calling {@link #readByte} per byte. Implemented by {@link
 * ByteArrayDataInput} and by the runtime's buffered stream reader.
 */
public interface PeekableDataInput extends DataInput {
  /**
   * Makes up to {@code n} of the next bytes readable in place, from {@link #buffer()} at {@link
   * #position()}, and returns how many are: fewer than {@code n} only at the end of the data or
   * when {@code n} exceeds the reader's window. A stream reader may block until they have
   * arrived, so ask only for bytes that are about to be read.
   */
  int fill(int n) throws IOException;

  /** The array holding the bytes made readable by the last {@link #fill}; valid until the next read. */
  byte[] buffer();

  /** Index in {@link #buffer()} of the next byte to read. */
  int position();

  /** Marks {@code n} bytes, at most what the last {@link #fill} returned, as read. */
  void consume(int n);
}
