SELECT grp, count(*), sum(v), max(k) FROM parts GROUP BY grp;
