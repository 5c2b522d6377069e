-- generate_series in FROM, alone, joined, and reading the items before it.
SELECT * FROM generate_series(1, 5);
SELECT * FROM generate_series(10, 1, -3) g;
SELECT x FROM generate_series(1, 3) AS g(x) ORDER BY x DESC;
SELECT g, g * g AS sq FROM generate_series(-2, 2) g WHERE g <> 0;
SELECT count(*), sum(g) FROM generate_series(1, 1000) g;
SELECT * FROM generate_series(1.5, 4) s;
SELECT * FROM generate_series(5, 1);
SELECT * FROM generate_series(1, NULL);
-- error 22023
SELECT * FROM generate_series(1, 3, 0);
CREATE TABLE ff_orders (id int PRIMARY KEY, qty int);
INSERT INTO ff_orders VALUES (1, 2), (2, 0), (3, 3);
SELECT o.id, n FROM ff_orders o, generate_series(1, o.qty) n ORDER BY o.id, n;
SELECT o.id, count(n) FROM ff_orders o LEFT JOIN LATERAL generate_series(1, o.qty) n ON true GROUP BY o.id ORDER BY o.id;
SELECT a.a, b.b FROM generate_series(1, 3) a JOIN generate_series(2, 4) b ON a.a = b.b ORDER BY 1;
INSERT INTO ff_orders SELECT g, g % 4 FROM generate_series(10, 15) g;
SELECT id, qty FROM ff_orders WHERE id IN (SELECT g FROM generate_series(2, 12, 5) g) ORDER BY id;
