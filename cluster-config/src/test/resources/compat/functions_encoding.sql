-- encode/decode, character set conversion, COLLATE in a C-locale database.
CREATE TABLE fe_blobs (id int PRIMARY KEY, data bytea, note text);
INSERT INTO fe_blobs VALUES (1, '\x68656c6c6f', 'hello'), (2, '\x00ff5c41', 'binary'), (3, '', 'empty'), (4, NULL, NULL), (5, '\xc3a9e28ac3', 'utf8ish');
SELECT encode('hello'::bytea, 'hex'), encode('hello'::bytea, 'base64'), decode('68656c6c6f', 'hex');
SELECT id, encode(data, 'hex'), encode(data, 'base64'), encode(data, 'escape') FROM fe_blobs ORDER BY id;
SELECT id, decode(encode(data, 'base64'), 'base64') = data, decode(encode(data, 'escape'), 'escape') = data FROM fe_blobs ORDER BY id;
SELECT encode(repeat('x', 60)::bytea, 'base64');
SELECT encode(repeat('ab', 100)::bytea, 'base64');
SELECT encode('abc'::bytea, 'base64'), encode('ab'::bytea, 'base64'), encode('a'::bytea, 'base64'), encode(''::bytea, 'base64');
SELECT decode('aGVs bG8=', 'base64'), decode('', 'hex'), decode('ABCDEF', 'HEX'), decode('YWJj', 'base64'), decode('YQ==', 'base64');
SELECT decode('a\\b\101', 'escape'), decode('plain', 'escape'), decode('de ad be ef', 'hex');
SELECT encode(NULL::bytea, 'hex'), decode(NULL, 'hex'), encode('x'::bytea, NULL);
SELECT pg_typeof(encode('a'::bytea, 'hex'))::text, pg_typeof(decode('61', 'hex'))::text;
-- error 22023
SELECT decode('abc', 'hex');
-- error 22023
SELECT decode('zz', 'hex');
-- error 22023
SELECT decode('a!==', 'base64');
-- error 22023
SELECT decode('a', 'base64');
-- error 22023
SELECT encode('x'::bytea, 'foo');
-- error 22023
SELECT decode('x', 'base32');
-- error 22P02
SELECT decode('a\9', 'escape');
SELECT convert_from(decode('5a6fc3ab', 'hex'), 'UTF8'), convert_from('\xe9'::bytea, 'LATIN1'), convert_to('Zoë', 'latin1'), convert_to('Zoë', 'utf-8');
SELECT convert_to('héllo wörld', 'UTF8'), convert_from(convert_to('héllo', 'LATIN1'), 'LATIN1'), convert_to('€', 'WIN1252'), convert_from('\x80'::bytea, 'WIN1252');
SELECT id, convert_from(data, 'LATIN1') FROM fe_blobs WHERE id IN (1, 3, 5) ORDER BY id;
SELECT length(convert_to('日本語', 'UTF8')), octet_length(convert_to('é', 'LATIN1')), convert_from(convert_to('Ωμέγα', 'ISO_8859_7'::text), 'ISO_8859_7'::text) IS NULL;
-- error 22021
SELECT convert_from('\xff'::bytea, 'UTF8');
-- error 22021
SELECT id, convert_from(data, 'UTF8') FROM fe_blobs WHERE id = 5;
-- error 22P05
SELECT convert_to('日本', 'LATIN1');
-- error 22023
SELECT convert_from('\x41'::bytea, 'nope');
-- error 22023
SELECT convert_to('a', 'nope');
SELECT md5(convert_to('hello', 'UTF8')), md5('hello'), encode(convert_to('hello', 'UTF8'), 'hex');
SELECT 'ab' < 'abc', 'abc' COLLATE "C" < 'abd', 'a' < 'b' COLLATE "C", 'B' COLLATE "C" < 'a';
SELECT 'a' COLLATE "POSIX", 'b' COLLATE "default", 'x' COLLATE ucs_basic, 'Zebra' COLLATE "C" < 'apple';
SELECT note FROM fe_blobs WHERE note IS NOT NULL ORDER BY note COLLATE "C";
SELECT note FROM fe_blobs WHERE note IS NOT NULL ORDER BY note COLLATE "POSIX" DESC;
SELECT note COLLATE "C" AS n FROM fe_blobs WHERE note > 'c' COLLATE "C" ORDER BY 1;
SELECT max(note COLLATE "C"), min(note) FROM fe_blobs;
SELECT upper('abc' COLLATE "C"), 'abc' COLLATE "C" LIKE 'a%', length('héllo' COLLATE "C");
SELECT x FROM (VALUES ('b'), ('a'), ('B'), ('_')) v(x) ORDER BY x COLLATE "C";
-- error 42704
SELECT 'a' COLLATE "en_US";
-- error 42704
SELECT 'a' COLLATE c;
-- error 42704
SELECT 'a' COLLATE "posix";
-- error 42804
SELECT 1 COLLATE "C";
