/**
 * Windows on keyed (and, through {@code windowAll}, non-keyed) streams.
 *
 * <ul>
 *   <li>{@code windows}: {@code TimeWindow} [start, end) and {@code GlobalWindow}; windows are the
 *       namespaces of window state and timers.
 *   <li>{@code assigners}: tumbling, sliding and session windows on event and processing time,
 *       global windows.
 *   <li>{@code triggers}: when a window fires ({@code EventTimeTrigger}, {@code ProcessingTimeTrigger},
 *       {@code CountTrigger}, {@code PurgingTrigger}, or user triggers).
 *   <li>{@code functions}: the user window functions.
 *   <li>{@code operators}: {@code SlicingWindowOperator} computes tumbling and sliding windows with
 *       their default trigger from panes of gcd(size, slide), one state update per record;
 *       {@code WindowOperator} handles everything else (sessions with merging, global/count
 *       windows, custom triggers) with state per window.
 * </ul>
 *
 * <p>Modes: both operators rely only on timers, so BATCH needs no extra code: the engine feeds
 * each key's records together and fires the key's event-time timers when the next key starts, and
 * the watermark stays at -inf until the input ends, so no record is late. Processing-time timers
 * do not fire in BATCH: processing-time windows produce no output there.
 */
package io.weir.datastream.windowing;
