-- Row constructors: comparisons with PostgreSQL's NULL rules, IN lists and subqueries of rows,
-- ANY/ALL, IS [NOT] NULL and IS [NOT] DISTINCT FROM on rows, keyset pagination over a composite
-- key, and records printed through ::text.
CREATE TABLE fr_events (tenant int, seq int, kind text, amount numeric(8,2), note text, PRIMARY KEY (tenant, seq));
INSERT INTO fr_events VALUES
  (1, 1, 'open', 10.00, 'first'), (1, 2, 'buy', 25.50, NULL), (1, 3, 'sell', 5.25, 'x'), (1, 4, 'buy', NULL, 'late'),
  (2, 1, 'open', 0.00, NULL), (2, 2, 'buy', 99.99, 'big'), (2, 3, NULL, 1.00, 'odd'),
  (3, 1, 'open', 7.00, 'a,b'), (3, 2, 'close', 7.00, ''), (4, 1, 'buy', 3.50, 'two words');
CREATE TABLE fr_pairs (a int, b int, label text);
INSERT INTO fr_pairs VALUES (1, 2, 'p1'), (2, 1, 'p2'), (1, NULL, 'p3'), (NULL, 3, 'p4'), (3, 1, 'p5');
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (1, 3) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (1, 3) ORDER BY tenant, seq LIMIT 3;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) >= (2, 2) ORDER BY tenant, seq LIMIT 2;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) < (2, 2) ORDER BY tenant DESC, seq DESC;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) <= (2, 1) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (1, 2) AND (tenant, seq) < (3, 2) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (2, 1) < (tenant, seq) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (1, NULL) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (NULL, 1) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (1.5, 0) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) >= (2, 2.5) ORDER BY tenant, seq;
SELECT tenant, seq, kind FROM fr_events WHERE tenant = 1 AND (tenant, seq) > (1, 1) ORDER BY seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (0, 0) ORDER BY tenant, seq FETCH FIRST 4 ROWS ONLY;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > (4, 1) ORDER BY tenant, seq LIMIT 10;
SELECT count(*) FROM fr_events WHERE (tenant, seq) BETWEEN (1, 1) AND (2, 2);
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) = (2, 3);
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) <> (1, 1) AND tenant = 1 ORDER BY seq;
SELECT tenant, seq FROM fr_events WHERE ROW(tenant, seq) = ROW(3, 2);
SELECT tenant, seq FROM fr_events WHERE (kind, amount) = ('buy', 25.50);
SELECT tenant, seq, (kind, amount) = ('buy', 25.50) AS eq FROM fr_events ORDER BY tenant, seq;
SELECT tenant, seq, (kind, amount) <> ('buy', 3.50) AS ne FROM fr_events ORDER BY tenant, seq;
SELECT tenant, seq, (amount, kind) > (7.00, 'close') AS gt, (amount, kind) <= (7.00, 'open') AS le FROM fr_events ORDER BY tenant, seq;
SELECT label, (a, b) < (2, 0) AS lt, (a, b) >= (1, 2) AS ge FROM fr_pairs ORDER BY label;
SELECT (1, NULL) = (1, 2), (1, NULL) = (2, 2), (1, NULL) <> (1, 2), (1, NULL) <> (2, 2);
SELECT (1, NULL) < (2, 0), (1, NULL) < (1, 5), (NULL, 1) > (0, 0), (1, 2, 3) <= (1, 2, 3), (1, 2, 3) < (1, 2, 3);
SELECT ('a', 1) < ('b', 0), ('b', 1) < ('a', 9), ('a', 1) < ('a', 1.5);
SELECT ROW(1, 2.0) = ROW(1.0, 2), ROW(1) < ROW(2), ROW('x') IS NULL;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) IN ((1, 2), (2, 3), (9, 9)) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) NOT IN ((1, 2), (2, 3)) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (kind, tenant) IN (('buy', 1), ('open', 3), (NULL, 2)) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) IN (VALUES (1, 1), (4, 1)) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) IN (SELECT a, b FROM fr_pairs) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) NOT IN (SELECT a, b FROM fr_pairs) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) NOT IN (SELECT a, b FROM fr_pairs WHERE a IS NOT NULL AND b IS NOT NULL) ORDER BY tenant, seq;
SELECT label, (a, b) IN (SELECT tenant, seq FROM fr_events) AS present FROM fr_pairs ORDER BY label;
SELECT label, (a, b) NOT IN (SELECT tenant, seq FROM fr_events) AS is_absent FROM fr_pairs ORDER BY label;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) = ANY (SELECT a, b FROM fr_pairs) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) > ALL (SELECT a, b FROM fr_pairs WHERE a < 3) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) < ANY (SELECT 1, 3) ORDER BY tenant, seq;
SELECT label, (a, b) <> ALL (SELECT tenant, seq FROM fr_events WHERE tenant = 1) AS none FROM fr_pairs ORDER BY label;
SELECT tenant, seq FROM fr_events WHERE (tenant, seq) = (SELECT a, b FROM fr_pairs WHERE label = 'p2');
SELECT (1, 2) = (SELECT a, b FROM fr_pairs WHERE label = 'none');
SELECT e.tenant, e.seq FROM fr_events e WHERE (e.tenant, e.seq) = (SELECT max(tenant), 1 FROM fr_events x WHERE x.kind = e.kind) ORDER BY 1, 2;
SELECT tenant, seq FROM fr_events e WHERE EXISTS (SELECT 1 FROM fr_pairs p WHERE (p.a, p.b) = (e.tenant, e.seq)) ORDER BY tenant, seq;
SELECT label, (a, b) IS NULL AS all_null, (a, b) IS NOT NULL AS none_null, NOT (a, b) IS NULL AS some_value FROM fr_pairs ORDER BY label;
SELECT tenant, seq FROM fr_events WHERE (kind, note) IS NOT NULL ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (kind, note) IS DISTINCT FROM ('buy', NULL) ORDER BY tenant, seq;
SELECT tenant, seq FROM fr_events WHERE (kind, note) IS NOT DISTINCT FROM ('buy', NULL) ORDER BY tenant, seq;
SELECT label, (a, b) IS DISTINCT FROM (1, NULL) AS d FROM fr_pairs ORDER BY label;
SELECT (NULL, NULL) IS NULL, (NULL, 1) IS NULL, (NULL, 1) IS NOT NULL, ROW() IS NULL;
SELECT ROW(1, 'a')::text, (1, 'two words', '', NULL)::text, ROW(NULL)::text, ROW()::text;
SELECT ROW(tenant, seq, kind)::text FROM fr_events ORDER BY tenant, seq;
SELECT fr_events::text FROM fr_events ORDER BY tenant, seq;
SELECT e::text AS whole FROM fr_events e WHERE tenant = 3 ORDER BY seq;
SELECT ROW(e.*)::text FROM fr_events e WHERE (tenant, seq) = (4, 1);
SELECT (amount, note)::text FROM fr_events WHERE tenant = 3 ORDER BY seq;
SELECT ROW(1, 'q"uote', 'back\slash', '(paren)')::text;
SELECT ROW(true, false, NULL::boolean, 1.50, DATE '2024-02-29')::text;
SELECT count(DISTINCT (kind, tenant)) FROM fr_events;
SELECT count(*) FROM (SELECT DISTINCT (a, b)::text FROM fr_pairs) x;
SELECT r FROM (SELECT ROW(tenant, seq)::text AS r FROM fr_events) x ORDER BY r DESC LIMIT 3;
SELECT p::text FROM (VALUES (1, 'a'), (2, NULL)) p(n, s) ORDER BY n;
SELECT length(fr_pairs::text), label FROM fr_pairs ORDER BY label;
-- error 42601
SELECT (1, 2) = (1, 2, 3);
-- error 42601
SELECT tenant FROM fr_events WHERE (tenant, seq) IN ((1, 2), (1, 2, 3));
-- error 42883
SELECT (1, 2) = 1;
-- error 42883
SELECT tenant FROM fr_events WHERE (tenant, seq) IN (1, 2);
-- error 22P02
SELECT (1, 'a') = (1, 2);
-- error 42601
SELECT (1, 2) = (SELECT 1);
-- error 42601
SELECT (1, 2) IN (SELECT 1, 2, 3);
-- error 42601
SELECT (SELECT 1, 3) > (1, 2);
-- error 21000
SELECT (1, 2) = (SELECT a, b FROM fr_pairs);
-- error 42883
SELECT (1, 2) > (1);
-- error 42883
SELECT (1, 2) IN (SELECT 1, NULL);

-- multiple-column UPDATE from ROW(...) (a parenthesized list needs two or more items)
CREATE TABLE fp_rows (id int PRIMARY KEY, a int, b text);
INSERT INTO fp_rows VALUES (1, 1, 'x'), (2, 2, 'y');
UPDATE fp_rows SET (a, b) = (5, 'w') WHERE id = 1 RETURNING a, b;
-- error 0A000
UPDATE fp_rows SET (a) = (6) WHERE id = 2 RETURNING a;
UPDATE fp_rows SET (a, b) = ROW(7, 'v') WHERE id = 1 RETURNING a, b;
UPDATE fp_rows SET (a) = ROW(8) WHERE id = 2 RETURNING a;
UPDATE fp_rows SET (a) = (SELECT 9) WHERE id = 2 RETURNING a;
UPDATE fp_rows SET (a, b) = ROW(a + 1, b || '!') RETURNING id, a, b;
UPDATE fp_rows SET (a, b) = row (a * 2, 'r,(ow)') WHERE id = 1 RETURNING a, b;
-- error 42601
UPDATE fp_rows SET (a, b) = ROW(1) WHERE id = 1;
UPDATE fp_rows SET (a, b) = ROW(DEFAULT, 'd') WHERE id = 1 RETURNING a, b;
UPDATE fp_rows SET (a, b) = ROW((SELECT max(id) FROM fp_rows), 'm') WHERE id = 2 RETURNING a, b;
SELECT id, a, b FROM fp_rows WHERE (a, b) = ROW(2, 'm') ORDER BY id;
WITH u AS (UPDATE fp_rows SET (a, b) = ROW(0, 'z') WHERE id = 2 RETURNING a, b) SELECT * FROM u;
