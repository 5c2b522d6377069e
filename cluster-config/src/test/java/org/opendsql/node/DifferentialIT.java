package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.compat.Corpus;
import org.opendsql.node.compat.Differential;
import org.opendsql.node.compat.PgReference;
import org.opendsql.node.compat.Report;

/**
 * The differential harness: every statement of the corpus (src/test/resources/compat, see its
 * README.md) runs on a real PostgreSQL 15 started here and on an embedded node, and must get the
 * same answer: the same columns, names and types, the same values as text (in order where ORDER
 * BY fixes it, else as multisets), the same update counts, the same SQLSTATE for errors. All
 * differences go to target/&lt;corpus&gt;-report.md before the test fails.
 *
 * <p>{@code -Dcompat.dir=compat-pending} runs the statements known to differ today instead;
 * {@code -Dcompat.only=joins,cte} runs only the files named.
 */
class DifferentialIT {
  private static final String CORPUS = System.getProperty("compat.dir", "compat");
  private static final Set<String> ONLY = Arrays.stream(System.getProperty("compat.only", "").split(","))
      .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

  @Test
  void everyCorpusStatementGetsPostgresqlsAnswer() throws Exception {
    URL dir = getClass().getResource("/" + CORPUS);
    assertTrue(dir != null, "no corpus folder " + CORPUS + " on the test class path");
    List<Corpus.File> files = Corpus.load(Path.of(dir.toURI()), ONLY);
    assertFalse(files.isEmpty(), "no *.sql files in " + CORPUS + (ONLY.isEmpty() ? "" : " named " + ONLY));
    Path report = Path.of("target", CORPUS + "-report.md");
    Files.deleteIfExists(report);
    long started = System.nanoTime();
    try (PgReference pg = PgReference.start(); EmbeddedNode db = EmbeddedNode.start()) {
      String reference = referenceSettings(pg);
      Differential.Result result = new Differential(pg, () -> connect(db)).run(files);
      Report.write(report, CORPUS, reference, Duration.ofNanos(System.nanoTime() - started), result);
      System.out.println(Report.summary(CORPUS, result) + " -> " + report.toAbsolutePath());
      assertTrue(result.findings().isEmpty(), Report.shortForm(CORPUS, result, report, 30));
    }
  }

  /** The reference must be what the issue names: PostgreSQL 15, C collation, UTF-8. */
  private static String referenceSettings(PgReference pg) throws Exception {
    try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('lc_collate'), "
             + "current_setting('server_encoding')")) {
      assertTrue(rs.next());
      String version = rs.getString(1);
      assertTrue(version.startsWith("15."), "reference is PostgreSQL " + version);
      assertEquals("C", rs.getString(2), "reference collation");
      assertEquals("UTF8", rs.getString(3), "reference encoding");
      return "PostgreSQL " + version + ", lc_collate " + rs.getString(2) + ", encoding " + rs.getString(3);
    }
  }

  /**
   * A new connection as admin over TLS. The socket timeout turns a statement that never gets an
   * answer into an error on that statement instead of a test that never ends.
   */
  private static Connection connect(EmbeddedNode db) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", db.token(Tokens.ADMIN));
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(db.url(), p);
  }
}
