package org.opendsql.sql.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.DbException;
import org.opendsql.core.types.PgText;
import org.opendsql.sql.catalog.CatalogCache;
import org.opendsql.sql.config.SqlConfig;

/**
 * Runs statements on a fresh in-memory session and renders answers the way {@code psql -At}
 * prints them (text format, columns joined by {@code |}, NULL as empty, rows by newline), so a
 * test can hold the reference server's output verbatim. Errors render as {@code SQLSTATE: message}.
 */
public final class PgAnswers {
  private final Client client;

  public PgAnswers() {
    MemKvStore kv = new MemKvStore();
    client = new Client(kv, new CatalogCache(kv, SqlConfig.DEFAULT.scanPageSize()));
  }

  /** Answers through an existing client (its store and counters stay the test's). */
  public PgAnswers(Client client) {
    this.client = client;
  }

  public Client client() {
    return client;
  }

  /** The answer to {@code sql} as psql -At prints it, or {@code SQLSTATE: message} for an error. */
  public String answer(String sql) {
    try {
      Client.Result r = client.run(sql);
      List<String> lines = new ArrayList<>();
      for (Object[] row : r.rows()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
          cells.add(row[i] == null ? "" : PgText.format(r.columns().get(i).type(), row[i]));
        }
        lines.add(String.join("|", cells));
      }
      return String.join("\n", lines);
    } catch (DbException e) {
      return e.state().code() + ": " + e.getMessage();
    }
  }

  /** Asserts that {@code sql} answers {@code expected} (as the reference server printed it). */
  public void assertAnswer(String sql, String expected) {
    assertEquals(expected, answer(sql), sql);
  }

  /** Asserts the SQL text of a single SELECT row: {@code SELECT <exprs>} prints {@code expected}. */
  public void assertSelect(String exprs, String expected) {
    assertAnswer("SELECT " + exprs, expected);
  }
}
