-- Advisory locks as one session sees them (exclusion between sessions: AdvisoryLocksTest).
SELECT pg_advisory_lock(1);
SELECT pg_try_advisory_lock(1);
SELECT pg_try_advisory_lock(1, 2) AS got;
SELECT pg_advisory_unlock(1);
SELECT pg_advisory_unlock(1);
SELECT pg_advisory_unlock(1);
SELECT pg_advisory_unlock(1, 2);
SELECT pg_advisory_unlock(1, 2);
SELECT pg_catalog.pg_try_advisory_lock(-9223372036854775808);
SELECT pg_advisory_unlock_all();
SELECT pg_advisory_unlock(-9223372036854775808);
SELECT pg_advisory_lock(NULL);
SELECT pg_try_advisory_lock(NULL::bigint);
BEGIN;
SELECT pg_advisory_xact_lock(3);
SELECT pg_try_advisory_xact_lock(3);
SELECT pg_advisory_unlock(3);
COMMIT;
SELECT pg_try_advisory_xact_lock(4);
-- error 42883
SELECT pg_advisory_lock('x'::text);
-- error 42883
SELECT pg_advisory_lock(1, 2, 3);
-- error 42883
SELECT pg_advisory_unlock_all(1);
