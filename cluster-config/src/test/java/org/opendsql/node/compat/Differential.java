package org.opendsql.node.compat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs corpus files statement by statement on the PostgreSQL reference and on the database under
 * test, each file in a fresh PostgreSQL database and on a fresh connection to ours, and collects
 * every difference (it never stops at the first: the report is the work list).
 */
public final class Differential {
  /** Opens a new connection to the database under test. */
  public interface Connector {
    Connection connect() throws Exception;
  }

  public enum FindingKind {
    /** Our answer differs from PostgreSQL's. */
    MISMATCH,
    /** PostgreSQL itself did not answer as the corpus says (the corpus must be fixed). */
    CORPUS
  }

  public record Finding(FindingKind kind, Corpus.Statement statement, String difference, String pg, String ours) {}

  /** Per corpus file (an area): how many statements ran, how many returned rows, errors expected, mismatches. */
  public record FileStats(String file, int statements, int queries, int errors, int mismatches, int corpusProblems) {}

  public record Result(List<FileStats> files, List<Finding> findings) {
    public int statements() {
      return files.stream().mapToInt(FileStats::statements).sum();
    }

    public int queries() {
      return files.stream().mapToInt(FileStats::queries).sum();
    }

    public int errors() {
      return files.stream().mapToInt(FileStats::errors).sum();
    }

    public long count(FindingKind kind) {
      return findings.stream().filter(f -> f.kind() == kind).count();
    }
  }

  private final PgReference pg;
  private final Connector ours;

  public Differential(PgReference pg, Connector ours) {
    this.pg = pg;
    this.ours = ours;
  }

  public Result run(List<Corpus.File> files) throws Exception {
    List<FileStats> stats = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Corpus.File f : files) {
      try {
        stats.add(runFile(f, findings));
      } catch (Exception e) {
        // A file that cannot run (a server gone, a connection refused) is reported, and the
        // other files still run: the report stays the whole picture.
        Corpus.Statement where = new Corpus.Statement(f.name(), 0, "(the whole file)", Corpus.Order.UNORDERED, null);
        findings.add(new Finding(FindingKind.MISMATCH, where, "the file could not run: " + e, "-", "-"));
        stats.add(new FileStats(f.name(), f.statements().size(), 0, 0, 1, 0));
      }
    }
    return new Result(stats, findings);
  }

  private FileStats runFile(Corpus.File file, List<Finding> findings) throws Exception {
    String database = "compat_" + file.name().replaceFirst("\\.sql$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    try (Connection admin = pg.connect("postgres"); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    int queries = 0, errors = 0, mismatches = 0, corpusProblems = 0;
    Connection p = pg.connect(database);
    Connection o = ours.connect();
    try {
      for (Corpus.Statement st : file.statements()) {
        Outcome a = Outcome.of(p, st.sql());
        Outcome b = Outcome.of(o, st.sql());
        if (a.kind() == Outcome.Kind.ROWS) queries++;
        if (a.kind() == Outcome.Kind.ERROR) errors++;
        String corpusProblem = corpusProblem(st, a);
        if (corpusProblem != null) {
          corpusProblems++;
          findings.add(new Finding(FindingKind.CORPUS, st, corpusProblem, a.brief(), b.brief()));
        } else {
          String diff = Outcome.difference(a, b, st.order());
          if (diff != null) {
            mismatches++;
            findings.add(new Finding(FindingKind.MISMATCH, st, diff, a.brief(), b.brief()));
          }
        }
        if (b.kind() == Outcome.Kind.ERROR) {
          // After any error the session must go on: a broken connection is itself a mismatch,
          // and the rest of the file runs on a new one so that one failure is reported once.
          String broken = unusable(o);
          if (broken != null) {
            mismatches++;
            findings.add(new Finding(FindingKind.MISMATCH, st, "connection not usable after the error: " + broken,
                a.brief(), b.brief()));
            closeQuietly(o);
            o = ours.connect();
          }
        }
      }
    } finally {
      closeQuietly(p);
      closeQuietly(o);
    }
    mismatches += dropTables(file, findings);
    try (Connection admin = pg.connect("postgres"); Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE " + database + " WITH (FORCE)");
    }
    return new FileStats(file.name(), file.statements().size(), queries, errors, mismatches, corpusProblems);
  }

  /** Whether PostgreSQL answered as the corpus says: an error exactly where a directive names it. */
  private static String corpusProblem(Corpus.Statement st, Outcome pg) {
    if (st.expectedError() == null) {
      return pg.kind() == Outcome.Kind.ERROR ? "PostgreSQL failed a statement the corpus expects to succeed" : null;
    }
    if (pg.kind() != Outcome.Kind.ERROR) return "the corpus expects error " + st.expectedError() + ", PostgreSQL succeeded";
    return pg.sqlState().equals(st.expectedError()) ? null
        : "the corpus expects error " + st.expectedError() + ", PostgreSQL gave " + pg.sqlState();
  }

  /** Null if the connection still answers a query (when not inside a transaction block), else why not. */
  private static String unusable(Connection c) {
    try {
      if (c.isClosed()) return "closed";
      TransactionState state = c.unwrap(BaseConnection.class).getTransactionState();
      if (state != TransactionState.IDLE) return null; // a failed block answers 25P02 until it ends: the corpus goes on
      Outcome probe = Outcome.of(c, "SELECT 1");
      return probe.kind() == Outcome.Kind.ROWS ? null : "SELECT 1 gave " + probe.brief();
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /**
   * Ours has a single database: drop what the file created so the next file starts clean (one
   * DDL statement per transaction, in autocommit). A failed drop is reported, it would spoil the
   * next files.
   */
  private int dropTables(Corpus.File file, List<Finding> findings) throws Exception {
    List<String> tables = new ArrayList<>(file.createdTables());
    java.util.Collections.reverse(tables);
    int failed = 0;
    try (Connection o = ours.connect()) {
      for (String t : tables) {
        Outcome r = Outcome.of(o, "DROP TABLE IF EXISTS " + t);
        if (r.kind() == Outcome.Kind.ERROR) {
          failed++;
          Corpus.Statement st = new Corpus.Statement(file.name(), 0, "DROP TABLE IF EXISTS " + t, Corpus.Order.UNORDERED, null);
          findings.add(new Finding(FindingKind.MISMATCH, st, "dropping the file's table failed (harness cleanup)", "-", r.brief()));
        }
      }
    }
    return failed;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is being discarded anyway
    }
  }
}
