package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.Client.Result;
import org.opendsql.sql.testkit.MemKvStore;

class SqlSessionTest {
  private MemKvStore kv;
  private CatalogCache cache;
  private Client c;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, org.opendsql.sql.config.SqlConfig.DEFAULT.scanPageSize());
    c = new Client(kv, cache);
  }

  @Test
  void createInsertSelectRoundTripsValuesTypesAndTags() {
    assertEquals("CREATE TABLE", c.run("CREATE TABLE items (id bigint PRIMARY KEY, name varchar(20) NOT NULL, "
        + "price numeric(10,2), active boolean DEFAULT true, created timestamptz, tag uuid, score double precision)").tag());
    assertEquals("INSERT 0 2", c.run("INSERT INTO items (id, name, price, created, tag, score) VALUES "
        + "(1, 'apple', 1.5, '2024-01-02 03:04:05+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 0.25), "
        + "(2, 'pear', 2, NULL, NULL, NULL)").tag());
    Result r = c.run("SELECT * FROM items ORDER BY id");
    assertEquals("SELECT 2", r.tag());
    assertEquals(List.of("id", "name", "price", "active", "created", "tag", "score"),
        r.columns().stream().map(ColumnDesc::name).toList());
    ColumnDesc name = r.columns().get(1);
    assertEquals(PgType.VARCHAR, name.type());
    assertEquals(24, name.typmod());
    assertEquals((short) 2, name.attnum());
    assertTrue(name.tableOid() >= 1000);
    assertEquals(((10 << 16) | 2) + 4, r.columns().get(2).typmod());
    Object[] row = r.rows().get(0);
    assertEquals(1L, row[0]);
    assertEquals("apple", row[1]);
    assertEquals(new BigDecimal("1.50"), row[2]);
    assertEquals(true, row[3]);
    assertEquals(Instant.parse("2024-01-02T03:04:05Z"), row[4]);
    assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), row[5]);
    assertEquals(0.25, row[6]);
    assertNull(c.run("SELECT created FROM items WHERE id = 2").value());
  }

  @Test
  void selectWithoutFromEvaluatesBuiltins() {
    Result r = c.run("SELECT 1, 'x' AS y, version(), current_database(), current_user, now(), 7 / 2, 7.0 / 2, 'a' || 1");
    assertEquals(List.of("?column?", "y", "version", "current_database", "current_user", "now", "?column?", "?column?", "?column?"),
        r.columns().stream().map(ColumnDesc::name).toList());
    Object[] row = r.rows().get(0);
    assertEquals(1, row[0]);
    assertEquals("x", row[1]);
    assertTrue(((String) row[2]).startsWith("PostgreSQL 15.0"));
    assertEquals("postgres", row[3]);
    assertEquals("admin", row[4]);
    assertTrue(row[5] instanceof Instant);
    assertEquals(3, row[6]);
    assertEquals(new BigDecimal("3.5000000000000000"), row[7]);
    assertEquals("a1", row[8]);
    assertEquals("SELECT 1", r.tag());
  }

  @Test
  void returningStarAndExpressionsReportNewRows() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, v text)");
    Result ins = c.run("INSERT INTO t VALUES (1, 'a'), (2, 'b') RETURNING *, id * 10 AS big");
    assertEquals("INSERT 0 2", ins.tag());
    assertEquals(List.of("id", "v", "big"), ins.columns().stream().map(ColumnDesc::name).toList());
    assertEquals(20, ins.rows().get(1)[2]);
    Result up = c.run("UPDATE t SET v = v || '!' WHERE id = 2 RETURNING v");
    assertEquals("UPDATE 1", up.tag());
    assertEquals("b!", up.value());
    Result del = c.run("DELETE FROM t WHERE id >= 1 RETURNING id");
    assertEquals("DELETE 2", del.tag());
    assertEquals(2, del.rows().size());
    assertEquals("SELECT 0", c.run("SELECT * FROM t").tag());
  }

  @Test
  void primaryKeyEqualityReadsOneKeyWithGetAndNeverScans() {
    c.run("CREATE TABLE t (a int, b text, v int, PRIMARY KEY (a, b))");
    c.run("INSERT INTO t VALUES (1, 'x', 10), (1, 'y', 11), (2, 'x', 12)");
    kv.resetCounters();
    Result r = c.run("SELECT v FROM t WHERE b = $2 AND a = $1", 1, "y");
    assertEquals(11, r.value());
    assertEquals(0, kv.scans.get());
    assertTrue(kv.gets.get() >= 1);
    assertEquals(List.of(PgType.INT4, PgType.TEXT), r.prepared().paramTypes());
    kv.resetCounters();
    assertEquals(2, c.run("SELECT v FROM t WHERE a = 1").rows().size());
    assertTrue(kv.scans.get() >= 1);
    kv.resetCounters();
    assertEquals("SELECT 0", c.run("SELECT v FROM t WHERE a = 1.5 AND b = 'x'").tag());
  }

  @Test
  void snapshotIsolationRepeatsReadsWhileAnotherSessionCommits() {
    c.run("CREATE TABLE acct (id int PRIMARY KEY, bal int)");
    c.run("INSERT INTO acct VALUES (1, 100)");
    Client other = new Client(kv, cache);
    c.run("BEGIN");
    assertEquals(100, c.run("SELECT bal FROM acct WHERE id = 1").value());
    assertEquals("UPDATE 1", other.run("UPDATE acct SET bal = 50 WHERE id = 1").tag());
    other.run("INSERT INTO acct VALUES (2, 7)");
    assertEquals(100, c.run("SELECT bal FROM acct WHERE id = 1").value());
    assertEquals(1L, c.run("SELECT count(*) FROM acct").value());
    assertEquals('T', c.session.transactionStatus());
    assertEquals("COMMIT", c.run("COMMIT").tag());
    assertEquals(50, c.run("SELECT bal FROM acct WHERE id = 1").value());
  }

  @Test
  void scansSeeOwnInsertsUpdatesAndDeletesMergedInKeyOrder() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, v text)");
    c.run("INSERT INTO t VALUES (2, 'b'), (4, 'd'), (6, 'f')");
    c.run("BEGIN");
    c.run("INSERT INTO t VALUES (1, 'a'), (5, 'e'), (7, 'g')");
    c.run("DELETE FROM t WHERE id = 4");
    c.run("UPDATE t SET v = 'B' WHERE id = 2");
    kv.resetCounters();
    Result r = c.run("SELECT id, v FROM t");
    assertEquals(List.of(1, 2, 5, 6, 7), r.rows().stream().map(x -> x[0]).toList());
    assertEquals("B", r.rows().get(1)[1]);
    assertEquals(0, kv.commits.get());
    c.run("ROLLBACK");
    assertEquals(List.of(2, 4, 6), c.run("SELECT id FROM t").rows().stream().map(x -> x[0]).toList());
  }

  @Test
  void concurrentWritersOfOneRowLetExactlyOneCommit() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    c.run("INSERT INTO t VALUES (1, 0)");
    Client other = new Client(kv, cache);
    c.run("BEGIN");
    other.run("BEGIN");
    c.run("UPDATE t SET v = 1 WHERE id = 1");
    other.run("UPDATE t SET v = 2 WHERE id = 1");
    assertEquals("COMMIT", c.run("COMMIT").tag());
    DbException e = other.fail("COMMIT");
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().contains("OC000"));
    assertEquals('I', other.session.transactionStatus());
    assertEquals(1, c.run("SELECT v FROM t WHERE id = 1").value());
  }

  @Test
  void readOnlyTransactionsNeverCommitToTheStore() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    kv.resetCounters();
    c.run("BEGIN");
    c.run("SELECT * FROM t");
    c.run("COMMIT");
    c.run("SELECT count(*) FROM t");
    assertEquals(0, kv.commits.get());
  }

  @Test
  void errorsCarryPostgresSqlStates() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, name varchar(3) NOT NULL, n int)");
    c.run("INSERT INTO t VALUES (1, 'abc', 1)");
    assertEquals("42601", c.fail("SELEC 1").state().code());
    assertEquals("syntax error at or near \"SELEC\"", c.fail("SELEC 1").getMessage());
    assertEquals("42P01", c.fail("SELECT * FROM nope").state().code());
    assertEquals("relation \"nope\" does not exist", c.fail("SELECT * FROM nope").getMessage());
    assertEquals("42703", c.fail("SELECT nope FROM t").state().code());
    DbException dup = c.fail("INSERT INTO t VALUES (1, 'x', 2)");
    assertEquals("23505", dup.state().code());
    assertEquals("duplicate key value violates unique constraint \"t_pkey\"", dup.getMessage());
    assertEquals("Key (id)=(1) already exists.", dup.detail());
    assertEquals("23502", c.fail("INSERT INTO t (id) VALUES (2)").state().code());
    assertEquals("22P02", c.fail("INSERT INTO t VALUES ('x', 'a', 1)").state().code());
    assertEquals("invalid input syntax for type integer: \"x\"", c.fail("SELECT * FROM t WHERE n = 'x'").getMessage());
    DbException tooLong = c.fail("INSERT INTO t VALUES (3, 'abcd', 1)");
    assertEquals("22001", tooLong.state().code());
    assertEquals("value too long for type character varying(3)", tooLong.getMessage());
    DbException ambiguous = c.fail("SELECT id FROM t a JOIN t b ON a.id = b.id");
    assertEquals("42702", ambiguous.state().code());
    assertEquals("column reference \"id\" is ambiguous", ambiguous.getMessage());
    assertEquals("42601", c.fail("SELECT * FROM (SELECT 1)").state().code());
    assertEquals("21000", c.fail("SELECT (SELECT 1 UNION ALL SELECT 2)").state().code());
    assertEquals("42712", c.fail("SELECT * FROM t a, t a").state().code());
    assertEquals("42P10", c.fail("INSERT INTO t VALUES (5, 'a', 1) ON CONFLICT (name) DO NOTHING").state().code());
    assertEquals("0A000", c.fail("SELECT * FROM t FOR SHARE").state().code());
    assertEquals("22012", c.fail("SELECT 1 / 0").state().code());
    assertEquals("22003", c.fail("SELECT 2147483647 + 1").state().code());
    assertEquals("42P07", c.fail("CREATE TABLE t (id int)").state().code());
    assertEquals(1L, c.run("SELECT count(*) FROM t").value());
  }

  @Test
  void failedBlockRefusesStatementsUntilCommitWhichAnswersRollback() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN");
    c.run("INSERT INTO t VALUES (1)");
    c.fail("INSERT INTO t VALUES (1)");
    assertEquals('E', c.session.transactionStatus());
    DbException e = c.fail("SELECT 1");
    assertEquals("25P02", e.state().code());
    assertEquals("ROLLBACK", c.run("COMMIT").tag());
    assertEquals('I', c.session.transactionStatus());
    assertEquals(0L, c.run("SELECT count(*) FROM t").value());
  }

  @Test
  void moreThanThreeThousandRowsFailWith54000AndWriteNothing() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN");
    for (int start = 0; start < 3000; start += 500) {
      StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
      for (int i = start; i < start + 500; i++) sb.append(i == start ? "" : ",").append('(').append(i).append(')');
      c.run(sb.toString());
    }
    DbException e = c.fail("INSERT INTO t VALUES (3000)");
    assertEquals("54000", e.state().code());
    assertEquals("transaction row limit exceeded", e.getMessage());
    assertEquals("ROLLBACK", c.run("COMMIT").tag());
    assertEquals(0L, c.run("SELECT count(*) FROM t").value());
  }

  @Test
  void aTransactionOlderThanTheAgeLimitFailsWith54000() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN");
    c.run("INSERT INTO t VALUES (1)");
    kv.advanceMicros(301_000_000L);
    DbException e = c.fail("INSERT INTO t VALUES (2)");
    assertEquals("54000", e.state().code());
    assertEquals("transaction age limit of 300s exceeded", e.getMessage());
    c.run("ROLLBACK");
    assertEquals(0L, c.run("SELECT count(*) FROM t").value());
  }

  @Test
  void ddlRulesAllowOneDdlPerTransactionAndNoDmlMix() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN");
    c.run("INSERT INTO t VALUES (1)");
    assertEquals("0A000", c.fail("CREATE TABLE u (id int)").state().code());
    c.run("ROLLBACK");
    c.run("BEGIN");
    c.run("CREATE TABLE u (id int PRIMARY KEY)");
    assertEquals("multiple ddl statements are not supported in a transaction", c.fail("CREATE TABLE w (id int)").getMessage());
    c.run("ROLLBACK");
    assertEquals("42P01", c.fail("SELECT * FROM u").state().code());
    c.run("BEGIN");
    c.run("CREATE TABLE u (id int PRIMARY KEY)");
    assertEquals("ddl and dml are not supported in the same transaction", c.fail("INSERT INTO u VALUES (1)").getMessage());
    c.run("ROLLBACK");
  }

  @Test
  void dropTableRemovesDefinitionAndRowsAndIdsAreNotReused() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    c.run("INSERT INTO t VALUES (1, 1), (2, 2)");
    int oid1 = c.run("SELECT id FROM t").columns().get(0).tableOid();
    assertEquals("DROP TABLE", c.run("DROP TABLE t").tag());
    assertEquals("42P01", c.fail("SELECT * FROM t").state().code());
    assertEquals("DROP TABLE", c.run("DROP TABLE IF EXISTS t").tag());
    assertEquals("42P01", c.fail("DROP TABLE t").state().code());
    c.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    assertEquals("SELECT 0", c.run("SELECT * FROM t").tag());
    assertTrue(c.run("SELECT id FROM t").columns().get(0).tableOid() > oid1);
    assertEquals("CREATE TABLE", c.run("CREATE TABLE IF NOT EXISTS t (x int)").tag());
  }

  @Test
  void tableWithoutPrimaryKeyGetsHiddenKeyAndAllowsDuplicates() {
    c.run("CREATE TABLE log (msg text, n int)");
    c.run("INSERT INTO log VALUES ('a', 1), ('a', 1)");
    Result r = c.run("SELECT * FROM log");
    assertEquals(2, r.rows().size());
    assertEquals(List.of("msg", "n"), r.columns().stream().map(ColumnDesc::name).toList());
    assertEquals("UPDATE 2", c.run("UPDATE log SET n = n + 1").tag());
    assertEquals(4L, c.run("SELECT sum(n) FROM log").value());
  }

  @Test
  void aggregatesGroupByOrderByLimitAndOffset() {
    c.run("CREATE TABLE s (id int PRIMARY KEY, g text, x int)");
    c.run("INSERT INTO s VALUES (1,'a',1),(2,'a',2),(3,'b',3),(4,'b',NULL),(5,'c',5)");
    Result r = c.run("SELECT g, count(*), count(x), sum(x), min(x), max(x), avg(x) FROM s GROUP BY g ORDER BY g DESC");
    assertEquals(List.of("c", "b", "a"), r.rows().stream().map(x -> x[0]).toList());
    assertArrayEquals(new Object[] {"b", 2L, 1L, 3L, 3, 3, new BigDecimal("3.0000000000000000")}, r.rows().get(1));
    assertEquals(PgType.INT8, r.columns().get(1).type());
    assertEquals(PgType.NUMERIC, r.columns().get(6).type());
    assertEquals(List.of(3, 2), c.run("SELECT id FROM s ORDER BY x DESC NULLS LAST LIMIT 2 OFFSET 1").rows().stream().map(x -> x[0]).toList());
    assertEquals(List.of(4, 1), c.run("SELECT id FROM s ORDER BY x NULLS FIRST LIMIT $1", 2L).rows().stream().map(x -> x[0]).toList());
    assertEquals(List.of(5, 4), c.run("SELECT id FROM s ORDER BY id DESC LIMIT 2").rows().stream().map(x -> x[0]).toList());
    assertEquals(List.of(1, 2), c.run("SELECT id AS k FROM s WHERE g IN ('a', 'z') ORDER BY k").rows().stream().map(x -> x[0]).toList());
    assertEquals(List.of(2, 3), c.run("SELECT id FROM s WHERE x BETWEEN 2 AND 3 ORDER BY 1").rows().stream().map(x -> x[0]).toList());
    assertEquals(List.of("a"), c.run("SELECT g FROM s GROUP BY g HAVING sum(x) = 3 AND count(x) = 2").rows().stream().map(x -> x[0]).toList());
    assertEquals(0L, c.run("SELECT count(*) FROM s WHERE id > 100").value());
    assertNull(c.run("SELECT sum(x) FROM s WHERE id > 100").value());
    assertEquals("42803", c.fail("SELECT g, x FROM s GROUP BY g").state().code());
    assertEquals(List.of("a", "b", "c"), c.run("SELECT DISTINCT g FROM s ORDER BY g").rows().stream().map(x -> x[0]).toList());
    assertEquals(4L, c.run("SELECT count(*) FROM s WHERE g LIKE 'a%' OR (x IS NULL) OR NOT (id <> 5)").value());
  }

  @Test
  void parametersTakeTypesFromContext() {
    c.run("CREATE TABLE p (id bigint PRIMARY KEY, ts timestamptz, v varchar(5))");
    Result ins = c.run("INSERT INTO p VALUES ($1, $2, $3)", 1L, Instant.parse("2024-01-01T00:00:00Z"), "hi");
    assertEquals(List.of(PgType.INT8, PgType.TIMESTAMPTZ, PgType.VARCHAR), ins.prepared().paramTypes());
    Result sel = c.run("SELECT v FROM p WHERE id = $1 AND ts >= $2", 1L, Instant.parse("2023-01-01T00:00:00Z"));
    assertEquals("hi", sel.value());
    assertEquals(List.of(PgType.INT8, PgType.TIMESTAMPTZ), sel.prepared().paramTypes());
    assertEquals(4, c.run("SELECT $1::int + 1 AS x", 3).value());
  }

  @Test
  void updateOfPrimaryKeyMovesTheRowAndChecksDuplicates() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, v text)");
    c.run("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    assertEquals("23505", c.fail("UPDATE t SET id = 2 WHERE id = 1").state().code());
    assertEquals("UPDATE 1", c.run("UPDATE t SET id = 10 WHERE id = 1").tag());
    assertEquals(List.of(2, 10), c.run("SELECT id FROM t ORDER BY id").rows().stream().map(x -> x[0]).toList());
  }

  @Test
  void transactionControlAndSettingsBehaveLikePostgres() {
    assertEquals("repeatable read", c.run("SHOW transaction_isolation").value());
    assertEquals("15.0", c.run("SHOW server_version").value());
    assertEquals("TimeZone", c.run("SHOW timezone").columns().get(0).name());
    assertEquals("SET", c.run("SET application_name TO 'psql'").tag());
    assertEquals("psql", c.session.drainParameterChanges().get("application_name"));
    assertEquals("psql", c.run("SHOW application_name").value());
    c.run("SET TIME ZONE 'UTC'");
    c.run("SET extra_float_digits = 3");
    assertEquals("42704", c.fail("SET no_such_thing = 1").state().code());
    assertEquals("unrecognized configuration parameter \"no_such_thing\"", c.fail("SHOW no_such_thing").getMessage());
    assertEquals("22023", c.fail("SET TimeZone = 'Mars/Olympus'").state().code());
    assertEquals("0A000", c.fail("BEGIN ISOLATION LEVEL SERIALIZABLE").state().code());
    assertEquals("0A000", c.fail("SET TRANSACTION ISOLATION LEVEL READ COMMITTED").state().code());
    assertEquals("BEGIN", c.run("START TRANSACTION ISOLATION LEVEL REPEATABLE READ").tag());
    assertEquals("SET", c.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").tag());
    assertEquals("BEGIN", c.run("BEGIN").tag());
    assertEquals("ROLLBACK", c.run("ABORT").tag());
    assertEquals("COMMIT", c.run("COMMIT").tag());
    assertEquals("25P01", c.fail("SAVEPOINT a").state().code());
    assertEquals("", c.run("-- nothing").tag());
  }

  @Test
  void readOnlyBlockRefusesWrites() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN READ ONLY");
    assertEquals("25006", c.fail("INSERT INTO t VALUES (1)").state().code());
    c.run("ROLLBACK");
  }

  @Test
  void forUpdateIsAcceptedButOtherLockingClausesAreRefused() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("INSERT INTO t VALUES (1)");
    assertEquals(1, c.run("SELECT id FROM t WHERE id = 1 FOR UPDATE").value());
    assertEquals("0A000", c.fail("SELECT id FROM t FOR SHARE").state().code());
  }

  @Test
  void catalogMissTriggersReloadSoOtherNodesTablesAppear() {
    CatalogCache otherNode = new CatalogCache(kv, org.opendsql.sql.config.SqlConfig.DEFAULT.scanPageSize());
    Client remote = new Client(kv, otherNode);
    assertEquals("42P01", remote.fail("SELECT * FROM later").state().code());
    c.run("CREATE TABLE later (id int PRIMARY KEY)");
    assertEquals("SELECT 0", remote.run("SELECT * FROM later").tag());
  }

  @Test
  void concurrentDdlOnAWrittenTableFailsCommitWithOc001() {
    c.run("CREATE TABLE t (id int PRIMARY KEY)");
    c.run("BEGIN");
    c.run("INSERT INTO t VALUES (1)");
    new Client(kv, cache).run("DROP TABLE t");
    DbException e = c.fail("COMMIT");
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().contains("OC001"));
  }
}
