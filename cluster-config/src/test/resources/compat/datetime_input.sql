-- Date/time input in PostgreSQL's forms (DateStyle ISO, MDY): each accepted text, and the
-- SQLSTATE of each refused one (22007 syntax, 22008 field out of range, 22009/22015/22023).
SET TIME ZONE 'America/New_York';
SELECT '2024-01-15'::date, '2024-02-29'::date, '20240115'::date, '2024/01/15'::date, '01/15/2024'::date, '1/2/2024'::date;
SELECT 'Jan 15 2024'::date, '15 Jan 2024'::date, 'January 15, 2024'::date, '2024-Jan-15'::date, '15-Jan-2024'::date, 'Jan-15-2024'::date;
SELECT 'infinity'::date, '-infinity'::date, 'epoch'::date, '2024-01-15 10:00:00'::date, '2024-01-15 10:00:00+05'::date, '2024-01-15T10:00:00Z'::date;
SELECT '0044-03-15 BC'::date, '0001-01-01'::date, '1-1-1'::date, '01-02-03'::date, '5874897-12-31'::date, '4714-11-24 BC'::date;
SELECT '10000-01-01'::date, ' 2024-01-15 '::date, '2024-1-5'::date, '2024-01-15 Europe/Paris'::date, '2024-001'::date, '2024.001'::date;
SELECT '2024-01-15 AD'::date;
SELECT '2024-01-15 10:30:00'::timestamp, '2024-01-15 10:30'::timestamp, '2024-01-15T10:30:00'::timestamp, '2024-01-15T10:30:00.123456'::timestamp, '2024-01-15 10:30:00.1234567'::timestamp, '2024-01-15 10:30:00.9999999'::timestamp;
SELECT '2024-01-15 24:00:00'::timestamp, '2024-01-15 23:59:60'::timestamp, '2024-01-01 10:00:00+02'::timestamp, '2024-01-01 10:00:00-08:30'::timestamp, '2024-01-01 10:00:00 UTC'::timestamp, '2024-01-01 10:00:00 America/New_York'::timestamp;
SELECT '2024-01-01 10:00:00 PST'::timestamp, '2024-01-01 10:00 am'::timestamp, '2024-01-01 10:00 pm'::timestamp, '2024-01-01 12:00 am'::timestamp, '2024-01-01 12:00 pm'::timestamp, '2024-01-01'::timestamp;
SELECT 'infinity'::timestamp, '-infinity'::timestamp, 'epoch'::timestamp, '2024-01-01 10:00:00 BC'::timestamp, 'Jan 1 2024 10:00'::timestamp, '20240101 103000'::timestamp;
SELECT '20240101T103000'::timestamp, '2024-01-01T103000'::timestamp, '2024-01-01 10:00:00+15:59'::timestamp, '294246-12-31 23:59:59'::timestamp, '2024-01-01 10:00:00 zulu'::timestamp, '2024-01-01 10:00:00Z'::timestamp;
SELECT '2024-01-01 allballs'::timestamp, '2024-01-01 10:00:00.5 +05:30'::timestamp, 'Sat Jan 06 2024 10:00:00'::timestamp;
SELECT '2024-01-15 10:30:00'::timestamptz, '2024-01-15 10:30'::timestamptz, '2024-01-15T10:30:00'::timestamptz, '2024-01-15T10:30:00.123456'::timestamptz, '2024-01-15 10:30:00.1234567'::timestamptz, '2024-01-15 10:30:00.9999999'::timestamptz;
SELECT '2024-01-15 24:00:00'::timestamptz, '2024-01-15 23:59:60'::timestamptz, '2024-01-01 10:00:00+02'::timestamptz, '2024-01-01 10:00:00-08:30'::timestamptz, '2024-01-01 10:00:00 UTC'::timestamptz, '2024-01-01 10:00:00 America/New_York'::timestamptz;
SELECT '2024-01-01 10:00:00 PST'::timestamptz, '2024-01-01 10:00 am'::timestamptz, '2024-01-01 10:00 pm'::timestamptz, '2024-01-01 12:00 am'::timestamptz, '2024-01-01 12:00 pm'::timestamptz, '2024-01-01'::timestamptz;
SELECT 'infinity'::timestamptz, '-infinity'::timestamptz, 'epoch'::timestamptz, '2024-01-01 10:00:00 BC'::timestamptz, 'Jan 1 2024 10:00'::timestamptz, '20240101 103000'::timestamptz;
SELECT '20240101T103000'::timestamptz, '2024-01-01T103000'::timestamptz, '2024-01-01 10:00:00+15:59'::timestamptz, '294246-12-31 23:59:59'::timestamptz, '2024-01-01 10:00:00 zulu'::timestamptz, '2024-01-01 10:00:00Z'::timestamptz;
SELECT '2024-01-01 allballs'::timestamptz, '2024-01-01 10:00:00.5 +05:30'::timestamptz, 'Sat Jan 06 2024 10:00:00'::timestamptz;
SELECT '10:30'::time, '10:30:00'::time, '10:30:00.5'::time, '23:59:59.999999'::time, '24:00:00'::time, '1030'::time;
SELECT '103000'::time, '10:30 pm'::time, '12:00 am'::time, '10:30:00+02'::time, '2024-01-01 10:30'::time, '2024-01-01 10:30:00+05'::time;
SELECT 'allballs'::time, '10:30:60'::time, 'T10:30'::time, '10:30 UTC'::time, '1:2:3'::time, ' 08:00 '::time;
SELECT '10:30'::timetz, '10:30:00'::timetz, '10:30:00.5'::timetz, '23:59:59.999999'::timetz, '24:00:00'::timetz, '1030'::timetz;
SELECT '103000'::timetz, '10:30 pm'::timetz, '12:00 am'::timetz, '10:30:00+02'::timetz, '2024-01-01 10:30'::timetz, '2024-01-01 10:30:00+05'::timetz;
SELECT 'allballs'::timetz, '10:30:60'::timetz, 'T10:30'::timetz, '10:30 UTC'::timetz, '1:2:3'::timetz, ' 08:00 '::timetz;
SELECT '1 day'::interval, '1 day 02:00'::interval, '2 hours'::interval, 'P1DT2H'::interval, '@ 1 day'::interval, '-1 mon +2 days'::interval;
SELECT '1 year 2 months 3 days 04:05:06'::interval, '-1 day +2 hours'::interval, '90 minutes'::interval, '36 hours'::interval, '1.5 hours'::interval, '1.5 days'::interval;
SELECT '1.5 months'::interval, '1.5 years'::interval, '0.5 seconds'::interval, '00:00:00.5'::interval, '-00:00:01'::interval, '1 week'::interval;
SELECT '2 weeks 3 days'::interval, '1 decade'::interval, '1 century'::interval, '1 millennium'::interval, '1 day ago'::interval, '1 day 2 hours ago'::interval;
SELECT '-1 day ago'::interval, '10:00'::interval, '10:00:00'::interval, '1:30'::interval, '-1:30'::interval, '+1:30'::interval;
SELECT '1-2'::interval, '-1-2'::interval, '1 2:03:04'::interval, '10'::interval, '10.5'::interval, '-10'::interval;
SELECT 'P1Y2M3DT4H5M6S'::interval, 'P1Y'::interval, 'PT1H'::interval, 'PT1.5S'::interval, 'P0.5D'::interval, 'P1W'::interval;
SELECT 'P0001-02-03T04:05:06'::interval, 'P00010203T040506'::interval, 'PT040506'::interval, 'P1Y-2M'::interval, '1 day day'::interval, '100000000 years'::interval;
SELECT '2147483647 days'::interval, '1 msec'::interval, '1 millisecond'::interval, '1 microsecond'::interval, '1000 ms'::interval, '1.5 ms'::interval;
SELECT '3 us'::interval, '1 mon 1 day 1 hour 1 minute 1 second'::interval, ' 1 day '::interval, '@ 1 minute ago'::interval, '5 minutes 3 seconds'::interval, '12:34:56.789'::interval;
SELECT '-12:34:56.789'::interval, '1 day -1 hour'::interval, '-1 day 1 hour'::interval, '1 day -00:00:01'::interval, '7 days'::interval, '30 days'::interval;
SELECT '1 mon'::interval, '12 mons'::interval, '13 months'::interval, '-13 months'::interval, '1 year -1 month'::interval, '0'::interval;
SELECT '00:00'::interval, '-0'::interval, '1 yr 2 mons 3 d 4 h 5 m 6 s'::interval, '1 hr'::interval, '3 mins'::interval, '5 secs'::interval;
SELECT '2 hrs 30 mins'::interval;
-- error 22008
SELECT '2024-02-30'::date;
-- error 22008
SELECT '2024-13-01'::date;
-- error 22008
SELECT '2023-02-29'::date;
-- error 22008
SELECT '15.01.2024'::date;
-- error 22008
SELECT '44-03-15 BC'::date;
-- error 22008
SELECT '0000-01-01'::date;
-- error 22008
SELECT '99-01-01'::date;
-- error 22008
SELECT '5874898-01-01'::date;
-- error 22008
SELECT '4714-11-23 BC'::date;
-- error 22007
SELECT '2024-01'::date;
-- error 22007
SELECT '2024'::date;
-- error 22007
SELECT 'soon'::date;
-- error 22007
SELECT '2024-01-15 extra'::date;
-- error 22023
SELECT '2024-01-15 mars/olympus'::date;
-- error 22007
SELECT 'Monday 2024-01-15'::date;
-- error 22008
SELECT '2024-01-32'::date;
-- error 22008
SELECT '2024-00-10'::date;
-- error 22008
SELECT '2024-01-15 24:00:01'::timestamp;
-- error 22008
SELECT '2024-01-15 25:00:00'::timestamp;
-- error 22008
SELECT '2024-01-15 10:60:00'::timestamp;
-- error 22008
SELECT '2024-01-01 13:00 pm'::timestamp;
-- error 22009
SELECT '2024-01-01 10:00:00+16'::timestamp;
-- error 22007
SELECT '10:00'::timestamp;
-- error 22008
SELECT '2024-13-01 00:00:00'::timestamp;
-- error 22008
SELECT '2024-01-15 24:00:01'::timestamptz;
-- error 22008
SELECT '2024-01-15 25:00:00'::timestamptz;
-- error 22008
SELECT '2024-01-15 10:60:00'::timestamptz;
-- error 22008
SELECT '2024-01-01 13:00 pm'::timestamptz;
-- error 22009
SELECT '2024-01-01 10:00:00+16'::timestamptz;
-- error 22007
SELECT '10:00'::timestamptz;
-- error 22008
SELECT '2024-13-01 00:00:00'::timestamptz;
-- error 22008
SELECT '24:00:01'::time;
-- error 22008
SELECT '25:00'::time;
-- error 22007
SELECT '10'::time;
-- error 22008
SELECT '10:60'::time;
-- error 22008
SELECT '10:30:61'::time;
-- error 22007
SELECT '10:30 Europe/Paris'::time;
-- error 22007
SELECT '10.5'::time;
-- error 22008
SELECT '24:00:01'::timetz;
-- error 22008
SELECT '25:00'::timetz;
-- error 22007
SELECT '10'::timetz;
-- error 22008
SELECT '10:60'::timetz;
-- error 22008
SELECT '10:30:61'::timetz;
-- error 22007
SELECT '10:30 Europe/Paris'::timetz;
-- error 22007
SELECT '10.5'::timetz;
-- error 22007
SELECT 'soon'::interval;
-- error 22007
SELECT 'infinity'::interval;
-- error 22007
SELECT '1 quarter'::interval;
-- error 22007
SELECT '1 hour 10:00'::interval;
-- error 22015
SELECT '2147483648 days'::interval;
SET TIME ZONE 'UTC';
