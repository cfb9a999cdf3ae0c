-- Nexmark q12 (processing-time windows): bids per bidder in 10-second tumbling windows of
-- processing time. Results depend on when events are processed.
CREATE TEMPORARY VIEW bid_with_proctime AS
SELECT auction, bidder, price, channel, url, dateTime, extra, PROCTIME() AS p_time
FROM bid;

CREATE TABLE nexmark_q12 (
  bidder    BIGINT,
  bid_count BIGINT,
  starttime TIMESTAMP(3),
  endtime   TIMESTAMP(3)
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q12
SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime, window_end AS endtime
FROM TABLE(TUMBLE(TABLE bid_with_proctime, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end;
