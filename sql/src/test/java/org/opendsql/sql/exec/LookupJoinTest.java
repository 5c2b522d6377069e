package org.opendsql.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;
import org.opendsql.sql.testkit.Client;
import org.opendsql.sql.testkit.MemKvStore;
import org.opendsql.sql.testkit.PgAnswers;

/**
 * Joins that read a table by the other side's keys instead of whole; answers as PostgreSQL 15
 * gave them for the same statements on the same rows.
 */
class LookupJoinTest {
  private MemKvStore kv;
  private Client c;
  private PgAnswers pg;

  @BeforeEach
  void setUp() {
    kv = new MemKvStore();
    c = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
    pg = new PgAnswers(c);
    c.run("CREATE TABLE cust (id int PRIMARY KEY, name text)");
    c.run("CREATE TABLE ord (id int PRIMARY KEY, cust_id bigint, total numeric)");
    c.run("CREATE TABLE line (ord_id int, n int, qty int, PRIMARY KEY (ord_id, n))");
    c.run("INSERT INTO cust SELECT g, 'c' || g FROM generate_series(1, 50) g");
    c.run("INSERT INTO ord VALUES (1, 3, 10), (2, 3, 20), (3, 7, 5), (4, NULL, 1), (5, 99, 2)");
    c.run("INSERT INTO line VALUES (1, 1, 2), (1, 2, 3), (2, 1, 1), (3, 1, 7)");
  }

  @Test
  void aJoinFromOneRowReadsOneRowOfTheOtherTableNotTheTable() {
    kv.resetCounters();
    pg.assertAnswer("SELECT o.id, c.name FROM ord o JOIN cust c ON c.id = o.cust_id WHERE o.id = 2", "2|c3");
    assertEquals(0, kv.scans.get(), "no table is scanned");
    assertEquals(2, kv.gets.get(), "the order, then its customer");
  }

  @Test
  void outerJoinsKeepTheirUnmatchedRows() {
    pg.assertAnswer("SELECT o.id, c.name FROM ord o LEFT JOIN cust c ON c.id = o.cust_id ORDER BY o.id",
        "1|c3\n2|c3\n3|c7\n4|\n5|");
    pg.assertAnswer("SELECT c.name, o.id FROM cust c RIGHT JOIN ord o ON o.cust_id = c.id ORDER BY o.id",
        "c3|1\nc3|2\nc7|3\n|4\n|5");
    pg.assertAnswer("SELECT count(*) FROM ord o FULL JOIN cust c ON c.id = o.cust_id", "53");
  }

  @Test
  void theLookedUpTablesOwnConditionsAndCompositeKeysApply() {
    pg.assertAnswer("SELECT o.id, c.name FROM ord o JOIN cust c ON c.id = o.cust_id AND c.name <> 'c7' ORDER BY o.id",
        "1|c3\n2|c3");
    pg.assertAnswer("SELECT c.name, sum(l.qty) FROM ord o JOIN cust c ON c.id = o.cust_id JOIN line l ON l.ord_id = o.id "
        + "AND l.n = 1 GROUP BY c.name ORDER BY 1", "c3|3\nc7|7");
  }

  @Test
  void keysOfAnotherTypeMatchOnlyEqualValues() {
    pg.assertAnswer("SELECT o.id, c.id FROM ord o JOIN cust c ON c.id = o.total ORDER BY o.id",
        "1|10\n2|20\n3|5\n4|1\n5|2");
    pg.assertAnswer("SELECT v.x, c.name FROM (VALUES (1.5), (2.0), (NULL)) v(x) JOIN cust c ON c.id = v.x", "2.0|c2");
  }

  @Test
  void rowsWrittenEarlierInTheTransactionAreSeenAndDeletedOnesAreNot() {
    c.run("BEGIN");
    c.run("INSERT INTO cust VALUES (99, 'new')");
    c.run("DELETE FROM cust WHERE id = 3");
    pg.assertAnswer("SELECT o.id, c.name FROM ord o JOIN cust c ON c.id = o.cust_id ORDER BY o.id", "3|c7\n5|new");
    c.run("ROLLBACK");
  }
}
