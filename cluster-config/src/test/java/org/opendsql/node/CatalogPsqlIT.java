package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.compat.PgReference;

/**
 * psql 15's describe commands against the embedded node print what they print against PostgreSQL
 * 15 for the same schema (resources/catalog/schema.sql). The owner is the connecting user, which
 * is admin here and postgres there; PostgreSQL's template databases do not exist here.
 */
class CatalogPsqlIT {
  private static PgReference pg;
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    pg = PgReference.start();
    db = EmbeddedNode.start();
    List<String> schema = CatalogSchema.statements();
    try (Connection ref = pg.connect("postgres"); Connection ours = db.connect();
        Statement a = ref.createStatement(); Statement b = ours.createStatement()) {
      for (String sql : schema) {
        a.execute(sql);
        b.execute(sql);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
    if (pg != null) pg.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\d", "\\dt", "\\d cat_orders", "\\d cat_customers", "\\d cat_events", "\\di", "\\dn",
      "\\du", "\\l", "\\dv", "\\ds", "\\df", "\\dt cat_o*", "\\d+ nothing_here", "\\d cat_items",
      "\\d cat_tickets", "\\d cat_active", "\\d cat_seq", "\\d cat_tickets_id_seq", "\\dt+ cat_items", "\\d+ cat_items",
      "\\dt cat_app.*", "\\d cat_app.ledger", "\\di cat_app.*", "\\dn+",
      "\\d cat_payments", "\\dp", "\\z cat_orders", "\\dp cat_app.*", "\\dp cat_a*"})
  void describeCommandsPrintWhatPostgresPrints(String command) throws Exception {
    String expected = normalizeReference(psql("host=127.0.0.1 port=" + pg.port() + " dbname=postgres user=postgres sslmode=disable",
        null, command));
    String actual = psql("host=127.0.0.1 port=" + db.node.pgPort() + " dbname=postgres user=admin sslmode=require",
        db.token(Tokens.ADMIN), command).replaceAll("\\badmin\\b", "postgres");
    assertEquals(expected, actual, command);
  }

  /** PostgreSQL's own output without its template databases (the only ones this engine lacks). */
  private static String normalizeReference(String out) {
    List<String> lines = new ArrayList<>();
    int dropped = 0;
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("template0|") || line.startsWith("template1|") || line.startsWith("postgres=CTc/postgres")) {
        dropped += line.startsWith("template") ? 1 : 0;
        continue;
      }
      lines.add(line);
    }
    String s = String.join("\n", lines);
    return dropped > 0 ? s.replace("(3 rows)", "(1 row)") : s;
  }

  private static String psql(String conninfo, String password, String command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("psql", conninfo, "-X", "-A", "-F", "|", "-c", command);
    if (password != null) pb.environment().put("PGPASSWORD", password);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out.strip();
  }
}
