\set lo random(0, 99000)
SELECT count(*), sum(v) FROM parts WHERE k >= :lo AND k < :lo + 1000;
