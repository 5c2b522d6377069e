-- String functions an application uses (C collation, UTF-8).
CREATE TABLE fs_people (id int PRIMARY KEY, first text, last text, email text, note text);
INSERT INTO fs_people VALUES (1, 'Ada', 'Lovelace', 'Ada.Lovelace@Example.com', '  spaced  '),
  (2, 'bob', 'smith', 'bob@example.org', NULL), (3, 'Zoë', 'Ångström', 'zoe@exämple.se', 'x,y,z'), (4, '', 'Nobody', NULL, '');
SELECT concat('a', 'b', NULL, 'c'), concat_ws('-', 'a', NULL, 'b', 'c');
SELECT id, concat(first, ' ', last) AS full_name FROM fs_people ORDER BY id;
SELECT id, concat_ws(', ', last, first) AS sortable FROM fs_people ORDER BY sortable;
SELECT substring('PostgreSQL' from 5 for 3), substring('PostgreSQL' from 5), substring('PostgreSQL', 1, 4);
SELECT substr('hello', 2, 3), substr('hello', 3), substr('hello', 0, 2), substr('hello', 10);
SELECT id, substring(email from position('@' in email) + 1) AS domain FROM fs_people WHERE email IS NOT NULL ORDER BY id;
SELECT position('lo' in 'hello'), position('x' in 'hello'), strpos('hello', 'l');
SELECT left('abcdef', 2), right('abcdef', 2), left('abc', -1), right('abc', -1);
SELECT trim('  x  '), ltrim('  x  '), rtrim('  x  '), btrim('xxhixx', 'x');
SELECT trim(both 'x' from 'xxhixx'), trim(leading '0' from '000123'), trim(trailing '.' from 'end...');
SELECT id, '[' || trim(note) || ']' AS t FROM fs_people ORDER BY id;
SELECT replace('a-b-c', '-', '+'), replace('aaa', 'a', ''), replace('abc', '', 'x');
SELECT repeat('ab', 3), repeat('x', 0), reverse('abc'), reverse('Zoë');
SELECT lpad('42', 5, '0'), rpad('ab', 5, '.'), lpad('toolong', 3), rpad('x', 3);
SELECT initcap('hello wORLD foo-bar'), initcap('ada lovelace');
SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 5), split_part('a,b,c', ',', -1);
SELECT id, split_part(email, '@', 1) AS local FROM fs_people WHERE email IS NOT NULL ORDER BY id;
SELECT ascii('A'), chr(65), chr(246), ascii('é');
SELECT md5('hello'), md5('');
SELECT octet_length('abc'), octet_length('Zoë'), bit_length('a');
SELECT id, length(last), octet_length(last) FROM fs_people ORDER BY id;
SELECT 'abc' ~ 'b', 'abc' ~ '^b', 'ABC' ~* 'b', 'abc' !~ 'z';
SELECT regexp_replace('2024-01-15', '(\d+)-(\d+)-(\d+)', '\3/\2/\1'), regexp_replace('aaa', 'a', 'b', 'g');
SELECT id FROM fs_people WHERE email ~ '\.com$' ORDER BY id;
SELECT 'abc' SIMILAR TO 'a%', 'abc' SIMILAR TO '(a|b)c', 'abc' NOT SIMILAR TO '_b_';
SELECT 'a_b' LIKE 'a\_b', 'a%b' LIKE 'a!%b' ESCAPE '!', 'axb' LIKE 'a!%b' ESCAPE '!';
SELECT id FROM fs_people WHERE first ILIKE 'ZO%';
SELECT format('%s is %s years', 'Ada', 36), format('%L', 'it''s'), format('%I', 'Table');
SELECT quote_literal('it''s'), quote_ident('Mixed Case'), quote_ident('lower');
SELECT starts_with('hello', 'he'), starts_with('hello', 'lo');
SELECT translate('hello', 'el', 'ip'), to_hex(255), to_hex(-1);
SELECT string_to_array('a,b,,c', ',') IS NOT NULL;
SELECT lower('ÀÉÎ'), upper('àéî'), lower('ABC'), upper('xyz');
SELECT 'ab' < 'abc', 'abc' COLLATE "C" < 'abd', 'a' < 'b' COLLATE "C";
SELECT char_length('日本語'), octet_length('日本語'), length('🎉');
SELECT overlay('Txxxxas' placing 'hom' from 2 for 4);
SELECT encode('hello'::bytea, 'hex'), encode('hello'::bytea, 'base64'), decode('68656c6c6f', 'hex');
SELECT convert_from(decode('5a6fc3ab', 'hex'), 'UTF8');
SELECT id, coalesce(nullif(note, ''), '(empty)') AS n FROM fs_people ORDER BY id;
SELECT string_agg(first, ', ' ORDER BY id) FROM fs_people;
SELECT string_agg(DISTINCT lower(first), '|' ORDER BY lower(first)) FROM fs_people WHERE first <> '';
-- error 42883
SELECT substring(123 from 1 for 2);
-- error 54000
SELECT chr(0);
-- error 2201B
SELECT regexp_replace('a', '(', 'b');
