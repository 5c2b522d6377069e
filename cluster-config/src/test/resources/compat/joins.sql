-- Joins of every kind: inner, outer, cross, self, USING, NATURAL, LATERAL, with NULL keys.
CREATE TABLE departments (id int PRIMARY KEY, name text NOT NULL, budget numeric(12,2), parent_id int);
CREATE TABLE employees (id int PRIMARY KEY, name text NOT NULL, dept_id int, manager_id int, salary numeric(10,2), hired date);
CREATE TABLE projects (id int PRIMARY KEY, title text NOT NULL, dept_id int, lead_id int);
CREATE TABLE assignments (employee_id int, project_id int, hours int, PRIMARY KEY (employee_id, project_id));
INSERT INTO departments VALUES
  (1, 'Engineering', 500000.00, NULL),
  (2, 'Sales', 200000.00, NULL),
  (3, 'Support', 80000.00, 1),
  (4, 'Research', NULL, 1),
  (5, 'Empty', 1000.00, 2);
INSERT INTO employees VALUES
  (1, 'Ada', 1, NULL, 9000.00, '2019-03-01'),
  (2, 'Bob', 1, 1, 7000.00, '2020-06-15'),
  (3, 'Cy', 2, NULL, 6500.00, '2021-01-10'),
  (4, 'Dee', 2, 3, 5000.00, '2022-09-01'),
  (5, 'Eve', 3, 1, 4000.00, '2023-02-20'),
  (6, 'Fay', NULL, 1, 3000.00, '2023-05-05'),
  (7, 'Gus', 1, 2, 7000.00, '2024-01-08'),
  (8, 'Hal', 9, NULL, NULL, NULL);
INSERT INTO projects VALUES
  (1, 'Compiler', 1, 1),
  (2, 'CRM', 2, 3),
  (3, 'Helpdesk', 3, 5),
  (4, 'Orphan', NULL, NULL),
  (5, 'Moonshot', 4, 2);
INSERT INTO assignments VALUES (1, 1, 10), (2, 1, 20), (7, 1, 5), (3, 2, 8), (4, 2, 12), (5, 3, 30), (2, 5, 4), (6, 4, 1);
SELECT e.name, d.name AS dept FROM employees e JOIN departments d ON d.id = e.dept_id ORDER BY e.id;
SELECT e.name, d.name AS dept FROM employees e INNER JOIN departments d ON e.dept_id = d.id WHERE d.name = 'Engineering' ORDER BY e.name;
SELECT e.name, d.name AS dept FROM employees e LEFT JOIN departments d ON d.id = e.dept_id ORDER BY e.id;
SELECT e.name, d.name AS dept FROM employees e LEFT OUTER JOIN departments d ON d.id = e.dept_id WHERE d.id IS NULL ORDER BY e.id;
SELECT d.name, e.name AS employee FROM employees e RIGHT JOIN departments d ON d.id = e.dept_id ORDER BY d.id, e.id;
SELECT d.name, e.name AS employee FROM departments d LEFT JOIN employees e ON e.dept_id = d.id ORDER BY d.id, e.id NULLS FIRST;
SELECT e.name AS employee, d.name AS dept FROM employees e FULL JOIN departments d ON d.id = e.dept_id ORDER BY e.id NULLS LAST, d.id;
SELECT e.name AS employee, d.name AS dept FROM employees e FULL OUTER JOIN departments d ON d.id = e.dept_id WHERE e.id IS NULL OR d.id IS NULL ORDER BY e.name, d.name;
SELECT count(*) FROM employees CROSS JOIN departments;
SELECT e.name, d.name FROM employees e CROSS JOIN departments d WHERE e.id = 1 ORDER BY d.id;
SELECT e.name, d.name FROM employees e, departments d WHERE e.dept_id = d.id AND d.budget > 100000 ORDER BY e.id;
SELECT e.name, m.name AS manager FROM employees e JOIN employees m ON m.id = e.manager_id ORDER BY e.id;
SELECT e.name, m.name AS manager FROM employees e LEFT JOIN employees m ON m.id = e.manager_id ORDER BY e.id;
SELECT e.name, coalesce(m.name, '(none)') AS manager FROM employees e LEFT JOIN employees m ON e.manager_id = m.id ORDER BY e.name;
SELECT e.name, p.title, a.hours FROM assignments a JOIN employees e ON e.id = a.employee_id JOIN projects p ON p.id = a.project_id ORDER BY e.name, p.title;
SELECT p.title, sum(a.hours) AS hours FROM projects p LEFT JOIN assignments a ON a.project_id = p.id GROUP BY p.title ORDER BY p.title;
SELECT d.name, count(e.id) AS staff FROM departments d LEFT JOIN employees e ON e.dept_id = d.id GROUP BY d.name ORDER BY d.name;
SELECT d.name, count(*) AS rows_incl_null FROM departments d LEFT JOIN employees e ON e.dept_id = d.id GROUP BY d.name ORDER BY d.name;
SELECT d.name, sum(e.salary) AS payroll, avg(e.salary) AS mean FROM departments d JOIN employees e ON e.dept_id = d.id GROUP BY d.id, d.name HAVING sum(e.salary) > 10000 ORDER BY payroll DESC;
SELECT e.name, d.name FROM employees e JOIN departments d ON d.id = e.dept_id AND d.budget > 100000 ORDER BY e.id;
SELECT e.name, d.name FROM employees e LEFT JOIN departments d ON d.id = e.dept_id AND d.budget > 100000 ORDER BY e.id;
SELECT e.name, d.name FROM employees e JOIN departments d ON e.dept_id = d.id OR e.manager_id = d.id ORDER BY e.id, d.id;
SELECT e.name, d.name FROM employees e JOIN departments d ON e.dept_id < d.id WHERE e.id <= 2 ORDER BY e.id, d.id;
SELECT e1.name, e2.name FROM employees e1 JOIN employees e2 ON e1.salary = e2.salary AND e1.id < e2.id ORDER BY e1.id;
CREATE TABLE emp_dept (dept_id int PRIMARY KEY, dept_name text);
INSERT INTO emp_dept VALUES (1, 'Eng'), (2, 'Sales'), (3, 'Support');
SELECT name, dept_name FROM employees JOIN emp_dept USING (dept_id) ORDER BY name;
SELECT dept_id, name FROM employees LEFT JOIN emp_dept USING (dept_id) ORDER BY dept_id NULLS FIRST, name;
SELECT * FROM emp_dept JOIN employees USING (dept_id) WHERE dept_id = 3;
SELECT dept_id, count(*) FROM employees FULL JOIN emp_dept USING (dept_id) GROUP BY dept_id ORDER BY dept_id NULLS LAST;
CREATE TABLE colors (id int PRIMARY KEY, color text);
CREATE TABLE sizes (id int PRIMARY KEY, size text);
INSERT INTO colors VALUES (1, 'red'), (2, 'green'), (3, 'blue');
INSERT INTO sizes VALUES (2, 'M'), (3, 'L'), (4, 'XL');
SELECT * FROM colors NATURAL JOIN sizes ORDER BY id;
SELECT * FROM colors NATURAL LEFT JOIN sizes ORDER BY id;
SELECT * FROM colors NATURAL FULL JOIN sizes ORDER BY id;
SELECT c.color, s.size FROM colors c CROSS JOIN sizes s ORDER BY c.color, s.size;
SELECT d.name, top.name, top.salary FROM departments d CROSS JOIN LATERAL (SELECT e.name, e.salary FROM employees e WHERE e.dept_id = d.id ORDER BY e.salary DESC, e.id LIMIT 1) top ORDER BY d.id;
SELECT d.name, top.name FROM departments d LEFT JOIN LATERAL (SELECT e.name FROM employees e WHERE e.dept_id = d.id ORDER BY e.hired DESC LIMIT 1) top ON true ORDER BY d.id;
SELECT d.name, x.n FROM departments d, LATERAL (SELECT count(*) AS n FROM employees e WHERE e.dept_id = d.id) x ORDER BY d.id;
SELECT e.name, p.title FROM employees e JOIN projects p ON p.lead_id = e.id JOIN departments d ON d.id = p.dept_id WHERE d.parent_id = 1 ORDER BY e.name;
SELECT p.title, e.name AS lead, d.name AS dept FROM projects p LEFT JOIN employees e ON e.id = p.lead_id LEFT JOIN departments d ON d.id = p.dept_id ORDER BY p.id;
SELECT child.name, parent.name AS parent FROM departments child LEFT JOIN departments parent ON parent.id = child.parent_id ORDER BY child.id;
SELECT e.name FROM employees e LEFT JOIN assignments a ON a.employee_id = e.id WHERE a.employee_id IS NULL ORDER BY e.name;
SELECT DISTINCT d.name FROM departments d JOIN employees e ON e.dept_id = d.id ORDER BY d.name;
SELECT e.name, d.name FROM employees e JOIN departments d ON d.id = e.dept_id ORDER BY d.name, e.salary DESC, e.id LIMIT 3;
SELECT e.name, d.name FROM employees e JOIN departments d ON d.id = e.dept_id ORDER BY e.id LIMIT 2 OFFSET 2;
SELECT a.x, b.y FROM (VALUES (1), (2), (NULL)) a(x) JOIN (VALUES (1), (NULL), (3)) b(y) ON a.x = b.y;
SELECT a.x, b.y FROM (VALUES (1), (2), (NULL)) a(x) LEFT JOIN (VALUES (1), (NULL), (3)) b(y) ON a.x = b.y ORDER BY a.x NULLS FIRST;
SELECT a.x, b.y FROM (VALUES (1), (2), (NULL)) a(x) FULL JOIN (VALUES (1), (NULL), (3)) b(y) ON a.x = b.y ORDER BY a.x NULLS FIRST, b.y NULLS FIRST;
SELECT e.name, d.name FROM employees e JOIN departments d ON true WHERE e.id = 8 ORDER BY d.id;
UPDATE employees SET salary = salary + 100 WHERE dept_id IN (SELECT id FROM departments WHERE name = 'Support');
SELECT e.name, e.salary FROM employees e JOIN departments d ON d.id = e.dept_id WHERE d.name = 'Support';
-- error 42702
SELECT name FROM employees JOIN departments ON departments.id = employees.dept_id;
-- error 42P01
SELECT e.name FROM employees e JOIN departments d ON d.id = x.dept_id;
-- error 42712
SELECT * FROM employees e JOIN departments e ON true;
