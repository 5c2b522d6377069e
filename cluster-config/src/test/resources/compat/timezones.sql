-- Session time zones: timestamptz input and output follow SET TIME ZONE (IANA names, offsets).
CREATE TABLE tz_events (id int PRIMARY KEY, at timestamptz, local_at timestamp);
INSERT INTO tz_events VALUES
  (1, '2024-07-01 12:00:00+00', '2024-07-01 12:00:00'),
  (2, '2024-01-01 12:00:00+00', '2024-01-01 12:00:00'),
  (3, '2024-03-31 00:30:00+00', '2024-03-31 00:30:00'),
  (4, '1999-12-31 23:59:59.5+00', '1999-12-31 23:59:59.5'),
  (5, NULL, NULL);
SHOW TimeZone;
SELECT id, at FROM tz_events ORDER BY id;
SET TIME ZONE 'Europe/Paris';
SHOW TimeZone;
SELECT id, at, local_at FROM tz_events ORDER BY id;
SELECT '2024-07-01 12:00:00'::timestamptz, '2024-01-01 12:00:00'::timestamptz;
SELECT '2024-07-01 12:00:00+00'::timestamptz, '2024-07-01 12:00:00-05'::timestamptz;
SELECT id FROM tz_events WHERE at = '2024-07-01 14:00:00' ORDER BY id;
SELECT id FROM tz_events WHERE at < '2024-03-31 03:00:00' ORDER BY id;
INSERT INTO tz_events VALUES (6, '2024-07-01 09:00:00', '2024-07-01 09:00:00');
SELECT id, at FROM tz_events WHERE id = 6;
SET TIME ZONE 'America/New_York';
SELECT id, at FROM tz_events ORDER BY id;
SET TIME ZONE '+05:30';
SHOW TimeZone;
SELECT id, at FROM tz_events WHERE id IN (1, 2) ORDER BY id;
SET TIME ZONE 'Asia/Kolkata';
SELECT id, at FROM tz_events WHERE id IN (1, 2) ORDER BY id;
SET TimeZone = 'UTC';
SHOW TimeZone;
SELECT id, at FROM tz_events ORDER BY id;
SET TIME ZONE LOCAL;
SET TIME ZONE DEFAULT;
SELECT id, at FROM tz_events WHERE id = 1;
-- error 22023
SET TIME ZONE 'Mars/Olympus';
SELECT id, at FROM tz_events WHERE id = 1;
