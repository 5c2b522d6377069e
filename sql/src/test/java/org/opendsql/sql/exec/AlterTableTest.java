package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/**
 * ALTER TABLE where OpenDSQL's answer is DSQL's rather than PostgreSQL's (the rest is checked
 * against PostgreSQL by the alter_table corpus), and how it races with other transactions.
 */
class AlterTableTest {
  private Client a;
  private Client b;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    CatalogCache cache = new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize());
    a = new Client(kv, cache);
    b = new Client(kv, cache);
    a.run("CREATE TABLE t (id int PRIMARY KEY, v int)");
    a.run("INSERT INTO t VALUES (1, 10), (2, 20)");
  }

  @Test
  void changesThatNeedAnIndexBuildOrATypeRewriteOnAPopulatedTableAreRefused() {
    assertEquals("0A000", a.fail("ALTER TABLE t ADD CONSTRAINT t_v_key UNIQUE (v)").state().code());
    assertEquals("0A000", a.fail("ALTER TABLE t ADD COLUMN u int UNIQUE").state().code());
    assertEquals("0A000", a.fail("ALTER TABLE t ALTER COLUMN v TYPE bigint").state().code());
    // A foreign key is checked against the rows there are: v = 10 and 20 reference no id.
    assertEquals("23503", a.fail("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (v) REFERENCES t (id)").state().code());
    assertEquals(2L, a.run("SELECT count(*) FROM t").value(), "nothing changed");
    assertEquals("42703", a.fail("SELECT u FROM t").state().code());
  }

  @Test
  void aDefaultForANewColumnIsWrittenIntoTheExistingRowsWithinTheRowLimit() {
    a.run("ALTER TABLE t ADD COLUMN w int NOT NULL DEFAULT 7");
    assertEquals(14L, a.run("SELECT sum(w) FROM t").value());
    for (int start = 3; start < 3003; start += 1000) {
      a.run("INSERT INTO t SELECT g, g FROM generate_series(" + start + ", " + (start + 999) + ") g");
    }
    assertEquals("54000", a.fail("ALTER TABLE t ADD COLUMN z int DEFAULT 1").state().code());
    assertEquals("42703", a.fail("SELECT z FROM t").state().code(), "the failed ALTER changed nothing");
  }

  @Test
  void aPrimaryKeyAddedToAnEmptyTableWithoutOneBecomesItsKey() {
    a.run("CREATE TABLE h (installed_rank int NOT NULL, version varchar(50))");
    a.run("ALTER TABLE \"public\".\"h\" ADD CONSTRAINT \"h_pk\" PRIMARY KEY (\"installed_rank\")");
    a.run("INSERT INTO h VALUES (1, '1')");
    assertEquals("23505", a.fail("INSERT INTO h VALUES (1, '2')").state().code());
    assertEquals("42P16", a.fail("ALTER TABLE h ADD PRIMARY KEY (version)").state().code());
  }

  @Test
  void aTransactionThatUsedTheTableBeforeAnAlterFailsAtCommit() {
    b.run("BEGIN");
    b.run("UPDATE t SET v = 11 WHERE id = 1");
    a.run("ALTER TABLE t ADD COLUMN note text");
    DbException e = b.fail("COMMIT");
    assertEquals("40001", e.state().code());
    assertTrue(e.getMessage().contains("OC001"), e.getMessage());
    assertEquals(10, a.run("SELECT v FROM t WHERE id = 1").value());
  }

  @Test
  void aPreparedStatementSeesTheNewShapeAndRenamesKeepChecksWorking() {
    assertEquals(2, a.run("SELECT * FROM t ORDER BY id").columns().size());
    a.run("ALTER TABLE t ADD CONSTRAINT v_small CHECK (v < 100)");
    a.run("ALTER TABLE t RENAME COLUMN v TO value");
    assertEquals(2, a.run("SELECT * FROM t ORDER BY id").columns().size());
    assertEquals("value", a.run("SELECT * FROM t ORDER BY id").columns().get(1).name());
    assertEquals("23514", a.fail("UPDATE t SET value = 100 WHERE id = 1").state().code());
    a.run("ALTER TABLE t RENAME TO u");
    assertEquals("23514", a.fail("INSERT INTO u VALUES (3, 500)").state().code());
  }
}
