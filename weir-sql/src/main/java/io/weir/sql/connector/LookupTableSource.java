package io.weir.sql.connector;

import io.weir.core.config.ConfigOption;
import io.weir.sql.runtime.functions.LookupFunction;
import java.time.Duration;

/**
 * A table source that can also be read by key, as the dimension table of a processing-time lookup
 * join ({@code JOIN dim FOR SYSTEM_TIME AS OF l.proctime ON l.k = dim.k}). A factory whose source
 * implements this should list {@link #CACHE_MAX_ROWS} and {@link #CACHE_TTL} among its optional
 * options; the planner reads them to size the join's cache.
 */
public interface LookupTableSource extends ScanTableSource {
  ConfigOption<Integer> CACHE_MAX_ROWS = ConfigOption.of("lookup.cache.max-rows", Integer.class, 0,
      "Keys a lookup join caches (0 = no cache)");
  ConfigOption<Duration> CACHE_TTL = ConfigOption.of("lookup.cache.ttl", Duration.class, Duration.ofMinutes(1),
      "How long a lookup join's cached key stays valid (processing time)");

  /**
   * A function returning the rows (all physical columns) whose fields {@code keyFields} (indexes
   * into the physical columns, in key order) equal the looked-up key.
   */
  LookupFunction createLookupFunction(int[] keyFields);
}
