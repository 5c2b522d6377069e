-- Fractional-second precision and interval fields as type modifiers: columns, casts, rounding.
CREATE TABLE tp_p (id int PRIMARY KEY, ts3 timestamp(3), tz0 timestamptz(0), t2 time(2), ttz1 timetz(1), iv interval day to second(1), ivh interval hour, ivy interval year to month);
INSERT INTO tp_p VALUES (1, '2024-01-01 10:00:00.123456', '2024-01-01 10:00:00.5+00', '10:00:00.125', '10:00:00.15+01', '1 day 02:03:04.56', '1 day 02:03:04', '1 year 2 mons 3 days');
INSERT INTO tp_p VALUES (2, '1999-12-31 23:59:59.9995', '1999-12-31 23:59:59.5+00', '23:59:59.999', '23:59:59.99+00', '-1 day -00:00:00.25', '-90 minutes', '-14 months');
INSERT INTO tp_p VALUES (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT id, ts3, tz0, t2, ttz1, iv, ivh, ivy FROM tp_p ORDER BY id;
SELECT ts3, tz0, t2, iv FROM tp_p WHERE id = 1;
UPDATE tp_p SET ts3 = ts3 + INTERVAL '0.0004 seconds', t2 = t2 + INTERVAL '0.004 seconds', ivh = ivh + INTERVAL '59 minutes' WHERE id = 1 RETURNING ts3, t2, ivh;
SELECT '2024-01-01 10:00:00.123456'::timestamp(3), '2024-01-01 10:00:00.5'::timestamp(0), '10:00:00.125'::time(2), '2024-01-01 10:00:00.999999'::timestamptz(5);
SELECT CAST('10:00:00.5' AS time(0)), CAST(TIMESTAMP '2024-01-01 10:00:00.75' AS timestamp(1)), TIMESTAMP '2024-01-01 10:00:00.75'::timestamp(0)::time;
SELECT '1 day 02:03:04.567'::interval(1), '02:03:04.5'::interval hour to minute, '3 years 4 mons'::interval year, '100'::interval minute;
SELECT '1.5'::interval day, '1.5'::interval hour, '1 2'::interval day to hour, '12:30'::interval minute to second;
SELECT id, ts3::timestamp(1), iv::interval(0) FROM tp_p ORDER BY id;
