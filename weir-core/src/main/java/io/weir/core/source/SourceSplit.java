package io.weir.core.source;

/** A unit of a source's work (a file, a sequence range, a partition); carries its position. */
public interface SourceSplit {
  String splitId();
}
