\set x random(0, 999)
SELECT id, k FROM parts WHERE v = :x;
