-- Text: C collation ordering, case mapping, lengths, concatenation, LIKE, unicode.
CREATE TABLE words (id int PRIMARY KEY, w text, tag varchar(20));
INSERT INTO words VALUES
  (1, 'apple', 'fruit'),
  (2, 'Apple', 'Fruit'),
  (3, 'banana', 'fruit'),
  (4, 'Zebra', 'animal'),
  (5, 'zebra', 'animal'),
  (6, '_under', 'misc'),
  (7, '100%', 'misc'),
  (8, 'a b c', NULL),
  (9, 'éclair', 'pastry'),
  (10, 'Ærø', 'place'),
  (11, '日本', 'place'),
  (12, '', 'empty'),
  (13, NULL, 'null'),
  (14, '  padded  ', 'misc'),
  (15, 'ZZZ', 'misc'),
  (16, '10', 'number'),
  (17, '9', 'number'),
  (18, 'Straße', 'place');
SELECT id, w FROM words ORDER BY w, id;
SELECT id, w FROM words ORDER BY w DESC, id;
SELECT id, tag FROM words ORDER BY tag NULLS FIRST, id;
SELECT id FROM words WHERE w < 'b' ORDER BY id;
SELECT id FROM words WHERE w > 'Z' ORDER BY id;
SELECT id FROM words WHERE w >= 'a' AND w < 'c' ORDER BY id;
SELECT id FROM words WHERE w = 'apple';
SELECT id FROM words WHERE w = 'APPLE';
SELECT id, lower(w), upper(w) FROM words WHERE id IN (1, 2, 4, 8, 12, 16) ORDER BY id;
SELECT id FROM words WHERE lower(w) = 'apple' ORDER BY id;
SELECT id, length(w) FROM words ORDER BY id;
SELECT id, char_length(w), character_length(tag) FROM words WHERE id IN (9, 10, 11, 14) ORDER BY id;
SELECT id, w || '!' AS shout FROM words WHERE id <= 5 ORDER BY id;
SELECT id, w || ' (' || tag || ')' AS labelled FROM words WHERE id IN (1, 8, 13) ORDER BY id;
SELECT 'a' || 'b' || 'c', 'x' || '', '' || '';
SELECT 'abc' || 1, 2 || 'def';
SELECT id FROM words WHERE w LIKE 'a%' ORDER BY id;
SELECT id FROM words WHERE w LIKE '%a' ORDER BY id;
SELECT id FROM words WHERE w LIKE '%an%' ORDER BY id;
SELECT id FROM words WHERE w LIKE '_pple' ORDER BY id;
SELECT id FROM words WHERE w LIKE 'Z____' ORDER BY id;
SELECT id FROM words WHERE w NOT LIKE '%a%' ORDER BY id;
SELECT id FROM words WHERE w LIKE '%' ORDER BY id;
SELECT id FROM words WHERE w LIKE '' ORDER BY id;
SELECT id FROM words WHERE w LIKE '100\%';
SELECT id FROM words WHERE w LIKE '\_%';
SELECT id FROM words WHERE w LIKE '%ß%';
SELECT id FROM words WHERE tag LIKE 'f%' ORDER BY id;
SELECT id FROM words WHERE w ILIKE 'APPLE' ORDER BY id;
SELECT id FROM words WHERE w ILIKE 'z%' ORDER BY id;
SELECT id FROM words WHERE w IN ('apple', 'banana', 'cherry') ORDER BY id;
SELECT id FROM words WHERE w BETWEEN 'a' AND 'b' ORDER BY id;
SELECT id FROM words WHERE tag = 'fruit' AND w <> 'apple';
SELECT 'abc' < 'abd', 'abc' < 'ab', 'B' < 'a', 'a' < 'B';
SELECT 'Z' < 'a', '10' < '9', '' < 'a';
SELECT length(''), length('日本語'), length('  x  ');
SELECT 'it''s', 'say "hi"', E'tab\there', E'line\\back';
SELECT 'abc' LIKE 'abc', 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' LIKE 'b%';
SELECT 'ABC' ILIKE 'abc', 'abc' NOT LIKE 'x%';
SELECT DISTINCT tag FROM words WHERE tag IS NOT NULL ORDER BY tag;
SELECT tag, count(*) FROM words GROUP BY tag ORDER BY tag;
SELECT min(w), max(w) FROM words;
SELECT id, w FROM words ORDER BY lower(w), id;
SELECT id, w FROM words WHERE length(w) > 5 ORDER BY length(w), id;
SELECT 'abc' || NULL, coalesce('abc' || NULL, 'null!');
