-- Types the engine lacks or handles partially: char(n), time, interval, json/jsonb, date
-- arithmetic with integers, numeric beyond 64 bits in columns, DEFAULT expressions.
CREATE TABLE tm_codes (id int PRIMARY KEY, code char(3), flag character, v varchar);
INSERT INTO tm_codes VALUES (1, 'ab', 'y', 'x'), (2, 'abc', 'n', 'yy'), (3, NULL, NULL, NULL), (4, 'a  ', 'y', 'z ');
SELECT id, code, flag, v FROM tm_codes ORDER BY id;
SELECT id, length(code), code || '|' AS c, octet_length(code) FROM tm_codes ORDER BY id;
SELECT id FROM tm_codes WHERE code = 'ab ' ORDER BY id;
SELECT id FROM tm_codes WHERE code = 'ab' ORDER BY id;
SELECT 'ab'::char(5) || '|', 'abcdef'::char(3), 'x'::character(2) = 'x';
-- error 22001
INSERT INTO tm_codes VALUES (5, 'abcd', 'y', 'x');
CREATE TABLE tm_slots (id int PRIMARY KEY, starts time, length interval, note text DEFAULT 'none', created date DEFAULT DATE '2024-01-01', score int DEFAULT 10 + 5);
INSERT INTO tm_slots (id, starts, length) VALUES (1, '09:00', '30 minutes'), (2, '13:30:15', '1 hour 15 minutes'), (3, '23:45', '2 hours');
INSERT INTO tm_slots VALUES (4, NULL, NULL, DEFAULT, DEFAULT, DEFAULT);
INSERT INTO tm_slots (id) VALUES (5) RETURNING note, created, score;
SELECT id, starts, length, note, created, score FROM tm_slots ORDER BY id;
SELECT id, starts + length AS ends FROM tm_slots ORDER BY id;
SELECT id FROM tm_slots WHERE starts > '12:00' ORDER BY id;
SELECT sum(length), max(length), min(starts) FROM tm_slots;
SELECT id, length * 2 AS twice, extract(minute from length) AS mins FROM tm_slots ORDER BY id;
SELECT DATE '2024-01-31' + 1, DATE '2024-01-01' + 30, DATE '2024-03-01' - 1, 7 + DATE '2024-01-01';
CREATE TABLE tm_big (id int PRIMARY KEY, n numeric, n30 numeric(30,10));
INSERT INTO tm_big VALUES (1, 123456789012345678901234567890.123456789, 12345678901234567890.0123456789), (2, -0.000000000000000000001, -1);
SELECT 123456789012345678901234567890 * 10, 2::numeric ^ 100;
SELECT '1 day'::interval = '24 hours'::interval, '1 mon'::interval = '30 days'::interval;
SELECT '2024-01-01 10:00:00+00'::timestamptz::date, '10:00'::time::interval, '1.5'::real::numeric;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid, 'A0EEBC999C0B4EF8BB6D6BB9BD380A11'::uuid;

-- bytea || bytea is bytea (an untyped literal beside bytea is bytea), bytea || text is text
SELECT '\x0102'::bytea || '\x03'::bytea, length('\x0102'::bytea), octet_length('\xdeadbeef'::bytea);
SELECT '\x0102'::bytea || '\x03';
SELECT '\x03' || '\x0102'::bytea;
SELECT '\x0102'::bytea || 'ab'::text;
SELECT 'ab'::text || '\x0102'::bytea;
SELECT '\x01'::bytea || NULL;
SELECT NULL::bytea || '\x01'::bytea;
SELECT ('\x01'::bytea || '\x02'::bytea || '\xff'::bytea) = '\x0102ff'::bytea;
SELECT md5('\x01'::bytea || '\x02'::bytea);
