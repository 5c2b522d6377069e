-- Arrays of each element type: input, output, storage, comparison, casts and functions.
SET TIME ZONE 'UTC';
CREATE TABLE at_types (id int PRIMARY KEY, i2 smallint[], i8 bigint[], f4 real[], f8 double precision[], n numeric(6,2)[], b boolean[], d date[], ts timestamp[], tz timestamptz[], u uuid[], by bytea[], vc varchar(5)[], tx text[]);
INSERT INTO at_types VALUES (1, '{1,-2}', '{9223372036854775807,-9223372036854775808}', '{1.5,0.1,NaN}', '{0.1,1e300,-Infinity}', '{1.5,2.255,-0}', '{t,f,NULL}', '{2024-02-29,1999-12-31}', '{"2024-01-02 03:04:05.123456","2000-01-01 00:00:00"}', '{"2024-06-01 12:00:00+02","2024-01-01 00:00:00+00"}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,"{00000000-0000-0000-0000-000000000000}"}', '{"\\x00ff","\\x"}', '{abc,"a b"}', '{"",NULL,"NULL"}');
INSERT INTO at_types (id, i2, tx) VALUES (2, ARRAY[3::smallint], ARRAY['z']), (3, '{}', '{}'), (4, NULL, NULL);
SELECT * FROM at_types ORDER BY id;
SELECT id, i2[1] + 1, i8[2], f4[3], f8[2] * 2, n[2], b[3] IS NULL, d[1] + 1, ts[1], tz[1], u[2], by[1], vc[2], tx[1] = '' FROM at_types ORDER BY id;
SELECT id, i2::int[], i8::numeric[], f4::float8[], n::int[], d::text[], tz::timestamp[], u::text[] FROM at_types WHERE id = 1;
SET TIME ZONE 'America/New_York';
SELECT id, tz, tz[1] FROM at_types WHERE id = 1;
SELECT ARRAY['2024-03-10 12:00:00+00'::timestamptz, '2024-11-03 12:00:00+00'], ARRAY[now() IS NOT NULL];
SET TIME ZONE 'UTC';
SELECT array_to_string(tz, ' | '), array_to_string(d, ','), array_to_string(by, ','), array_to_string(b, '/', '-') FROM at_types WHERE id = 1;
SELECT unnest(u) FROM at_types WHERE id = 1 ORDER BY 1;
SELECT unnest(f8) AS v FROM at_types WHERE id = 1 ORDER BY v;
SELECT unnest(n) AS v FROM at_types WHERE id = 1 ORDER BY v DESC;
SELECT id FROM at_types WHERE '2024-02-29'::date = ANY(d);
SELECT id FROM at_types WHERE 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = ANY(u);
SELECT id FROM at_types WHERE i8 @> ARRAY[-9223372036854775808];
SELECT id FROM at_types WHERE vc && '{abc}';
SELECT id, cardinality(i2), array_length(tx, 1), array_position(tx, NULL), array_position(tx, 'NULL') FROM at_types ORDER BY id;
SELECT max(f8), min(d), max(u), min(by) FROM at_types;
SELECT ARRAY[1::smallint, 2] || 3::smallint, ARRAY[1.5::real] || 2.5::real, ARRAY[true] || false, ARRAY['2024-01-01'::date] || '2024-01-02'::date;
SELECT '{1.123456789}'::real[], '{1e-7, 123456789}'::real[], '{3.0}'::float8[], '{-0}'::float8[], '{1e20}'::numeric[];
SELECT '{2024-01-01 10:00}'::timestamp[];
SELECT '{yes,no,on,off,1,0}'::bool[], '{" t ",f}'::boolean[];
SELECT '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'::uuid[], '{"\\x41","abc"}'::bytea[];
SELECT '{abcdef}'::varchar(3)[], ARRAY['abcdef']::varchar(3)[], '{x}'::varchar[];
-- error 22001
INSERT INTO at_types (id, vc) VALUES (5, '{abcdef}');
-- error 22003
SELECT '{32768}'::smallint[];
-- error 22P02
SELECT '{1.5}'::bigint[];
-- error 22P02
SELECT '{maybe}'::bool[];
-- error 22P02
SELECT '{not-a-uuid}'::uuid[];
-- error 22007
SELECT '{2024-01-xx}'::date[];
-- error 22003
SELECT '{1e400}'::float8[];
-- error 22003
SELECT '{12345.6}'::numeric(5,1)[];
