-- Statements the engine answers without an error but differently from PostgreSQL (moved here from
-- the default corpus by the first differential run; each names the class of the difference).
CREATE TABLE wa_floats (id int PRIMARY KEY, r real, d double precision);
INSERT INTO wa_floats VALUES (1, 0.1, 0.1), (2, 3.14159, 3.14159), (3, 1e10, 1e10), (4, 1.25, 1.25), (5, 20.6, 20.6);
-- real printed with double precision's digits (PostgreSQL prints the shortest float4 text)
SELECT id, r FROM wa_floats WHERE id IN (1, 2, 3) ORDER BY id;
-- real printed with double precision's digits: sum(real) is real
SELECT sum(r), max(r) FROM wa_floats;
-- real printed with double precision's digits: 1e10 as float4 prints 1e+10
SELECT r FROM wa_floats WHERE id = 3;
-- numeric division: the result's display scale follows PostgreSQL's select_div_scale
CREATE TABLE wa_prices (id int PRIMARY KEY, unit_price numeric(10,2));
INSERT INTO wa_prices VALUES (1, 19.99), (2, 0.05), (3, 100.00), (4, 7.50), (5, 3.33);
SELECT id, unit_price / 3 AS third FROM wa_prices ORDER BY id;
SELECT 3.33 / 3, 1.11 / 1, 10.00 / 4;
-- case mapping: with C collation PostgreSQL's upper/lower map ASCII letters only
SELECT upper('héllo wörld'), lower('ÉCOLE');
SELECT upper('straße'), lower('ÆRØ'), upper('ǆ');
-- boolean to text is 'true'/'false' (and the column is named after the target type)
SELECT true::text, false::text;
SELECT CAST(true AS text) AS b;
CREATE TABLE wa_flags (id int PRIMARY KEY, f boolean);
INSERT INTO wa_flags VALUES (1, true), (2, false), (3, NULL);
SELECT id, f::text FROM wa_flags ORDER BY id;
SELECT id, 'flag=' || f::text AS s FROM wa_flags ORDER BY id;
-- BETWEEN SYMMETRIC sorts its bounds
SELECT 5 BETWEEN SYMMETRIC 10 AND 1, 5 NOT BETWEEN SYMMETRIC 10 AND 1;
SELECT id FROM wa_prices WHERE unit_price BETWEEN SYMMETRIC 20 AND 5 ORDER BY id;
-- float overflow is an error, not Infinity
-- error 22003
SELECT 1e308::float8 * 10;
-- error 22003
SELECT '3.4e38'::real * '10'::real;
-- real * integer is double precision (float48mul), not real
-- bytea input in escape format is decoded
SELECT 'abc'::bytea, 'a\000b'::bytea, 'a\\b'::bytea;
CREATE TABLE wa_blobs (id int PRIMARY KEY, b bytea);
INSERT INTO wa_blobs VALUES (1, 'hello'), (2, '\x68656c6c6f');
SELECT id, b FROM wa_blobs ORDER BY id;
SELECT count(*) FROM wa_blobs WHERE b = 'hello';
-- numeric multiplication keeps the sum of the operands' scales
-- a cast's column is named after the outermost type
SELECT 2.5::double precision::int, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, 42::bigint::text;
SELECT 'epoch'::timestamp, 'infinity'::timestamp, '-infinity'::date;
-- special values: NaN, infinities, epoch
-- a cast's column is named after the outermost type (here around timestamptz)
SET TIME ZONE 'Europe/Paris';
SELECT '2024-07-01 12:00:00+00'::timestamptz::timestamp, '2024-07-01 12:00:00+00'::timestamptz::date, '2024-07-01 23:30:00+00'::timestamptz::date;
SELECT '2024-07-01 12:00:00'::timestamp::timestamptz;
SELECT '2024-07-01 12:00:00+00'::timestamptz::text;
-- an ambiguous local time at the autumn change resolves to standard time (PostgreSQL), not the earlier offset
SET TIME ZONE 'America/New_York';
SELECT '2024-03-10 02:30:00'::timestamptz, '2024-11-03 01:30:00'::timestamptz;
SELECT '2024-11-03 01:30:00'::timestamptz, '2024-10-27 02:30:00 Europe/Paris'::timestamptz;
SET TIME ZONE 'UTC';
