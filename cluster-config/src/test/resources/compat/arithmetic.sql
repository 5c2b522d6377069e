-- Operators on numbers: integer semantics, precedence, signs, numeric precision.
SELECT 1 + 2, 7 - 10, 6 * 7, 7 / 2, 7 % 3;
SELECT -7 / 2, -7 % 3, 7 % -3, -7 % -3;
SELECT 2 + 3 * 4, (2 + 3) * 4, 2 - 3 - 4, 100 / 10 / 5;
SELECT -(-5), - 5 + 3, +4;
SELECT 7.0 / 2, 1.0 / 3, 2.0 / 3;
SELECT 10 / 4.0, 10.0 / 4, 1 / 8.0;
SELECT 0.1 + 0.2, 0.1 * 3, 1.10 + 2.205;
SELECT 1.5 * 1.5, 123.456 * 1000, 0.001 * 0.001;
SELECT 99999999999999999999 + 1, 12345678901234567890 * 10;
SELECT 2147483647 + 0, 2147483648, -2147483648;
SELECT 9223372036854775807, 9223372036854775808;
SELECT 5 - 5.0, 5 * 1.00;
SELECT 1.000, 0.0, -0.0, 00012.5;
SELECT 17 % 5, 17.5 % 5, -17.5 % 5;
CREATE TABLE ledger (id int PRIMARY KEY, qty int, unit_price numeric(10,2), discount numeric(4,3), weight_kg double precision, small smallint, big bigint);
INSERT INTO ledger VALUES
  (1, 3, 19.99, 0.100, 1.25, 2, 10000000000),
  (2, 10, 0.05, 0.000, 0.5, -3, -5),
  (3, -2, 100.00, 0.333, 2.75, 100, 1),
  (4, 0, 7.50, NULL, NULL, NULL, NULL),
  (5, 7, 3.33, 0.250, 10, 7, 9000000000000000000);
SELECT id, qty * unit_price AS line_total FROM ledger ORDER BY id;
SELECT id, qty * unit_price * (1 - discount) AS net FROM ledger ORDER BY id;
SELECT id, qty / 2 AS half, qty % 2 AS odd FROM ledger ORDER BY id;
SELECT id, weight_kg * 2 AS w2, weight_kg / 4 AS w4 FROM ledger ORDER BY id;
SELECT id, qty + weight_kg AS mixed FROM ledger ORDER BY id;
SELECT id, small + 1 AS s1, small * qty AS sq FROM ledger ORDER BY id;
SELECT id, big + 1 AS b1, big - qty AS bq FROM ledger ORDER BY id;
SELECT id, unit_price + 1 AS p1, unit_price - 0.01 AS p2 FROM ledger ORDER BY id;
SELECT id, -qty AS neg, -unit_price AS negp FROM ledger ORDER BY id;
SELECT id, abs(qty) AS a, abs(unit_price - 50) AS d FROM ledger ORDER BY id;
SELECT id FROM ledger WHERE qty * unit_price > 50 ORDER BY id;
SELECT id FROM ledger WHERE unit_price = 100 ORDER BY id;
SELECT id FROM ledger WHERE unit_price = 100.0 ORDER BY id;
SELECT id FROM ledger WHERE weight_kg = 2.75;
SELECT id FROM ledger WHERE qty % 2 = 1 ORDER BY id;
SELECT id, qty FROM ledger ORDER BY qty * -1, id;
SELECT id, unit_price * qty AS total FROM ledger ORDER BY total DESC, id;
SELECT abs(-5), abs(5), abs(-2.50), abs(0);
SELECT abs(-3.5::double precision), abs(-7::smallint), abs(-9000000000);
SELECT 3 > 2, 3 < 2, 2 = 2.0, 1 <> 1, 2 >= 2, 2 <= 1;
SELECT 1.5 > 1, 0.1 + 0.2 = 0.3, 10 / 3 = 3;
SELECT 2 BETWEEN 1 AND 3, 5 BETWEEN 1 AND 3, 2 IN (1, 2, 3), 4 NOT IN (1, 2);
SELECT 1e3, 1.5e2, 2.5e-3;
SELECT 4 * 0.25::numeric(3,2), 3::bigint * 3::smallint;
SELECT 1::smallint + 1::smallint, 1::int + 1::bigint, 1::real + 1::double precision;
SELECT abs(-2.5::real), abs(-9223372036854775807), abs(-32767::smallint);
SELECT 10::numeric / 3, 1::numeric / 7, 2::numeric / 3 * 3;
SELECT 1.0 / 3 * 3, 100.0 / 7, 22.0 / 7;
SELECT 0.1::double precision + 0.2::double precision, 1.0::double precision / 3;
SELECT 12345.678::numeric(7,2), 0.5::numeric(2,0), -0.5::numeric(2,0), 1.005::numeric(4,2);
