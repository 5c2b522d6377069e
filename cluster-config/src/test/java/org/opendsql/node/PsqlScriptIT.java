package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/** The real psql client, driven from a test, running a multi-statement script. */
class PsqlScriptIT {
  @Test
  void psqlRunsAMultiStatementScriptOverTlsWithAToken() throws Exception {
    try (EmbeddedNode db = EmbeddedNode.start()) {
      Path script = Files.createTempFile("script", ".sql");
      Files.writeString(script, """
          CREATE TABLE fruit (id int PRIMARY KEY, name text, qty int);
          INSERT INTO fruit VALUES (1, 'apple', 3), (2, 'pear', 5); SELECT name, qty FROM fruit ORDER BY id;
          BEGIN;
          UPDATE fruit SET qty = qty * 10 WHERE name = 'pear';
          COMMIT;
          SELECT sum(qty) AS total FROM fruit;
          """);
      ProcessBuilder pb = new ProcessBuilder("psql",
          "host=127.0.0.1 port=" + db.node.pgPort() + " dbname=postgres user=admin sslmode=require",
          "-X", "-v", "ON_ERROR_STOP=1", "-A", "-F", "|", "-f", script.toString());
      pb.environment().put("PGPASSWORD", db.token(Tokens.ADMIN));
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertEquals(String.join("\n",
          "CREATE TABLE",
          "INSERT 0 2",
          "name|qty",
          "apple|3",
          "pear|5",
          "(2 rows)",
          "BEGIN",
          "UPDATE 1",
          "COMMIT",
          "total",
          "53",
          "(1 row)"), out.strip());
      Files.delete(script);
    }
  }
}
