-- Types the engine lacks or handles partially: char(n), time, interval, json/jsonb, date
-- arithmetic with integers, numeric beyond 64 bits in columns, DEFAULT expressions.
SELECT DATE '2024-01-31' + 1, DATE '2024-01-01' + 30, DATE '2024-03-01' - 1, 7 + DATE '2024-01-01';
CREATE TABLE tm_big (id int PRIMARY KEY, n numeric, n30 numeric(30,10));
INSERT INTO tm_big VALUES (1, 123456789012345678901234567890.123456789, 12345678901234567890.0123456789), (2, -0.000000000000000000001, -1);
SELECT 123456789012345678901234567890 * 10, 2::numeric ^ 100;
