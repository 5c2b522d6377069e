-- Dates, times, timestamps, intervals: arithmetic, extract, date_trunc, to_char, age, time zones.
SELECT DATE '2024-03-01' - DATE '2024-02-01', DATE '2025-01-01' - DATE '2024-01-01';
SELECT date_part('year', DATE '2024-05-06'), date_part('quarter', DATE '2024-05-06'), date_part('week', DATE '2024-05-06');
SELECT date_trunc('month', TIMESTAMP '2024-02-28 23:30:00'), date_trunc('year', TIMESTAMP '2024-02-28 23:30:00'), date_trunc('hour', TIMESTAMP '2024-02-28 23:30:45');
SELECT date_trunc('week', TIMESTAMP '2024-02-28 10:00:00'), date_trunc('day', TIMESTAMPTZ '2024-02-28 10:00:00+00'), date_trunc('quarter', DATE '2024-05-17');
SELECT to_char(TIMESTAMP '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS'), to_char(DATE '2024-03-05', 'DD Mon YYYY'), to_char(DATE '2024-03-05', 'Day');
SELECT to_char(1234.5, '9999.99'), to_char(1234567.891, 'FM9,999,999.00'), to_char(42, '000'), to_char(-5, 'S999');
SELECT to_date('05 Mar 2024', 'DD Mon YYYY'), to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI');
SELECT to_timestamp(0), to_timestamp(1700000000);
SELECT DATE '2024-01-01' < TIMESTAMP '2024-01-01 00:00:01', DATE '2024-01-01' = TIMESTAMP '2024-01-01 00:00:00';
SELECT TIMESTAMP '2024-06-01 12:00:00'::date, DATE '2024-06-01'::timestamp, TIMESTAMPTZ '2024-06-01 12:00:00+02'::timestamp;
SELECT '2024-02-29'::date + 365, '2024-01-01'::date - 1;
SELECT DATE '2024-02-29' + 1 = DATE '2024-03-01', (DATE '2024-03-01' - 1) = DATE '2024-02-29';
SET TIME ZONE 'Europe/Paris';
SET TIME ZONE '+05:30';
SET TIME ZONE 'UTC';
SHOW TimeZone;
-- error 22023
SET TIME ZONE 'Mars/Olympus';
-- error 42883
SELECT DATE '2024-01-01' + DATE '2024-01-02';
-- error 22023
SELECT date_trunc('fortnight', TIMESTAMP '2024-01-01');
