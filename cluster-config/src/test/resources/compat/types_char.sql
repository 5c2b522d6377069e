-- char(n) / bpchar: blank-padded storage and output, trailing spaces insignificant in
-- comparisons, length, casts to and from text and varchar, 22001 on overflow, keys.
SELECT 'ab'::char(5), 'ab'::char(5) || '|', 'abcdef'::char(3), 'x'::character(2) = 'x', 'abc'::char, 'abc'::bpchar;
SELECT length('ab '::char(5)), char_length('ab'::char(4)), octet_length('ab'::char(4)), character_length('a'::char(3));
SELECT 'ab'::char(3) = 'ab   '::char(5), 'ab'::char(3) = 'ab', 'ab '::char(3) < 'abc'::char(3), 'a'::char(3) = 'a  '::varchar;
SELECT 'a'::char(3) < 'a '::text, 'a'::char(3) = 'a'::text, 'a'::char(3)::text || '|', 'a'::char(3)::varchar || '|';
SELECT upper('ab'::char(4)) || '|', replace('ab'::char(4), ' ', 'x'), position('b' in 'ab'::char(4)), substr('abc'::char(5), 2) || '|';
SELECT 'ab'::char(4) LIKE 'ab', 'ab'::char(4) LIKE 'ab%', 'ab'::char(4) LIKE 'ab  ', concat('ab'::char(4), '|');
SELECT 'ab'::char(4)::varchar(2), 'abcd'::varchar::char(2), 'abc'::text::char(5) || '|', CAST('xyz' AS character(1));
SELECT 'é'::char(3) || '|', length('éé'::char(5)), octet_length('é'::char(2));
SELECT COALESCE(NULL::char(3), 'z'), CASE WHEN true THEN 'a'::char(3) ELSE 'b'::text END || '|';
SELECT 'ab'::char(3) IN ('ab', 'cd'), 'ab'::char(3) IN ('ab '::char(4));
SELECT max('ab'::char(3)) || '|', min(x) FROM (VALUES ('b'::char(2)), ('a'::char(2))) v(x);
CREATE TABLE tc_codes (id int PRIMARY KEY, code char(3), flag character, v varchar(5), nm bpchar);
INSERT INTO tc_codes VALUES (1, 'ab', 'y', 'x', 'p'), (2, 'abc', 'n', 'yy', 'q  '), (3, NULL, NULL, NULL, NULL), (4, 'a  ', 'y', 'z ', 'r'), (5, 'b', 'n', 'b', 'b ');
SELECT id, code, flag, v, nm FROM tc_codes ORDER BY id;
SELECT id, code || '|' AS c, length(code), octet_length(code), nm || '|' AS n FROM tc_codes ORDER BY id;
SELECT id FROM tc_codes WHERE code = 'ab ' ORDER BY id;
SELECT id FROM tc_codes WHERE code = 'ab' ORDER BY id;
SELECT id FROM tc_codes WHERE code = 'a' ORDER BY id;
SELECT id FROM tc_codes WHERE code > 'a' ORDER BY id;
SELECT id FROM tc_codes WHERE code IN ('a', 'b') ORDER BY id;
SELECT id FROM tc_codes WHERE code LIKE 'a%' ORDER BY id;
SELECT id, code FROM tc_codes ORDER BY code NULLS FIRST, id;
SELECT code, count(*) FROM tc_codes GROUP BY code ORDER BY code NULLS LAST;
SELECT flag, count(*) FROM tc_codes GROUP BY flag ORDER BY flag NULLS LAST;
SELECT string_agg(code, ',' ORDER BY id) FROM tc_codes;
SELECT id FROM tc_codes WHERE code = v ORDER BY id;
SELECT a.id, b.id FROM tc_codes a JOIN tc_codes b ON a.code = b.nm ORDER BY 1, 2;
SELECT upper(code), lower(flag), trim(code) FROM tc_codes WHERE id = 4;
UPDATE tc_codes SET code = 'z' WHERE id = 5 RETURNING code, code || '|';
INSERT INTO tc_codes (id, code) VALUES (6, 'xyz   ') RETURNING code || '|';
SELECT id, code FROM tc_codes WHERE id >= 5 ORDER BY id;
CREATE TABLE tc_keyed (k char(4) PRIMARY KEY, v int);
INSERT INTO tc_keyed VALUES ('a', 1), ('ab', 2), ('b ', 3), ('abcd', 4);
SELECT k || '|', v FROM tc_keyed ORDER BY k;
SELECT v FROM tc_keyed WHERE k = 'ab';
SELECT v FROM tc_keyed WHERE k = 'ab  ';
SELECT v FROM tc_keyed WHERE k > 'a' ORDER BY k;
-- error 23505
INSERT INTO tc_keyed VALUES ('a  ', 9);
-- error 22001
INSERT INTO tc_codes VALUES (7, 'abcd', 'y', 'x', 'p');
-- error 22001
INSERT INTO tc_codes (id, flag) VALUES (8, 'yes');
-- error 22001
UPDATE tc_codes SET code = 'long' WHERE id = 1;
-- error 22023
CREATE TABLE tc_bad (c char(0));
SELECT 'ab'::char(4) ~ 'ab$', 'ab'::char(4) SIMILAR TO 'ab', 'ab'::char(4) ILIKE 'AB', 'ab'::char(4) LIKE 'ab__', length('ab'::char(4)::varchar);
SELECT 'ab'::char(4) || 1, concat_ws(',', 'a'::char(3), 'b'), format('%s|', 'a'::char(3)), lower('AB'::char(4)) || '|', concat('x'::char(3), 'y');
SELECT 'a'::char(3) < 'b'::char(1), 'a '::char(3) = 'a'::char(1), 'A'::char(2) < 'a'::char(2), ''::char(2) || '|', ''::char(2) = ' ';
