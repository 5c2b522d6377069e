-- Each supported type stored and read back as text: bounds, scales, special values.
CREATE TABLE ints (id int PRIMARY KEY, s smallint, i int, b bigint);
INSERT INTO ints VALUES
  (1, 0, 0, 0),
  (2, 32767, 2147483647, 9223372036854775807),
  (3, -32768, -2147483648, -9223372036854775808),
  (4, -1, -1, -1),
  (5, NULL, NULL, NULL);
SELECT * FROM ints ORDER BY id;
SELECT id, s, i, b FROM ints WHERE b > 0;
SELECT id FROM ints WHERE i < 0 ORDER BY id;
CREATE TABLE nums (id int PRIMARY KEY, n numeric, n2 numeric(10,2), n0 numeric(5,0), n4 numeric(8,4));
INSERT INTO nums VALUES
  (1, 1, 1, 1, 1),
  (2, 0.5, 0.5, 0, 0.5),
  (3, -123.456, -123.456, -123, -123.456),
  (4, 12345678901234567890.123456789, 12345678.9, 99999, 1234.5678),
  (5, 0.000001, 0.001, 1, 0.00005),
  (6, NULL, NULL, NULL, NULL),
  (7, 100, 100.005, 12, 2.00005);
SELECT * FROM nums ORDER BY id;
SELECT id, n2 FROM nums WHERE n2 > 1 ORDER BY n2;
SELECT id, n FROM nums WHERE n = 0.5;
CREATE TABLE floats (id int PRIMARY KEY, r real, d double precision);
INSERT INTO floats VALUES
  (1, 0, 0),
  (2, 1.5, 1.5),
  (3, -2.25, -2.25),
  (4, 100, 100),
  (5, 0.1, 0.1),
  (6, 3.14159, 3.141592653589793),
  (7, 1e10, 1e100),
  (8, NULL, NULL);
SELECT id, d FROM floats ORDER BY id;
SELECT id, r FROM floats WHERE id IN (1, 2, 3, 4) ORDER BY id;
SELECT id FROM floats WHERE d > 1 ORDER BY d;
CREATE TABLE texts (id int PRIMARY KEY, t text, v varchar(10));
INSERT INTO texts VALUES
  (1, 'hello', 'hello'),
  (2, '', ''),
  (3, 'Grüße', 'naïve'),
  (4, '日本語', '中文'),
  (5, 'it''s', 'a"b'),
  (6, NULL, NULL);
SELECT id, t, v FROM texts ORDER BY id;
SELECT id, t FROM texts WHERE t = '';
SELECT id, v FROM texts WHERE v = 'naïve';
CREATE TABLE flags (id int PRIMARY KEY, f boolean);
INSERT INTO flags VALUES (1, true), (2, false), (3, NULL), (4, 't'), (5, 'no'), (6, 'YES'), (7, '0');
SELECT * FROM flags ORDER BY id;
SELECT id FROM flags WHERE f ORDER BY id;
CREATE TABLE times (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz);
INSERT INTO times VALUES
  (1, '2024-02-29', '2024-02-29 13:45:00', '2024-02-29 13:45:00+00'),
  (2, '1999-12-31', '1999-12-31 23:59:59.999999', '1999-12-31 23:59:59.5+00'),
  (3, '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 02:00:00+02'),
  (4, '1970-01-01', '1970-01-01 00:00:00.123', '1970-01-01 00:00:00+00'),
  (5, NULL, NULL, NULL);
SELECT id, d, ts FROM times ORDER BY id;
SELECT id, tz FROM times ORDER BY id;
SELECT id FROM times WHERE d > '2000-01-01' ORDER BY id;
SELECT id FROM times WHERE ts < '2000-01-01' ORDER BY id;
SELECT id FROM times WHERE tz = '2000-01-01 00:00:00+00';
SELECT id, d FROM times ORDER BY d DESC NULLS LAST;
CREATE TABLE ids (id uuid PRIMARY KEY, label text);
INSERT INTO ids VALUES
  ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'first'),
  ('00000000-0000-0000-0000-000000000000', 'zero'),
  ('FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'max');
SELECT id, label FROM ids ORDER BY id;
SELECT label FROM ids WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
CREATE TABLE blobs (id int PRIMARY KEY, b bytea);
INSERT INTO blobs VALUES (1, '\xdeadbeef'), (2, '\x'), (3, NULL), (4, '\x00ff10');
SELECT id, b FROM blobs ORDER BY id;
SELECT id FROM blobs WHERE b = '\xdeadbeef';
SELECT CAST('42' AS int), '7'::bigint, '-3'::smallint;
SELECT '12.50'::numeric, '12.50'::numeric(6,1), 3::numeric(5,2);
SELECT '2024-03-01'::date, '2024-03-01 10:00:00'::timestamp;
SELECT 'true'::boolean, 'f'::boolean;
SELECT 42::text, 'abc'::varchar(2);
SELECT 2.5::int, 3.5::int, -2.5::int;
SELECT 10::double precision / 4;
SELECT CAST(1.23456 AS numeric(4,2));
SELECT id, i::bigint, s::int FROM ints WHERE id = 2;
SELECT id, n2::int FROM nums WHERE id IN (1, 2, 3) ORDER BY id;
SELECT id, CAST(d AS text) FROM times WHERE id = 1;
CREATE TABLE tm_big (id int PRIMARY KEY, n numeric, n30 numeric(30,10));
INSERT INTO tm_big VALUES (1, 123456789012345678901234567890.123456789, 12345678901234567890.0123456789), (2, -0.000000000000000000001, -1);
SELECT id, n, n30, n * 2, n30 / 7 FROM tm_big ORDER BY id;
SELECT sum(n), avg(n30) FROM tm_big;
SELECT 1::boolean, 0::boolean, 'on'::boolean, 'off'::boolean, ' true '::boolean;
