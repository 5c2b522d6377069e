-- Dates, times, timestamps, intervals: arithmetic, extract, date_trunc, to_char, age, time zones.
CREATE TABLE fd_events (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz, dur interval);
INSERT INTO fd_events VALUES
  (1, '2024-02-28', '2024-02-28 23:30:00', '2024-02-28 23:30:00+00', '1 day'),
  (2, '2024-12-31', '2024-12-31 12:00:00.5', '2024-12-31 12:00:00+05', '2 hours 30 minutes'),
  (3, '2023-01-01', '2023-01-01 00:00:00', '2023-01-01 00:00:00-08', '1 mon 2 days'),
  (4, NULL, NULL, NULL, NULL);
SELECT generate_series(DATE '2024-01-01', DATE '2024-01-05', INTERVAL '1 day')::date AS day;
SET TIME ZONE 'Europe/Paris';
SET TIME ZONE '+05:30';
SET TIME ZONE INTERVAL '-03:00' HOUR TO MINUTE;
SET TIME ZONE 'UTC';
-- error 22023
SET TIME ZONE 'Mars/Olympus';
