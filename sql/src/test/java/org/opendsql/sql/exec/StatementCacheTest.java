package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Prepared;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;

/** A repeated statement text is parsed and planned once per session, and re-planned when its tables change. */
class StatementCacheTest {
  private Client c;

  @BeforeEach
  void setUp() {
    MemKvStore kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
  }

  private Prepared prepare(String sql, int... oids) {
    return c.session.prepare(sql, oids).toCompletableFuture().join();
  }

  @Test
  void aRepeatedTextIsPlannedOncePerParameterTypes() {
    c.run("CREATE TABLE kv (k int PRIMARY KEY, v text)");
    Prepared a = prepare("SELECT v FROM kv WHERE k = $1");
    assertSame(a, prepare("SELECT v FROM kv WHERE k = $1"));
    assertNotSame(a, prepare("SELECT v FROM kv WHERE k = $1", 20));
    assertNotSame(a, prepare("SELECT v FROM kv WHERE k = $1 "));
  }

  @Test
  void aCachedStatementSeesTheTableAsItIsNow() {
    c.run("CREATE TABLE kv (k int PRIMARY KEY, v text)");
    c.run("INSERT INTO kv VALUES (1, 'one')");
    String q = "SELECT * FROM kv a JOIN kv b ON a.k = b.k";
    assertEquals(4, c.run(q).columns().size());
    assertEquals("one", c.run("SELECT v FROM kv WHERE k = 1").value());
    c.run("DROP TABLE kv");
    c.run("CREATE TABLE kv (k int PRIMARY KEY, v text, w int)");
    c.run("INSERT INTO kv VALUES (1, 'uno', 7)");
    assertEquals("uno", c.run("SELECT v FROM kv WHERE k = 1").value());
    List<ColumnDesc> cols = c.run(q).columns();
    assertEquals(6, cols.size());
    assertEquals(7, c.run(q).rows().get(0)[2]);
    c.run("DROP TABLE kv");
    assertEquals("42P01", c.fail(q).state().code());
  }
}
