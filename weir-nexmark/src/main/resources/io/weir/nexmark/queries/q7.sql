-- Nexmark q7 (highest bid): per 10-second tumbling window the highest price, joined back to the
-- bids of that window with that price. In Weir the window end of a window aggregation is an
-- event-time attribute, so this is an interval join on price (a bid is kept 10 s behind the
-- watermark, a window's maximum until the watermark reaches its end); Flink treats window_end as
-- a plain timestamp and plans a regular join that keeps every bid.
CREATE TABLE nexmark_q7 (
  auction  BIGINT,
  bidder   BIGINT,
  price    BIGINT,
  dateTime TIMESTAMP(3),
  extra    VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q7
SELECT B.auction, B.bidder, B.price, B.dateTime, B.extra
FROM bid AS B
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS wend
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) AS M
ON B.price = M.maxprice
WHERE B.dateTime BETWEEN M.wend - INTERVAL '10' SECOND AND M.wend;
