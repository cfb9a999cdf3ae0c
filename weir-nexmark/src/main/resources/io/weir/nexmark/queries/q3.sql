-- Nexmark q3 (local item suggestion): sellers in Oregon, Idaho or California with their
-- category-10 auctions; an unbounded equi-join of two append-only inputs.
CREATE TABLE nexmark_q3 (
  name  VARCHAR,
  city  VARCHAR,
  state VARCHAR,
  id    BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q3
SELECT P.name, P.city, P.state, A.id
FROM auction AS A
JOIN person AS P ON A.seller = P.id
WHERE A.category = 10 AND P.state IN ('OR', 'ID', 'CA');
