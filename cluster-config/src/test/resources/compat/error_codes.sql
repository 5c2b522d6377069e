-- Statements both reject, but with different SQLSTATEs.
-- a date/time field out of range is 22008 (datetime_field_overflow), not 22007 (bad format)
-- error 22008
SELECT '2024-02-30'::date;
-- error 22008
SELECT '2024-13-01 00:00:00'::timestamp;
-- error 22008
SELECT '2023-02-29'::date;
-- error 22008
SELECT '2024-01-01 25:00:00'::timestamp;
