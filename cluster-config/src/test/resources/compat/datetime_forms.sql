-- Date/time types in the rest of the language: assignment casts, indexes, upserts, set
-- operations and CASE across date/time types, window frames over time, mixed comparisons.
SET TIME ZONE 'UTC';
CREATE TABLE df_log (id int PRIMARY KEY, at timestamp, tz timestamptz, d date, t time, tt timetz, iv interval, c char(4));
CREATE INDEX df_log_at ON df_log (at);
CREATE INDEX df_log_t ON df_log (t);
CREATE INDEX df_log_iv ON df_log (iv);
CREATE INDEX df_log_c ON df_log (c);
INSERT INTO df_log VALUES (1, '2024-01-01 08:00', '2024-01-01 08:00+00', '2024-01-01', '08:00', '08:00+00', '1 hour', 'a'), (2, '2024-01-01 12:30', '2024-01-01 12:30+02', '2024-01-02', '12:30', '12:30+02', '90 minutes', 'bb'), (3, '2024-01-02 09:15', '2024-01-02 09:15-05', '2024-01-03', '09:15', '09:15-05', '1 day', 'ccc'), (4, '2024-01-03 18:00', '2024-01-03 18:00+00', '2024-01-05', '18:00', '18:00+00', '25 hours', 'dddd'), (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO df_log (id, at, tz, d, t, iv) SELECT 6, DATE '2024-01-06', DATE '2024-01-06', TIMESTAMP '2024-01-06 23:59', TIMESTAMP '2024-01-06 07:45:30', TIME '00:30';
INSERT INTO df_log (id, tz, t, tt) VALUES (7, TIMESTAMP '2024-01-07 10:00', TIMESTAMPTZ '2024-01-07 10:00+03', TIMESTAMPTZ '2024-01-07 10:00+03');
SELECT id, at, tz, d, t, tt, iv, c FROM df_log WHERE id >= 6 ORDER BY id;
SELECT id FROM df_log WHERE at >= '2024-01-02' ORDER BY at;
SELECT id FROM df_log WHERE at BETWEEN '2024-01-01 10:00' AND '2024-01-03 00:00' ORDER BY id;
SELECT id FROM df_log WHERE t < '10:00' ORDER BY t;
SELECT id FROM df_log WHERE t = '12:30:00' ORDER BY id;
SELECT id FROM df_log WHERE iv > '1 hour' ORDER BY iv, id;
SELECT id FROM df_log WHERE iv = '60 minutes' ORDER BY id;
SELECT id FROM df_log WHERE c = 'bb' ORDER BY id;
SELECT id FROM df_log WHERE c >= 'c' ORDER BY c;
SELECT id FROM df_log WHERE d = at::date ORDER BY id;
SELECT id FROM df_log WHERE d < at ORDER BY id;
SELECT id FROM df_log WHERE tz = at ORDER BY id;
SELECT id FROM df_log WHERE tt = t ORDER BY id;
SELECT id FROM df_log WHERE d > TIMESTAMPTZ '2024-01-02 12:00+00' ORDER BY id;
SELECT id, d FROM df_log WHERE d IN ('2024-01-01', '2024-01-05') ORDER BY id;
SELECT id, at FROM df_log WHERE at IN (TIMESTAMP '2024-01-01 08:00', DATE '2024-01-06') ORDER BY id;
SELECT d FROM df_log UNION SELECT at FROM df_log ORDER BY 1 NULLS FIRST;
SELECT at FROM df_log WHERE id < 3 UNION ALL SELECT tz FROM df_log WHERE id < 3 ORDER BY 1;
SELECT t FROM df_log WHERE id < 3 UNION SELECT tt FROM df_log WHERE id < 3 ORDER BY 1;
SELECT iv FROM df_log INTERSECT SELECT INTERVAL '60 minutes' ORDER BY 1;
SELECT DISTINCT iv FROM df_log ORDER BY iv NULLS FIRST;
SELECT DISTINCT date_trunc('day', at) AS day FROM df_log ORDER BY day;
SELECT id, CASE WHEN id < 3 THEN d ELSE at END AS when_, COALESCE(at, d, TIMESTAMP '1970-01-01') AS fallback FROM df_log ORDER BY id;
SELECT id, CASE WHEN iv > '1 day' THEN 'long' WHEN iv > '1 hour' THEN 'medium' ELSE 'short' END FROM df_log ORDER BY id;
SELECT id, GREATEST(d, at), LEAST(t, TIME '10:00') FROM df_log ORDER BY id;
SELECT date_trunc('day', at)::date AS day, count(*), min(t), max(iv), sum(iv) FROM df_log GROUP BY 1 ORDER BY 1 NULLS LAST;
SELECT id, at, count(*) OVER (ORDER BY at RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) AS last_day FROM df_log WHERE at IS NOT NULL ORDER BY at;
SELECT id, d, sum(id) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1 day' PRECEDING AND INTERVAL '1 day' FOLLOWING) AS near FROM df_log WHERE d IS NOT NULL ORDER BY d;
SELECT id, t, count(*) OVER (ORDER BY t RANGE BETWEEN INTERVAL '4 hours' PRECEDING AND CURRENT ROW) AS recent FROM df_log WHERE t IS NOT NULL ORDER BY t, id;
SELECT id, iv, first_value(id) OVER (ORDER BY iv RANGE BETWEEN CURRENT ROW AND INTERVAL '1 hour' FOLLOWING) FROM df_log WHERE iv IS NOT NULL ORDER BY iv, id;
SELECT id, at - lag(at) OVER (ORDER BY id) AS gap, lead(t) OVER (ORDER BY id) - t AS next_in FROM df_log ORDER BY id;
CREATE TABLE df_sched (slot interval PRIMARY KEY, label text);
INSERT INTO df_sched VALUES ('1 hour', 'short'), ('1 day', 'long') ON CONFLICT (slot) DO NOTHING;
INSERT INTO df_sched VALUES ('60 minutes', 'also short') ON CONFLICT (slot) DO UPDATE SET label = EXCLUDED.label;
INSERT INTO df_sched VALUES ('24 hours', 'dup') ON CONFLICT DO NOTHING;
SELECT slot, label FROM df_sched ORDER BY slot;
DELETE FROM df_sched WHERE slot = '01:00:00' RETURNING slot;
SELECT count(*) FROM df_sched;
CREATE TABLE df_codes (code char(2) PRIMARY KEY, n int);
INSERT INTO df_codes VALUES ('a', 1), ('b ', 2) ON CONFLICT (code) DO NOTHING;
INSERT INTO df_codes VALUES ('a ', 10) ON CONFLICT (code) DO UPDATE SET n = df_codes.n + EXCLUDED.n RETURNING code || '|', n;
SELECT code || '|', n FROM df_codes ORDER BY code;
UPDATE df_log SET t = t + INTERVAL '30 minutes', iv = iv * 2, c = upper(c) WHERE id <= 2 RETURNING id, t, iv, c;
UPDATE df_log SET tz = tz + INTERVAL '1 mon', d = d + 30 WHERE id = 3 RETURNING tz, d;
SELECT id, t, iv FROM df_log WHERE id <= 3 ORDER BY t;
-- error 22001
UPDATE df_log SET c = 'toolong' WHERE id = 1;
-- error 42804
INSERT INTO df_log (id, d) VALUES (8, TIME '10:00');
-- error 42804
INSERT INTO df_log (id, iv) VALUES (8, DATE '2024-01-01');
-- error 42804
INSERT INTO df_log (id, t) VALUES (8, 10);
-- error 22007
INSERT INTO df_log (id, t) VALUES (8, 'not a time');
-- error 22008
INSERT INTO df_log (id, d) VALUES (8, '2024-04-31');
-- error 42883
SELECT id FROM df_log WHERE t = d;
SELECT id FROM df_log WHERE iv < t ORDER BY id;
-- error 42846
SELECT CASE WHEN true THEN DATE '2024-01-01' ELSE TIME '10:00' END;
-- error 42846
SELECT COALESCE(DATE '2024-01-01', TIME '10:00');
-- error 42804
SELECT COALESCE(TIME '10:00', INTERVAL '1 hour');
-- error 42804
SELECT d FROM df_log UNION SELECT iv FROM df_log;
