-- Nexmark q9 (winning bids): every auction with its best bid made while it was open (highest
-- price, then earliest; bidder breaks the remaining ties so the result is deterministic).
-- Regular join followed by a top-1 that retracts as better bids arrive.
CREATE TABLE nexmark_q9 (
  id           BIGINT,
  itemName     VARCHAR,
  description  VARCHAR,
  initialBid   BIGINT,
  reserve      BIGINT,
  dateTime     TIMESTAMP(3),
  expires      TIMESTAMP(3),
  seller       BIGINT,
  category     BIGINT,
  extra        VARCHAR,
  auction      BIGINT,
  bidder       BIGINT,
  price        BIGINT,
  bid_dateTime TIMESTAMP(3),
  bid_extra    VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q9
SELECT id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra,
       auction, bidder, price, bid_dateTime, bid_extra
FROM (
  SELECT A.id, A.itemName, A.description, A.initialBid, A.reserve, A.dateTime, A.expires,
         A.seller, A.category, A.extra,
         B.auction, B.bidder, B.price, B.dateTime AS bid_dateTime, B.extra AS bid_extra,
         ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC, B.bidder ASC) AS rownum
  FROM auction AS A
  JOIN bid AS B ON A.id = B.auction
  WHERE B.dateTime BETWEEN A.dateTime AND A.expires
)
WHERE rownum <= 1;
