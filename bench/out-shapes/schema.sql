CREATE TABLE parts (id int PRIMARY KEY, grp int, k int, v int);
CREATE INDEX parts_k ON parts (k);
CREATE TABLE lines (id int PRIMARY KEY, part_id int, qty int);
