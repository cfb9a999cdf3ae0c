-- Nexmark q13 (bounded side-input join): each bid enriched with the side table's value for key
-- auction mod 10000, by a processing-time lookup join. The side table has 10,000 rows (i, 'i');
-- NexmarkQuery.load writes it and replaces ${NEXMARK_SIDE_INPUT_PATH} with its path.
CREATE TABLE side_input (
  `key`   BIGINT,
  `value` VARCHAR
) WITH (
  'connector' = 'filesystem',
  'path' = '${NEXMARK_SIDE_INPUT_PATH}',
  'format' = 'csv'
);

CREATE TEMPORARY VIEW bid_with_proctime AS
SELECT auction, bidder, price, channel, url, dateTime, extra, PROCTIME() AS p_time
FROM bid;

CREATE TABLE nexmark_q13 (
  auction  BIGINT,
  bidder   BIGINT,
  price    BIGINT,
  dateTime TIMESTAMP(3),
  `value`  VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q13
SELECT B.auction, B.bidder, B.price, B.dateTime, S.`value`
FROM bid_with_proctime AS B
JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
ON MOD(B.auction, 10000) = S.`key`;
