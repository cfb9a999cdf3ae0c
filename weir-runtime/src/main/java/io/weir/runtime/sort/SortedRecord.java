package io.weir.runtime.sort;

/** One record out of an {@link ExternalSorter}, with the sort key bytes it was added with. */
public record SortedRecord<T>(byte[] sortKey, T record, long timestamp) {}
