-- Nexmark q6 (average selling price by seller): the winning bid of every auction (highest
-- price among the bids made while it was open; earlier bid first on a tie), then per seller the
-- average of the current and the 10 previous winning prices in time order.
-- Flink cannot run this query (FLINK-19059: an OVER aggregation cannot consume the updates of
-- the top-1); Weir recomputes the affected OVER rows when a winning bid changes.
CREATE TABLE nexmark_q6 (
  seller    BIGINT,
  avg_price BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q6
SELECT W.seller,
       AVG(W.price) OVER (PARTITION BY W.seller ORDER BY W.dateTime
                          ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
  SELECT seller, price, dateTime
  FROM (
    SELECT A.seller, B.price, B.dateTime,
           ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC, B.bidder ASC) AS rownum
    FROM auction AS A
    JOIN bid AS B ON A.id = B.auction
    WHERE B.dateTime BETWEEN A.dateTime AND A.expires
  )
  WHERE rownum <= 1
) AS W;
