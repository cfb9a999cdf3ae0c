/**
 * Joins of two streams: the window join ({@code JoinedStreams}: both sides tagged, unioned, keyed
 * and windowed; {@link io.weir.datastream.join.JoinWindowFunction} pairs them up per window) and
 * the interval join ({@link io.weir.datastream.join.IntervalJoinOperator}, a keyed two-input
 * operator buffering both sides by timestamp until the watermark passes their last possible
 * partner).
 */
package io.weir.datastream.join;
