-- Single-table reads an application makes: projections, filters, sorting, paging.
CREATE TABLE customers (
  id int PRIMARY KEY,
  email varchar(100) NOT NULL,
  name text,
  country varchar(2),
  age int,
  balance numeric(12,2),
  active boolean NOT NULL,
  created date
);
INSERT INTO customers (id, email, name, country, age, balance, active, created) VALUES
  (1, 'ada@example.com', 'Ada', 'GB', 36, 1200.50, true, '2023-01-15'),
  (2, 'bob@example.com', 'Bob', 'US', 25, 0.00, true, '2023-02-01'),
  (3, 'cy@example.com', 'Cy', 'US', NULL, -15.25, false, '2023-02-01'),
  (4, 'dee@example.com', NULL, 'FR', 41, 99.99, true, NULL),
  (5, 'eve@example.com', 'Eve', NULL, 25, NULL, false, '2024-12-31'),
  (6, 'fay@example.com', 'Fay', 'DE', 58, 1000000.00, true, '2022-06-30'),
  (7, 'gus@example.com', 'Gus', 'US', 33, 12.34, true, '2023-07-04'),
  (8, 'hal@example.com', 'Hal', 'GB', 25, 7.00, false, '2023-01-15');
SELECT * FROM customers ORDER BY id;
SELECT id, email FROM customers WHERE id = 3;
SELECT id, name FROM customers WHERE id = 999;
SELECT name FROM customers WHERE email = 'eve@example.com';
SELECT id FROM customers WHERE active ORDER BY id;
SELECT id FROM customers WHERE NOT active ORDER BY id;
SELECT id FROM customers WHERE active = false ORDER BY id;
SELECT id, age FROM customers WHERE age > 30 ORDER BY id;
SELECT id, age FROM customers WHERE age >= 25 AND age < 40 ORDER BY id;
SELECT id FROM customers WHERE age <> 25 ORDER BY id;
SELECT id FROM customers WHERE age != 25 ORDER BY id;
SELECT id FROM customers WHERE country = 'US' OR country = 'GB' ORDER BY id;
SELECT id FROM customers WHERE balance > 100 ORDER BY balance DESC;
SELECT id, balance FROM customers WHERE balance < 0;
SELECT id FROM customers WHERE created = '2023-02-01' ORDER BY id;
SELECT id FROM customers WHERE created < '2023-01-31' ORDER BY id;
SELECT id, name AS customer_name, email AS "Email Address" FROM customers WHERE id < 3 ORDER BY id;
SELECT c.id, c.name FROM customers c WHERE c.id = 1;
SELECT customers.id FROM customers WHERE customers.age = 25 ORDER BY customers.id;
SELECT id, age + 1 AS next_age FROM customers WHERE id IN (1, 2, 3) ORDER BY id;
SELECT id FROM customers ORDER BY id DESC LIMIT 3;
SELECT id FROM customers ORDER BY id LIMIT 3 OFFSET 2;
SELECT id FROM customers ORDER BY id OFFSET 6;
SELECT id FROM customers ORDER BY id LIMIT 0;
SELECT id FROM customers ORDER BY id LIMIT 100;
SELECT id, name FROM customers ORDER BY name, id;
SELECT id, name FROM customers ORDER BY name DESC, id;
SELECT id, name FROM customers ORDER BY name NULLS FIRST, id;
SELECT id, name FROM customers ORDER BY name DESC NULLS LAST, id;
SELECT id, age FROM customers ORDER BY age, id;
SELECT id, age FROM customers ORDER BY age DESC, id DESC;
SELECT id, country FROM customers ORDER BY country ASC, id ASC;
SELECT id, balance FROM customers ORDER BY balance DESC NULLS LAST, id;
SELECT id, created FROM customers ORDER BY created, id;
SELECT id FROM customers ORDER BY 1 DESC;
SELECT name, id FROM customers ORDER BY 2;
SELECT id, age * 2 AS doubled FROM customers ORDER BY doubled, id;
SELECT DISTINCT country FROM customers;
SELECT DISTINCT age FROM customers ORDER BY age;
SELECT DISTINCT country, active FROM customers;
SELECT DISTINCT active FROM customers ORDER BY active;
SELECT count(*) FROM customers;
SELECT count(*) AS n FROM customers WHERE active;
SELECT 1;
SELECT 1 AS one, 'two' AS two, 3.0 AS three;
SELECT 42 AS answer WHERE 1 = 1;
SELECT 42 AS answer WHERE 1 = 2;
SELECT id FROM customers WHERE id BETWEEN 2 AND 5 ORDER BY id;
SELECT id FROM customers WHERE id NOT BETWEEN 2 AND 5 ORDER BY id;
SELECT id FROM customers WHERE age BETWEEN 30 AND 40 ORDER BY id;
SELECT id FROM customers WHERE country IN ('US', 'FR') ORDER BY id;
SELECT id FROM customers WHERE country NOT IN ('US', 'FR') ORDER BY id;
SELECT id FROM customers WHERE id IN (8, 1, 5) ORDER BY id;
SELECT id FROM customers WHERE (age > 30 AND country = 'US') OR id = 1 ORDER BY id;
SELECT id FROM customers WHERE age > 30 AND (country = 'US' OR id = 1) ORDER BY id;
SELECT "id", "name" FROM customers WHERE "id" = 2;
SELECT ID, NAME FROM CUSTOMERS WHERE ID = 2;
