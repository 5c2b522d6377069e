package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;

/** node-postgres (pg 8) connects over TLS with a token and runs parameterized queries and transactions. */
class NodePostgresIT {
  private static Path DIR;
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(onPath("npm") && onPath("node"), "npm and node are needed");
    Path script = Path.of(NodePostgresIT.class.getResource("/tools/node-pg/client.js").toURI());
    // target/test-classes/tools/node-pg/client.js: the module lands in target/node-pg.
    DIR = script.getParent().getParent().getParent().getParent().resolve("node-pg");
    Files.createDirectories(DIR);
    Files.copy(script, DIR.resolve("client.js"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (!Files.isDirectory(DIR.resolve("node_modules/pg"))) {
      Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "pg@8")
          .directory(DIR.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
    }
    db = EmbeddedNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  @Test
  void queriesAndTransactions() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("node", "client.js").directory(DIR.toFile()).redirectErrorStream(true);
    pb.environment().put("PGPORT", Integer.toString(db.node.pgPort()));
    pb.environment().put("PGUSER", Tokens.ADMIN);
    pb.environment().put("PGPASSWORD", db.token(Tokens.ADMIN));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    assertEquals(0, p.exitValue(), out);
    assertEquals(List.of("rows=1:hello,2:world", "count=2 max=world", "x=42.5 t=true"), out.lines().toList());
  }
}
