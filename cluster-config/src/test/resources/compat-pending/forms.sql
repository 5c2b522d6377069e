-- Query forms still differing: the lock strengths DSQL refuses (0A000 by design, PostgreSQL locks).
CREATE TABLE fp_rows (id int PRIMARY KEY, a int, b text);
INSERT INTO fp_rows VALUES (1, 1, 'x'), (2, 2, 'y');
SELECT id FROM fp_rows WHERE id = 1 FOR SHARE;
SELECT id FROM fp_rows WHERE id = 1 FOR KEY SHARE;
SELECT id FROM fp_rows WHERE id = 1 FOR NO KEY UPDATE;
