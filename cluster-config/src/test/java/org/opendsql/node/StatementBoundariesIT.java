package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendsql.core.auth.Tokens;

/**
 * Where a statement's work begins and ends, seen from real clients: a simple Query's statements
 * and the Executes before a Sync are one implicit transaction; a Query of thousands of statements
 * is answered; a statement nested too deeply fails with 54001 and the node and connection live on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementBoundariesIT {
  private EmbeddedNode db;

  @BeforeAll
  void start() throws Exception {
    db = EmbeddedNode.start();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE boundary (id int PRIMARY KEY, v text)");
    }
  }

  @AfterAll
  void stop() throws Exception {
    db.close();
  }

  private record Psql(int exit, String out) {}

  private Psql psql(String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("psql",
        "host=127.0.0.1 port=" + db.node.pgPort() + " dbname=postgres user=admin sslmode=require",
        "-X", "-A", "-t", "-c", command);
    pb.environment().put("PGPASSWORD", db.token(Tokens.ADMIN));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "psql finished");
    return new Psql(p.exitValue(), out);
  }

  private long count(String where) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM boundary WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aQueryOfFiveThousandStatementsIsAnsweredInFull() throws Exception {
    Psql r = psql("select 1;".repeat(5000));
    assertEquals(0, r.exit(), r.out());
    assertEquals(5000, r.out().lines().filter(l -> l.equals("1")).count());
  }

  @Test
  void aFailingStatementRollsBackTheStatementsBeforeItInTheSameQuery() throws Exception {
    Psql r = psql("INSERT INTO boundary VALUES (1, 'a'); INSERT INTO boundary VALUES (2, 'b'), (2, 'dup')");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("duplicate key"), r.out());
    assertEquals(0, count("id IN (1, 2)"));
    Psql ok = psql("INSERT INTO boundary VALUES (3, 'c'); INSERT INTO boundary VALUES (4, 'd')");
    assertEquals(0, ok.exit(), ok.out());
    assertEquals(2, count("id IN (3, 4)"));
  }

  @Test
  void beginInsideAQueryKeepsTheStatementsBeforeItInItsBlock() throws Exception {
    Psql r = psql("INSERT INTO boundary VALUES (10, 'x'); BEGIN; INSERT INTO boundary VALUES (11, 'y'); ROLLBACK");
    assertEquals(0, r.exit(), r.out());
    assertEquals(0, count("id IN (10, 11)"));
  }

  @Test
  void aJdbcBatchIsAllOrNothing() throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ins = c.prepareStatement("INSERT INTO boundary VALUES (?, ?)")) {
      for (int id : new int[] {20, 21, 20}) {
        ins.setInt(1, id);
        ins.setString(2, "batch");
        ins.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, ins::executeBatch);
      assertEquals("23505", ((SQLException) e.getNextException() != null ? e.getNextException() : e).getSQLState());
      assertEquals(0, count("id IN (20, 21)"));
      ins.setInt(1, 22);
      ins.setString(2, "alone");
      assertEquals(1, ins.executeUpdate());
    }
    assertEquals(1, count("id = 22"));
  }

  @Test
  void statementsNestedTooDeeplyFailWith54001AndTheConnectionStaysUsable() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String sql : new String[] {
          "SELECT " + "(".repeat(600) + "1" + ")".repeat(600),
          "SELECT " + "CASE WHEN true THEN ".repeat(1000) + "1" + " END".repeat(1000),
          "SELECT " + "coalesce(".repeat(1000) + "1" + ")".repeat(1000),
          "SELECT 0" + " + 1".repeat(100_000)}) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql));
        assertEquals("54001", e.getSQLState(), e.getMessage());
        try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
          rs.next();
          assertEquals(42, rs.getInt(1));
        }
      }
    }
  }
}
