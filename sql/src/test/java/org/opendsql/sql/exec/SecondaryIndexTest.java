package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/** Secondary indexes: unique enforcement, maintenance by every write, and range reads through them. */
class SecondaryIndexTest {
  private MemKvStore kv;
  private CatalogCache cache;
  private Client c;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    c = new Client(kv, cache);
  }

  private List<Object> column(String sql) {
    return c.run(sql).rows().stream().map(r -> r[0]).toList();
  }

  @Test
  void uniqueConstraintsRefuseDuplicatesWithPostgresTexts() {
    c.run("CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, nick text, UNIQUE (nick, id))");
    c.run("INSERT INTO users VALUES (1, 'a@x', 'a'), (2, NULL, 'b'), (3, NULL, 'c')");
    DbException dup = c.fail("INSERT INTO users VALUES (4, 'a@x', 'd')");
    assertEquals("23505", dup.state().code());
    assertEquals("duplicate key value violates unique constraint \"users_email_key\"", dup.getMessage());
    assertEquals("Key (email)=(a@x) already exists.", dup.detail());
    assertEquals("23505", c.fail("UPDATE users SET email = 'a@x' WHERE id = 2").state().code());
    c.run("UPDATE users SET email = 'b@x' WHERE id = 1");
    c.run("INSERT INTO users VALUES (4, 'a@x', 'd')");
    c.run("DELETE FROM users WHERE id = 4");
    c.run("INSERT INTO users VALUES (5, 'a@x', 'e')");
    assertEquals(List.of(1, 5), column("SELECT id FROM users WHERE email IS NOT NULL ORDER BY id"));
  }

  @Test
  void aFailedStatementLeavesNoIndexEntriesBehind() {
    c.run("CREATE TABLE t (id int PRIMARY KEY, u int UNIQUE)");
    assertEquals("23505", c.fail("INSERT INTO t VALUES (1, 10), (2, 10)").state().code());
    c.run("INSERT INTO t VALUES (3, 10)");
    assertEquals(List.of(3), column("SELECT id FROM t WHERE u = 10"));
  }

  @Test
  void createIndexOnAnEmptyTableThenEveryWriteMaintainsIt() {
    c.run("CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric, status text)");
    assertEquals("CREATE INDEX", c.run("CREATE INDEX orders_customer ON orders (customer, status) INCLUDE (total)").tag());
    for (int i = 1; i <= 300; i++) {
      c.run("INSERT INTO orders VALUES ($1, $2, $3, $4)", i, i % 7, i * 1.5, i % 2 == 0 ? "paid" : "open");
    }
    c.run("UPDATE orders SET customer = 99 WHERE id <= 10");
    c.run("DELETE FROM orders WHERE id BETWEEN 11 AND 20");
    List<Object> viaIndex = column("SELECT id FROM orders WHERE customer = 3 AND status = 'paid' ORDER BY id");
    List<Object> viaScan = column("SELECT id FROM orders WHERE customer + 0 = 3 AND status || '' = 'paid' ORDER BY id");
    assertEquals(viaScan, viaIndex);
    assertTrue(viaIndex.size() > 10);
    assertEquals(column("SELECT id FROM orders WHERE customer + 0 = 99 ORDER BY id"),
        column("SELECT id FROM orders WHERE customer = 99 ORDER BY id"));
    assertEquals(column("SELECT id FROM orders WHERE customer + 0 >= 2 AND customer + 0 < 4 ORDER BY id"),
        column("SELECT id FROM orders WHERE customer >= 2 AND customer < 4 ORDER BY id"));
    assertEquals(List.of(), column("SELECT id FROM orders WHERE customer = 2.5"));
    assertEquals(column("SELECT id FROM orders WHERE customer + 0 > 2 AND customer + 0 < 4 ORDER BY id"),
        column("SELECT id FROM orders WHERE customer > 2.5 AND customer < 3.5 ORDER BY id"));
  }

  @Test
  void anIndexRangeReadsOnlyItsEntries() {
    c.run("CREATE TABLE ev (id int PRIMARY KEY, at int)");
    c.run("CREATE INDEX ON ev (at)");
    for (int i = 1; i <= 1000; i++) c.run("INSERT INTO ev VALUES ($1, $2)", i, 1000 - i);
    kv.resetCounters();
    assertEquals(11, c.run("SELECT id FROM ev WHERE at BETWEEN 100 AND 110").rows().size());
    assertTrue(kv.scannedEntries.get() <= 11, "index range read " + kv.scannedEntries.get() + " entries");
    kv.resetCounters();
    assertEquals(List.of(500, 501, 502), column("SELECT id FROM ev WHERE id >= 500 AND id < 503 ORDER BY id"));
    assertTrue(kv.scannedEntries.get() <= 3, "primary key range read " + kv.scannedEntries.get() + " entries");
  }

  @Test
  void indexDdlFollowsPostgresAndDsqlRules() {
    c.run("CREATE TABLE p (id int PRIMARY KEY, v int)");
    c.run("INSERT INTO p VALUES (1, 1)");
    assertEquals("0A000", c.fail("CREATE INDEX p_v ON p (v)").state().code());
    c.run("CREATE TABLE q (id int PRIMARY KEY, v int)");
    c.run("CREATE UNIQUE INDEX q_v ON q (v)");
    assertEquals("42P07", c.fail("CREATE INDEX q_v ON q (id)").state().code());
    assertEquals("CREATE INDEX", c.run("CREATE INDEX IF NOT EXISTS q_v ON q (id)").tag());
    assertEquals("0A000", c.fail("CREATE INDEX ON q USING gin (v)").state().code());
    assertEquals("0A000", c.fail("CREATE INDEX ON q (abs(v))").state().code());
    assertEquals("54011", c.fail("CREATE INDEX ON q (id, v, id, v, id, v, id, v, id)").state().code());
    c.run("INSERT INTO q VALUES (1, 5)");
    assertEquals("23505", c.fail("INSERT INTO q VALUES (2, 5)").state().code());
    assertEquals("DROP INDEX", c.run("DROP INDEX q_v").tag());
    c.run("INSERT INTO q VALUES (2, 5)");
    assertEquals("42704", c.fail("DROP INDEX q_v").state().code());
    assertEquals("DROP INDEX", c.run("DROP INDEX IF EXISTS q_v").tag());
  }

  @Test
  void onConflictArbitratesOnAUniqueConstraintAsPostgresDoes() {
    c.run("CREATE TABLE uc (id int PRIMARY KEY, email text UNIQUE, n int)");
    c.run("INSERT INTO uc VALUES (1, 'a', 1)");
    Object[] up = c.run("INSERT INTO uc VALUES (2, 'a', 5) ON CONFLICT (email) DO UPDATE SET n = uc.n + excluded.n RETURNING *")
        .rows().get(0);
    assertEquals(List.of(1, "a", 6), List.of(up));
    assertEquals("INSERT 0 0", c.run("INSERT INTO uc VALUES (3, 'a', 5) ON CONFLICT DO NOTHING").tag());
    DbException pk = c.fail("INSERT INTO uc VALUES (1, 'z', 5) ON CONFLICT (email) DO NOTHING");
    assertEquals("duplicate key value violates unique constraint \"uc_pkey\"", pk.getMessage());
    assertEquals("21000", c.fail("INSERT INTO uc VALUES (4, 'b', 1), (5, 'b', 2) ON CONFLICT (email) DO UPDATE SET n = excluded.n")
        .state().code());
    assertEquals("INSERT 0 1", c.run("INSERT INTO uc VALUES (6, 'c', 1) ON CONFLICT ON CONSTRAINT uc_email_key DO NOTHING").tag());
    assertEquals(List.of(1, 6), column("SELECT id FROM uc ORDER BY id"));
  }

  @Test
  void indexEntriesDoNotCountAgainstTheRowLimit() {
    SqlConfig ten = new SqlConfig(com.typesafe.config.ConfigFactory.parseString("opendsql.sql.transaction-row-limit = 10")
        .withFallback(com.typesafe.config.ConfigFactory.defaultReference()));
    Client small = new Client(kv, cache, ten);
    small.run("CREATE TABLE lim (id int PRIMARY KEY, a int UNIQUE, b int)");
    small.run("CREATE INDEX ON lim (b)");
    assertEquals("INSERT 0 10", small.run("INSERT INTO lim SELECT g, g, g FROM generate_series(1, 10) g").tag());
    assertEquals("54000", small.fail("INSERT INTO lim SELECT g, g, g FROM generate_series(11, 21) g").state().code());
  }

  @Test
  void concurrentInsertsOfOneUniqueValueCommitOnce() {
    c.run("CREATE TABLE acct (id int PRIMARY KEY, handle text UNIQUE)");
    Client other = new Client(kv, cache);
    c.run("BEGIN");
    other.run("BEGIN");
    c.run("INSERT INTO acct VALUES (1, 'neo')");
    other.run("INSERT INTO acct VALUES (2, 'neo')");
    c.run("COMMIT");
    DbException lost = other.fail("COMMIT");
    assertEquals("40001", lost.state().code());
    assertEquals(List.of(1), column("SELECT id FROM acct WHERE handle = 'neo'"));
  }

  @Test
  void anInListOnAnIndexedColumnReadsOnlyThoseIndexPrefixes() {
    c.run("CREATE TABLE ch (id int PRIMARY KEY, parent int, pos int, v text)");
    c.run("CREATE INDEX ch_parent ON ch (parent)");
    c.run("CREATE INDEX ch_pos ON ch (pos)");
    c.run("INSERT INTO ch SELECT g, g % 100, 1000 - g, 'v' || g FROM generate_series(1, 1000) g");
    kv.resetCounters();
    assertEquals(List.of(3, 7, 103, 107, 203), column("SELECT id FROM ch WHERE parent IN (3, 7, NULL, 2.5) ORDER BY id LIMIT 5"));
    assertEquals(20L, c.run("SELECT count(*) FROM ch WHERE parent IN (3, 7, 3)").value());
    assertTrue(kv.scannedEntries.get() <= 60, "two prefixes of 10 entries each, read twice: " + kv.scannedEntries.get());
    assertEquals(0, kv.gets.get(), "no row is read: the entries hold id and parent (index-only)");
    assertEquals(List.of("v3", "v7"), column("SELECT v FROM ch WHERE parent IN (7, 3) AND id < 10 ORDER BY v"));
    assertEquals(20, kv.gets.get(), "v is not in the index: the 20 rows of the two prefixes are read, no others");
  }

  @Test
  void orderByAnIndexedColumnWithLimitReadsTheIndexInOrderAndStops() {
    c.run("CREATE TABLE ch (id int PRIMARY KEY, pos int, v text)");
    c.run("CREATE INDEX ch_pos ON ch (pos)");
    c.run("INSERT INTO ch SELECT g, 1000 - g, 'v' || g FROM generate_series(1, 1000) g");
    kv.resetCounters();
    assertEquals(List.of(1000, 999, 998), column("SELECT id, pos FROM ch ORDER BY pos LIMIT 3"));
    assertTrue(kv.scannedEntries.get() < 100, "not the whole table: " + kv.scannedEntries.get());
    assertEquals(List.of(1000, 998, 997), column("SELECT id, pos FROM ch WHERE v <> 'v999' ORDER BY pos LIMIT 3"));
    assertEquals(List.of(1, 2), column("SELECT id FROM ch ORDER BY pos DESC LIMIT 2"));
  }

  @Test
  void aTableWithoutAPrimaryKeyIsReadThroughItsIndexes() {
    c.run("CREATE TABLE np (a int, b text)");
    c.run("CREATE INDEX np_a ON np (a)");
    c.run("INSERT INTO np SELECT g, 'b' || g FROM generate_series(1, 300) g");
    kv.resetCounters();
    assertEquals(List.of("b42"), column("SELECT b FROM np WHERE a = 42"));
    assertEquals(List.of(5, 6), column("SELECT a FROM np WHERE a IN (5, 6) ORDER BY a"));
    assertTrue(kv.scannedEntries.get() < 10, "index entries only: " + kv.scannedEntries.get());
  }
}
