package io.weir.core.source;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.Serializable;

/**
 * A unified source: a {@link SplitEnumerator} (one per job) discovers splits and assigns them to
 * {@link SourceReader}s (one per parallel subtask). The same source runs bounded in BATCH mode and
 * bounded or unbounded in STREAMING mode. Reader positions live in the splits, so a checkpoint is
 * the list of unfinished splits (plus the enumerator's state).
 */
public interface Source<T, SplitT extends SourceSplit, EnumStateT> extends Serializable {
  Boundedness getBoundedness();

  TypeInfo<T> getProducedType();

  SplitEnumerator<SplitT, EnumStateT> createEnumerator(SplitEnumeratorContext<SplitT> context)
      throws Exception;

  SplitEnumerator<SplitT, EnumStateT> restoreEnumerator(
      SplitEnumeratorContext<SplitT> context, EnumStateT checkpoint) throws Exception;

  SourceReader<T, SplitT> createReader(SourceReaderContext context) throws Exception;

  TypeSerializer<SplitT> getSplitSerializer();

  TypeSerializer<EnumStateT> getEnumeratorCheckpointSerializer();
}
