package org.opendsql.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bin/dsql jobs} against a running node: it shows an index build and follows it to its end. */
class JobsCommandIT {
  private static EmbeddedNode db;

  @BeforeAll
  static void start() throws Exception {
    db = EmbeddedNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) db.close();
  }

  private static String[] run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(args);
      return new String[] {Integer.toString(code), bytes.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void watchFollowsAnIndexBuildUntilItCompletes() throws Exception {
    String jobId;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE jc_items (id int PRIMARY KEY, name text)");
      s.execute("INSERT INTO jc_items SELECT g, 'n' || g FROM generate_series(1, 2000) g");
      try (ResultSet rs = s.executeQuery("CREATE INDEX ASYNC jc_items_name ON jc_items (name)")) {
        assertTrue(rs.next());
        jobId = rs.getString(1);
      }
    }
    String port = Integer.toString(db.node.pgPort());
    String data = db.dataDir.toString();
    String[] watched = run("jobs", "--data", data, "--port", port, "--job", jobId, "--watch", "--interval", "50");
    assertEquals("0", watched[0], watched[1]);
    String[] lines = watched[1].strip().split("\n");
    assertTrue(lines[0].startsWith("JOB ID"), watched[1]);
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith(jobId) && last.contains("completed") && last.contains("jc_items_name") && last.contains("2000"),
        watched[1]);
    String[] all = run("jobs", "--data", data, "--port", port);
    assertEquals("0", all[0], all[1]);
    assertTrue(all[1].contains(jobId), all[1]);
    String[] missing = run("jobs", "--data", data, "--port", port, "--job", "no-such-job");
    assertEquals("1", missing[0], missing[1]);
    assertTrue(missing[1].contains("no job no-such-job"), missing[1]);
  }
}
