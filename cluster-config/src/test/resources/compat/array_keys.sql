-- Arrays as primary-key, unique and index key columns: keys order as array_cmp (elements, then
-- length, dimensions, lower bounds), so ORDER BY, ranges, uniqueness and ON CONFLICT follow PostgreSQL.
CREATE TABLE ak (a int[] PRIMARY KEY, v text);
INSERT INTO ak VALUES ('{1,2}', 'x'), ('{1}', 'y'), ('{}', 'e'), ('{1,NULL}', 'n'), ('{{1,2},{3,4}}', 'm'), ('[0:1]={1,2}', 'l'), ('{2}', 'z'), ('{-5,7}', 'w');
SELECT a, v FROM ak ORDER BY a;
SELECT a, v FROM ak ORDER BY a DESC;
SELECT v FROM ak WHERE a = '{1,2}';
SELECT v FROM ak WHERE a = ARRAY[1, 2];
SELECT v FROM ak WHERE a = '[0:1]={1,2}';
SELECT a FROM ak WHERE a > '{1}' ORDER BY a;
SELECT a FROM ak WHERE a >= '{1}' AND a < '{2}' ORDER BY a;
SELECT a FROM ak WHERE a IN ('{1}', '{2}', '{3}') ORDER BY a;
-- error 23505
INSERT INTO ak VALUES ('{1,2}', 'dup');
-- error 23502
INSERT INTO ak VALUES (NULL, 'null');
INSERT INTO ak VALUES ('{1,2}', 'dup') ON CONFLICT (a) DO NOTHING;
INSERT INTO ak VALUES ('{1,2}', 'dup') ON CONFLICT (a) DO UPDATE SET v = excluded.v || '!';
SELECT a, v FROM ak WHERE a = '{1,2}';
INSERT INTO ak VALUES ('{1.0,2}'::numeric[]::int[], 'q') ON CONFLICT DO NOTHING;
UPDATE ak SET a = '{9}' WHERE a = '{2}';
SELECT a, v FROM ak ORDER BY a;
DELETE FROM ak WHERE a = '{9}';
-- error 23505
UPDATE ak SET a = '{1}' WHERE a = '{-5,7}';
CREATE TABLE at2 (id int PRIMARY KEY, tags text[] UNIQUE, n numeric[]);
INSERT INTO at2 VALUES (1, '{a,b}', '{1.0}'), (2, '{a}', '{1.00,2}'), (3, NULL, NULL), (4, NULL, '{}');
-- error 23505
INSERT INTO at2 VALUES (5, '{a,b}', NULL);
INSERT INTO at2 VALUES (5, '{a,b}', NULL) ON CONFLICT (tags) DO UPDATE SET n = '{7}';
SELECT id, tags, n FROM at2 ORDER BY id;
CREATE TABLE at3 (id int PRIMARY KEY, n numeric[], d date[]);
CREATE INDEX at3_n ON at3 (n);
CREATE UNIQUE INDEX at3_d ON at3 (d);
INSERT INTO at3 VALUES (1, '{1.0}', '{2024-01-01}'), (2, '{1.00}', '{2024-01-02}'), (3, '{0.5,NULL}', NULL), (4, '{2}', NULL);
-- error 23505
INSERT INTO at3 VALUES (5, NULL, '{2024-01-01}');
SELECT id, n FROM at3 WHERE n = '{1}' ORDER BY id;
SELECT id, n FROM at3 WHERE n > '{0.5}' ORDER BY n, id;
SELECT id FROM at3 WHERE d = '{2024-01-02}';
CREATE TABLE ak2 (a text[], b int, PRIMARY KEY (a, b));
INSERT INTO ak2 VALUES ('{x}', 1), ('{x}', 2), ('{x,y}', 1), ('{"a b",NULL}', 3);
SELECT * FROM ak2 WHERE a = '{x}' AND b > 1;
SELECT * FROM ak2 ORDER BY a, b;
SELECT * FROM ak2 WHERE (a, b) > ('{x}', 1) ORDER BY a, b;

-- many arrays (NULL elements, two dimensions, other lower bounds) as keys, read in key order
CREATE TABLE ak_many (a int[], id int, PRIMARY KEY (a, id));
INSERT INTO ak_many VALUES ('[2:3]={NULL,681}', 0), ('{}', 1), ('[1:2]={-3,NULL}', 2), ('{}', 3), ('{291}', 4), ('{}', 5), ('{NULL,NULL,NULL,-759}', 6), ('[-2:-1]={191,2}', 7), ('{1}', 8), ('{0,NULL,-632}', 9), ('{}', 10), ('{1,2,NULL}', 11), ('{{NULL},{-842}}', 12), ('{-283,0,NULL}', 13), ('{497}', 14), ('[0:3]={-1,NULL,NULL,1}', 15), ('{{0,-3}}', 16), ('{-119,-1}', 17), ('[0:3]={NULL,NULL,NULL,702}', 18), ('{}', 19), ('{{248,NULL,759},{341,2,597}}', 20), ('[2:5]={NULL,0,NULL,NULL}', 21), ('{}', 22), ('{}', 23), ('{}', 24), ('{1,NULL}', 25), ('{-2,-1,NULL,3}', 26), ('{-791}', 27), ('{NULL,NULL,NULL,NULL}', 28), ('{2}', 29), ('{{109},{NULL}}', 30), ('{{NULL,-2}}', 31), ('{}', 32), ('{}', 33), ('[-2:1]={-604,1,655,-1}', 34), ('{{-1},{843}}', 35), ('{NULL,NULL,602}', 36), ('{616,-823}', 37), ('{NULL}', 38), ('{}', 39), ('{{252,0,123},{NULL,988,-790}}', 40), ('[0:1][1:1]={{NULL},{NULL}}', 41), ('{{NULL,863},{-1,194}}', 42), ('{-690,1}', 43), ('[1:1]={NULL}', 44), ('{1}', 45), ('{NULL,NULL,NULL,-800}', 46), ('{}', 47), ('{}', 48), ('{993,NULL,2}', 49), ('{2,NULL}', 50), ('{{0},{NULL}}', 51), ('[0:1][1:1]={{-684},{2}}', 52), ('[0:1][1:1]={{NULL},{0}}', 53), ('{-2,1}', 54), ('[0:2]={-3,-308,-98}', 55), ('{NULL,NULL,-3}', 56), ('{{-136},{3}}', 57), ('{NULL,-883,NULL,NULL}', 58), ('[-2:-2]={NULL}', 59), ('{-1}', 60), ('{79,NULL}', 61), ('{-2}', 62), ('{-88,2}', 63), ('{}', 64), ('{-963}', 65), ('{{-783},{3}}', 66), ('{-370,-2,704,NULL}', 67), ('[0:0]={NULL}', 68), ('{-827,-220}', 69), ('{NULL,NULL}', 70), ('{}', 71), ('[0:2]={991,NULL,-1}', 72), ('{-429}', 73), ('[0:0][1:1]={{NULL}}', 74), ('{0}', 75), ('{{NULL,828,800}}', 76), ('{-419,NULL,689,1}', 77), ('{541,NULL}', 78), ('{NULL,-2}', 79);
SELECT a, id FROM ak_many ORDER BY a, id;
SELECT a, id FROM ak_many ORDER BY a DESC, id DESC;
SELECT count(*) FROM ak_many WHERE a > '{0}' AND a <= '{2,NULL}';
CREATE TABLE ak_text (a text[], id int, PRIMARY KEY (a, id));
INSERT INTO ak_text VALUES (E'[2:3]={b,"a b"}', 0), (E'{"",b}', 1), (E'{a,"a b","a b",ab}', 2), (E'[2:4]={b,ab,NULL}', 3), (E'{NULL,ab,A,z}', 4), (E'{{"",a,ab},{a,a,A}}', 5), (E'{NULL}', 6), (E'[2:3]={ab,"a b"}', 7), (E'{a,b,"",NULL}', 8), (E'{"",A,NULL}', 9), (E'{{b,NULL}}', 10), (E'{ab,A,""}', 11), (E'{z,"\\\\",a,z}', 12), (E'{NULL}', 13), (E'{z,"a b",A}', 14), (E'{{"\\\\",NULL},{ab,ab}}', 15), (E'{a}', 16), (E'{"a b","\\\\",ab,A}', 17), (E'{}', 18), (E'{{"\\\\"}}', 19), (E'{{"",ab,"\\\\"},{b,A,ab}}', 20), (E'{{"\\\\","",z}}', 21), (E'{"\\\\","\\\\"}', 22), (E'{}', 23), (E'{A}', 24), (E'{ab,A}', 25), (E'[0:1][1:3]={{NULL,z,ab},{NULL,"a b",NULL}}', 26), (E'[-1:0]={A,b}', 27), (E'{ab}', 28), (E'{a,"a b","a b"}', 29), (E'[0:0]={b}', 30), (E'[2:4]={A,NULL,"a b"}', 31), (E'{NULL}', 32), (E'[1:2]={b,"a b"}', 33), (E'{}', 34), (E'[0:3]={"",NULL,A,""}', 35), (E'{{b,z,a}}', 36), (E'{A,NULL,NULL}', 37), (E'{{A,NULL,NULL},{"",a,z}}', 38), (E'{{ab,"\\\\"},{"","a b"}}', 39), (E'[0:1][1:1]={{NULL},{ab}}', 40), (E'{"a b",A,z,"a b"}', 41), (E'{"a b",ab,NULL,ab}', 42), (E'{a}', 43), (E'{{b,""},{"\\\\",b}}', 44), (E'{NULL,"\\\\"}', 45), (E'{}', 46), (E'{{"","a b",b},{ab,a,""}}', 47), (E'{"\\\\",ab,"a b"}', 48), (E'{"a b",NULL,"a b","a b"}', 49), (E'[-1:1]={ab,ab,"a b"}', 50), (E'{}', 51), (E'{z,A,z,b}', 52), (E'{a}', 53), (E'{"\\\\","a b",""}', 54), (E'{a}', 55), (E'{"a b",z,"",A}', 56), (E'[0:1][1:2]={{"\\\\",NULL},{a,b}}', 57), (E'{}', 58), (E'{{A,ab}}', 59), (E'[-2:-2]={ab}', 60), (E'{{""}}', 61), (E'{a,NULL,ab}', 62), (E'{"a b"}', 63), (E'[0:1][1:2]={{NULL,A},{z,"a b"}}', 64), (E'{""}', 65), (E'[0:3]={z,b,A,NULL}', 66), (E'[-2:0]={NULL,z,"a b"}', 67), (E'{{"\\\\"}}', 68), (E'{}', 69), (E'{z,"a b","\\\\"}', 70), (E'{"a b",ab}', 71), (E'{NULL,b,"\\\\",A}', 72), (E'{a,b,NULL}', 73), (E'{}', 74), (E'{a,ab,z}', 75), (E'{}', 76), (E'{}', 77), (E'{"",NULL}', 78), (E'{{"a b",a}}', 79);
SELECT a, id FROM ak_text ORDER BY a, id;
