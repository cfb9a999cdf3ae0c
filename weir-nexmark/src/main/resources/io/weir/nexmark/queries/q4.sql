-- Nexmark q4 (average price per category): the winning (highest) price of every auction,
-- counting only bids made while the auction was open, averaged per category. The inner MAX
-- updates, so the outer AVG consumes retractions. AVG over BIGINT is BIGINT (truncated), as in
-- Flink. The sink names its columns id/final.
CREATE TABLE nexmark_q4 (
  id    BIGINT,
  final BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q4
SELECT W.category, AVG(W.final_price)
FROM (
  SELECT A.id, A.category, MAX(B.price) AS final_price
  FROM auction AS A
  JOIN bid AS B ON A.id = B.auction
  WHERE B.dateTime BETWEEN A.dateTime AND A.expires
  GROUP BY A.id, A.category
) AS W
GROUP BY W.category;
