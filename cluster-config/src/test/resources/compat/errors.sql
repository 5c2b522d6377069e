-- Statements both must reject with the same SQLSTATE; the session goes on after each.
CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL, qty smallint, price numeric(5,2), code varchar(3));
INSERT INTO things VALUES (1, 'one', 1, 1.00, 'a'), (2, 'two', 2, 2.00, 'b');
-- error 22012
SELECT 1 / 0;
-- error 22012
SELECT 1 % 0;
-- error 22012
SELECT 1.5 / 0;
-- error 22012
SELECT id / (qty - qty) FROM things;
-- error 22012
SELECT 10.0 / 0.0;
-- error 22P02
SELECT 'abc'::int;
-- error 22P02
SELECT '1.5'::int;
-- error 22P02
SELECT ''::int;
-- error 22P02
SELECT 'x1'::numeric;
-- error 22P02
SELECT 'maybe'::boolean;
-- error 22P02
SELECT 'not-a-uuid'::uuid;
-- error 22P02
INSERT INTO things VALUES ('three', 'three', 3, 3, 'c');
-- error 22P02
SELECT id FROM things WHERE id = 'abc';
-- error 22007
SELECT 'not a date'::date;
-- error 22003
SELECT 2147483647 + 1;
-- error 22003
SELECT -2147483648 - 1;
-- error 22003
SELECT 9223372036854775807 + 1;
-- error 22003
SELECT 32767::smallint + 1::smallint;
-- error 22003
SELECT 100000::smallint;
-- error 22003
SELECT '99999999999'::int;
-- error 22003
INSERT INTO things VALUES (3, 'three', 40000, 1, 'c');
-- error 22003
INSERT INTO things VALUES (3, 'three', 3, 1000.00, 'c');
-- error 22003
UPDATE things SET qty = qty * 20000 WHERE id = 2;
-- error 22003
SELECT 123.456::numeric(4,2);
-- error 22001
INSERT INTO things VALUES (3, 'three', 3, 3, 'abcd');
-- error 22001
UPDATE things SET code = 'toolong' WHERE id = 1;
-- error 23505
INSERT INTO things VALUES (1, 'dup', 1, 1, 'a');
-- error 23505
INSERT INTO things VALUES (5, 'five', 5, 5, 'e'), (5, 'five again', 5, 5, 'e');
-- error 23505
UPDATE things SET id = 2 WHERE id = 1;
-- error 23502
INSERT INTO things (id) VALUES (3);
-- error 23502
INSERT INTO things VALUES (3, NULL, 3, 3, 'c');
-- error 23502
UPDATE things SET name = NULL WHERE id = 1;
-- error 23502
INSERT INTO things (name) VALUES ('no id');
-- error 42703
SELECT nope FROM things;
-- error 42703
SELECT id FROM things WHERE nope = 1;
-- error 42703
SELECT id FROM things ORDER BY nope;
-- error 42703
INSERT INTO things (id, nope) VALUES (3, 1);
-- error 42703
UPDATE things SET nope = 1;
-- error 42P01
SELECT * FROM nope;
-- error 42P01
INSERT INTO nope VALUES (1);
-- error 42P01
UPDATE nope SET a = 1;
-- error 42P01
DELETE FROM nope;
-- error 42P01
DROP TABLE nope;
-- error 42P07
CREATE TABLE things (id int PRIMARY KEY);
-- error 42601
SELEC 1;
-- error 42601
SELECT * FROM;
-- error 42601
SELECT 1 +;
-- error 42601
INSERT INTO things VALUES (;
-- error 42803
SELECT id, count(*) FROM things;
-- error 42803
SELECT id FROM things WHERE count(*) > 1;
-- error 42883
SELECT lower(1);
-- error 42883
SELECT nosuchfunction(1);
-- error 22P02
SELECT 'a' - 1;
-- error 42883
SELECT true + 1;
-- error 42804
SELECT id FROM things WHERE qty;
-- error 42804
SELECT id FROM things WHERE name;
-- error 42804
SELECT CASE WHEN true THEN 1 ELSE 'x'::text END;
-- error 42601
INSERT INTO things (id, name) VALUES (3, 'a', 'extra');
-- error 42601
INSERT INTO things (id, name, qty) VALUES (3, 'a');
SELECT id, name FROM things ORDER BY id;
BEGIN;
INSERT INTO things VALUES (10, 'in txn', 1, 1, 'x');
-- error 23505
INSERT INTO things VALUES (1, 'dup in txn', 1, 1, 'x');
-- error 25P02
SELECT 1;
ROLLBACK;
SELECT count(*) FROM things WHERE id = 10;
BEGIN;
-- error 22012
SELECT 1 / 0;
-- error 25P02
INSERT INTO things VALUES (11, 'after error', 1, 1, 'x');
COMMIT;
SELECT count(*) FROM things WHERE id = 11;
SELECT count(*) FROM things;
