-- TRUNCATE: a transactional swap of the table's data.
CREATE TABLE tr (id int PRIMARY KEY, email text UNIQUE, n int);
CREATE INDEX tr_n ON tr (n);
INSERT INTO tr SELECT g, 'u' || g, g % 7 FROM generate_series(1, 300) g;
CREATE TABLE tr2 (id int PRIMARY KEY);
INSERT INTO tr2 VALUES (1), (2);
TRUNCATE tr;
SELECT count(*) FROM tr;
SELECT count(*) FROM tr WHERE n = 3;
SELECT count(*) FROM tr WHERE email = 'u5';
INSERT INTO tr VALUES (5, 'u5', 3);
SELECT * FROM tr WHERE email = 'u5';
SELECT * FROM tr WHERE n = 3;
TRUNCATE TABLE ONLY tr, public.tr2 RESTART IDENTITY;
SELECT (SELECT count(*) FROM tr) + (SELECT count(*) FROM tr2);
INSERT INTO tr2 VALUES (3);
TRUNCATE tr2 CONTINUE IDENTITY RESTRICT;
TRUNCATE "tr2" CASCADE;
SELECT count(*) FROM tr2;
-- error 42P01
TRUNCATE nope;
-- error 42P01
TRUNCATE tr, nope;
-- error 3F000
TRUNCATE other_schema.tr;
-- error 42601
TRUNCATE;
-- error 42601
TRUNCATE tr RESTART;
DROP TABLE tr;
DROP TABLE tr2;
