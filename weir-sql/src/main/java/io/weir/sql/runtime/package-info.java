/**
 * The SQL runtime: operators on {@link io.weir.core.types.Row} with {@link io.weir.core.types.RowKind}
 * changelog semantics (+I, -U, +U, -D), built by the planner straight into transformations.
 *
 * <h2>Contracts shared by all operators</h2>
 * <ul>
 *   <li>Keyed operators ({@code operators.GroupAggregateOperator}, {@code StreamingJoinOperator},
 *       {@code RankOperator}, {@code WindowAggregateOperator}) expect the transformation's state key
 *       to be a Row of the key fields in order ({@link io.weir.sql.runtime.functions.RowKeySelector},
 *       e.g. {@link io.weir.sql.runtime.functions.FieldsKeySelector}); an empty Row for "no key".
 *       Aggregations output {@code key fields ++ aggregate values} (window aggregation adds
 *       window_start, window_end, window_time).
 *   <li>Each keyed operator is correct in both modes: in BATCH it collects a key's rows and emits the
 *       final insert-only result on the key's end-of-input timer (the engine sorts keyed input and
 *       fires a key's timers on key change). The {@code batch} package holds the faster unkeyed
 *       BATCH operators (hash aggregation, hash/sort-merge join, external sort) with a memory budget
 *       and spilling.
 *   <li>Aggregates: {@link io.weir.sql.runtime.functions.AggregateSpec} lists go through
 *       {@link io.weir.sql.runtime.aggregate.RowAggregator}: a generated
 *       {@link io.weir.sql.runtime.aggregate.AggsHandle} per call list (FILTER, DISTINCT, NULL
 *       skipping, accumulate/retract/merge, compact accumulator serializers for state and spilling).
 *   <li>SQL NULL keys never join (equi-join keys containing NULL only appear NULL-padded).
 * </ul>
 *
 * <h2>Operators</h2>
 * <ul>
 *   <li>Both modes, stateless: {@code CalcOperator}, {@code ExpandOperator} (grouping sets),
 *       {@code WatermarkAssignerOperator}, {@code LookupJoinOperator}.
 *   <li>Both modes, keyed, updating in STREAMING: {@code GroupAggregateOperator},
 *       {@code StreamingJoinOperator}, {@code RankOperator} (Top-N, dedup, BATCH ORDER BY of a
 *       bounded size).
 *   <li>Both modes, keyed, insert-only, driven by event time: {@code WindowAggregateOperator},
 *       {@code WindowRankOperator}, {@code WindowJoinOperator}, {@code IntervalJoinOperator},
 *       {@code TemporalJoinOperator}, {@code OverAggregateOperator}.
 *   <li>BATCH only, unkeyed, spilling: {@code batch.HashAggregateOperator},
 *       {@code batch.SortAggregateOperator}, {@code batch.HashJoinOperator},
 *       {@code batch.SortMergeJoinOperator}, {@code batch.SortOperator}, {@code batch.SortLimitOperator}.
 * </ul>
 */
package io.weir.sql.runtime;
