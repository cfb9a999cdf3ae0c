-- Nexmark q5 (hot items): per 10-second window sliding every 2 seconds, the auctions with the
-- most bids (all of them on a tie). Two aggregations of the same windows joined on the window
-- bounds.
CREATE TABLE nexmark_q5 (
  auction BIGINT,
  num     BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q5
SELECT C.auction, C.num
FROM (
  SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) AS C
JOIN (
  SELECT MAX(N.num) AS maxnum, N.starttime, N.endtime
  FROM (
    SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
    GROUP BY auction, window_start, window_end
  ) AS N
  GROUP BY N.starttime, N.endtime
) AS M
ON C.starttime = M.starttime AND C.endtime = M.endtime
WHERE C.num >= M.maxnum;
