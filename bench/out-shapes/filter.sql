\set g random(0, 99)
SELECT count(*), sum(v) FROM parts WHERE grp = :g;
