-- Secondary indexes and unique constraints: answers through indexes, unique violations, upserts.
CREATE TABLE ix_users (id int PRIMARY KEY, email text UNIQUE, team int, score numeric(8,2), nick varchar(20), UNIQUE (team, nick));
CREATE INDEX ix_users_team ON ix_users (team, score);
CREATE INDEX ON ix_users (nick) INCLUDE (score);
INSERT INTO ix_users VALUES (1, 'ada@x', 1, 10.50, 'ada'), (2, 'bob@x', 1, 7.25, 'bob'), (3, NULL, 2, 7.25, 'cy'), (4, NULL, 2, NULL, 'dee'), (5, 'eve@x', 3, 99.00, NULL), (6, 'fay@x', 3, 0, 'fay');
SELECT id FROM ix_users WHERE email = 'bob@x';
SELECT id FROM ix_users WHERE email IS NULL ORDER BY id;
SELECT id, score FROM ix_users WHERE team = 1 ORDER BY id;
SELECT id FROM ix_users WHERE team = 2 AND score = 7.25;
SELECT id FROM ix_users WHERE team = 3 AND score > 0 ORDER BY id;
SELECT id FROM ix_users WHERE team >= 2 AND team < 3 ORDER BY id;
SELECT id FROM ix_users WHERE team > 1.5 ORDER BY id;
SELECT id FROM ix_users WHERE team = 1.5;
SELECT id FROM ix_users WHERE nick = 'cy';
SELECT id FROM ix_users WHERE nick BETWEEN 'b' AND 'd' ORDER BY id;
SELECT id FROM ix_users WHERE id BETWEEN 2 AND 4 ORDER BY id;
SELECT id FROM ix_users WHERE id > 4 ORDER BY id;
SELECT id FROM ix_users WHERE id < 3 AND team = 1 ORDER BY id;
SELECT count(*) FROM ix_users WHERE team = 2;
-- error 23505
INSERT INTO ix_users VALUES (7, 'ada@x', 4, 1, 'zed');
-- error 23505
INSERT INTO ix_users VALUES (7, 'new@x', 1, 1, 'ada');
INSERT INTO ix_users VALUES (7, NULL, 1, 1, NULL);
INSERT INTO ix_users VALUES (8, NULL, 1, 1, NULL);
-- error 23505
UPDATE ix_users SET email = 'bob@x' WHERE id = 1;
UPDATE ix_users SET email = 'ada2@x' WHERE id = 1;
INSERT INTO ix_users VALUES (9, 'ada@x', 5, 3, 'ada');
SELECT id, email FROM ix_users WHERE email LIKE 'ada%' ORDER BY id;
DELETE FROM ix_users WHERE id = 9;
INSERT INTO ix_users VALUES (10, 'ada@x', 5, 3, 'ada') RETURNING id, email;
INSERT INTO ix_users VALUES (11, 'ada@x', 6, 1, 'x') ON CONFLICT (email) DO UPDATE SET score = ix_users.score + excluded.score RETURNING id, score;
INSERT INTO ix_users VALUES (12, 'eve@x', 6, 1, 'x') ON CONFLICT DO NOTHING;
INSERT INTO ix_users VALUES (12, 'zoe@x', 6, 1, 'zoe') ON CONFLICT ON CONSTRAINT ix_users_email_key DO NOTHING RETURNING id;
-- error 21000
INSERT INTO ix_users VALUES (13, 'q@x', 7, 1, 'q'), (14, 'q@x', 7, 2, 'r') ON CONFLICT (email) DO UPDATE SET score = excluded.score;
-- error 42P10
INSERT INTO ix_users VALUES (15, 'w@x', 7, 1, 'w') ON CONFLICT (score) DO NOTHING;
INSERT INTO ix_users VALUES (15, 'w@x', 7, 1, 'w') ON CONFLICT (nick, team) DO UPDATE SET score = 0;
INSERT INTO ix_users VALUES (16, 'v@x', 7, 5, 'w') ON CONFLICT (team, nick) DO UPDATE SET score = excluded.score + 100 WHERE ix_users.score < 50 RETURNING id, score;
SELECT id, email, team, score, nick FROM ix_users ORDER BY id;
SELECT u.id, v.id FROM ix_users u JOIN ix_users v ON v.email = u.email AND v.id <> u.id;
-- error 42P07
CREATE INDEX ix_users_team ON ix_users (nick);
DROP INDEX ix_users_team;
-- error 42704
DROP INDEX ix_users_team;
DROP INDEX IF EXISTS ix_users_team;
SELECT id FROM ix_users WHERE team = 1 ORDER BY id;
CREATE TABLE ix_events (id bigint PRIMARY KEY, at date, kind text, UNIQUE (kind, at));
CREATE INDEX ON ix_events (at);
INSERT INTO ix_events SELECT g, DATE '2024-01-01' + g, CASE WHEN g % 3 = 0 THEN 'a' WHEN g % 3 = 1 THEN 'b' ELSE 'c' END FROM generate_series(1, 200) g;
SELECT count(*), min(id), max(id) FROM ix_events WHERE at >= DATE '2024-02-01' AND at < DATE '2024-03-01';
SELECT id, kind FROM ix_events WHERE at = DATE '2024-04-10';
SELECT id FROM ix_events WHERE kind = 'a' AND at > DATE '2024-07-01' ORDER BY id;
SELECT kind, count(*) FROM ix_events WHERE at BETWEEN DATE '2024-03-01' AND DATE '2024-03-31' GROUP BY kind ORDER BY kind;
-- error 23505
INSERT INTO ix_events VALUES (1000, DATE '2024-01-04', 'a');
INSERT INTO ix_events VALUES (1000, DATE '2024-01-04', 'z');
UPDATE ix_events SET at = at + 1000 WHERE kind = 'b' AND at < DATE '2024-01-20';
SELECT id, at FROM ix_events WHERE at > DATE '2026-01-01' ORDER BY id;
DELETE FROM ix_events WHERE at > DATE '2024-06-01' AND kind <> 'z';
SELECT count(*) FROM ix_events;
SELECT count(*) FROM ix_events WHERE at > DATE '2024-06-01';
