package org.opendsql.node;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.opendsql.core.auth.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dsql jobs}: the background jobs (asynchronous index builds) of a running node, read
 * from sys.jobs over the wire as the admin role, once or, with --watch, until they end.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "Shows the background jobs (CREATE INDEX ASYNC builds) of a running node: status, rows"
        + " backfilled so far, details; --watch follows them until they end.")
final class JobsCommand implements Callable<Integer> {
  @Mixin Main.ConfigOptions config = new Main.ConfigOptions();

  @Option(names = "--host", paramLabel = "HOST", description = "the node's client address (default: 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "the node's PostgreSQL wire port (default: opendsql.pgwire.port, 5432)")
  Integer port;

  @Option(names = "--job", paramLabel = "ID", description = "only this job")
  String job;

  @Option(names = "--watch", description = "print the jobs again every --interval until none is running")
  boolean watch;

  @Option(names = "--interval", paramLabel = "MILLIS", description = "how often --watch looks (default: 1000)")
  long interval = 1000;

  /** One row of sys.jobs as shown. */
  record JobRow(String id, String status, String index, String table, long rows, String details) {
    boolean running() {
      return status.equals("submitted") || status.equals("processing");
    }
  }

  @Override
  public Integer call() throws Exception {
    if (interval < 10) throw new IllegalArgumentException("--interval must be at least 10 ms");
    Config c = config.load();
    int p = port != null ? port : c.getInt("opendsql.pgwire.port");
    Path data = Path.of(c.getString("opendsql.node.data-dir"));
    String token = new Tokens(TokenKey.loadOrCreate(data)).issue(c.getString("opendsql.tokens.endpoint"), Tokens.ADMIN, 900);
    PrintWriter out = new PrintWriter(System.out, true);
    Properties props = new Properties();
    props.setProperty("user", Tokens.ADMIN);
    props.setProperty("password", token);
    props.setProperty("sslmode", "require");
    props.setProperty("ApplicationName", "dsql jobs");
    try (Connection conn = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + p + "/postgres", props)) {
      while (true) {
        List<JobRow> rows = read(conn, job);
        print(out, rows);
        boolean running = rows.stream().anyMatch(JobRow::running);
        if (!watch || !running) {
          if (job != null && rows.isEmpty()) {
            out.println("no job " + job);
            return 1;
          }
          return rows.stream().anyMatch(r -> r.status().equals("failed")) && job != null ? 1 : 0;
        }
        Thread.sleep(interval);
        out.println();
      }
    }
  }

  static List<JobRow> read(Connection conn, String only) throws SQLException {
    String sql = "SELECT job_id, status, object_name, table_name, rows_processed, coalesce(details, '') FROM sys.jobs"
        + (only == null ? "" : " WHERE job_id = ?") + " ORDER BY start_time, job_id";
    List<JobRow> out = new ArrayList<>();
    try (PreparedStatement st = conn.prepareStatement(sql)) {
      if (only != null) st.setString(1, only);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new JobRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)));
        }
      }
    }
    return out;
  }

  /** The rows as an aligned table, headed by the column names. */
  static void print(PrintWriter out, List<JobRow> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"JOB ID", "STATUS", "INDEX", "TABLE", "ROWS DONE", "DETAILS"});
    for (JobRow r : rows) {
      cells.add(new String[] {r.id(), r.status(), r.index(), r.table(), Long.toString(r.rows()), r.details()});
    }
    int[] width = new int[6];
    for (String[] row : cells) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean number = i == 4;
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(number ? pad + cell : cell + (i == row.length - 1 ? "" : pad));
        if (i < row.length - 1) line.append("  ");
      }
      out.println(line.toString().stripTrailing());
    }
    if (rows.isEmpty()) out.println("(no jobs)");
  }
}
