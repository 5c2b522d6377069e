package org.opendsql.node.compat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 started for a test: {@code initdb} into a fresh temporary folder (C
 * collation, UTF-8, trust authentication), a postmaster listening on 127.0.0.1 only at a free
 * port, stopped with {@code pg_ctl -m immediate} and its folder deleted by {@link #close()} (and
 * by a shutdown hook if the test JVM ends without closing it).
 *
 * <p>PostgreSQL refuses to run as root, so when the test runs as root the server runs as the
 * system user {@value #OS_USER}, created if missing. Binaries are looked for in
 * /usr/lib/postgresql/15/bin, then on the PATH; where none is found {@code bin/ensure-tools --server}
 * installs them. A machine where that fails gets an {@link IllegalStateException} saying why: a
 * differential test without its reference must fail, never skip.
 */
public final class PgReference implements AutoCloseable {
  static final String OS_USER = "opendsql_pgref";
  static final int MAJOR = 15;
  private static final long STEP_TIMEOUT_S = 120;

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final boolean asRoot;
  private volatile int port;
  private final Thread hook;
  private volatile boolean stopped;

  private PgReference(Path bin, Path dir, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.asRoot = asRoot;
    this.hook = new Thread(this::stopQuietly, "pg-reference-stop");
  }

  /** Starts a fresh PostgreSQL 15, installing it first if the machine has none. */
  public static PgReference start() throws Exception {
    Path bin = findBinaries();
    boolean asRoot = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    if (asRoot) ensureOsUser();
    Path dir = Files.createTempDirectory("opendsql-pgref");
    PgReference pg = null;
    try {
      // The folder must belong to the server's user: it creates data/ and its socket there.
      if (asRoot) run(List.of("chown", OS_USER, dir.toString()), dir.resolve("chown.log"));
      pg = new PgReference(bin, dir, asRoot);
      Runtime.getRuntime().addShutdownHook(pg.hook);
      pg.initdb();
      // A free port can be taken by another process before the server binds it: try a few.
      for (int attempt = 1; ; attempt++) {
        pg.port = freePort();
        try {
          pg.startServer();
          return pg;
        } catch (IllegalStateException e) {
          if (attempt == 3 || !String.valueOf(e.getMessage()).contains("could not bind")) throw e;
        }
      }
    } catch (Exception | Error e) {
      if (pg != null) pg.close();
      else deleteTree(dir);
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** A connection as superuser {@code postgres} to {@code database}, without TLS (loopback). */
  public Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  private void initdb() throws Exception {
    // C collation and UTF-8: the comparison rules the issue fixes for OpenDSQL.
    asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "-A", "trust", "--locale=C", "--encoding=UTF8", "--no-sync", "--no-instructions"),
        dir.resolve("initdb.log"));
  }

  private void startServer() throws Exception {
    // -w waits until the server accepts connections (or fails), so no polling is needed here.
    String options = String.join(" ",
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=" + dir,
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        "-c", "max_connections=20", "-c", "TimeZone=UTC");
    asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
        "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start"),
        dir.resolve("pg_ctl-start.log"));
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or the JVM is already exiting: nothing to remove.
    }
  }

  private synchronized void stopQuietly() {
    if (stopped) return;
    stopped = true;
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
            "-m", "immediate", "-w", "stop"), dir.resolve("pg_ctl-stop.log"));
      }
    } catch (Exception e) {
      System.err.println("PgReference: stopping PostgreSQL failed: " + e.getMessage());
    } finally {
      deleteTree(dir);
    }
  }

  private void asServerUser(List<String> command, Path log) throws Exception {
    List<String> full = new ArrayList<>();
    if (asRoot) full.addAll(List.of("runuser", "-u", OS_USER, "--"));
    full.addAll(command);
    run(full, log);
  }

  /** Runs a command to completion; on failure the exception carries its output and the server log. */
  private static void run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("PgReference: timed out after " + STEP_TIMEOUT_S + " s: " + command);
    }
    if (p.exitValue() != 0) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Path serverLog = log.resolveSibling("server.log");
      if (Files.exists(serverLog)) out += "\n--- server.log ---\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
      throw new IllegalStateException("PgReference: " + command + " exited with " + p.exitValue() + ":\n" + out.strip());
    }
  }

  private static void ensureOsUser() throws Exception {
    if (osUserExists()) return;
    Path log = Files.createTempFile("useradd", ".log");
    try {
      run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER), log);
    } catch (IllegalStateException e) {
      if (!osUserExists()) throw e; // else another test run created it meanwhile
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean osUserExists() throws Exception {
    Process probe = new ProcessBuilder("id", "-u", OS_USER).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return probe.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS) && probe.exitValue() == 0;
  }

  /** The folder of PostgreSQL 15's server binaries, installing them through bin/ensure-tools if missing. */
  static Path findBinaries() throws Exception {
    Path found = locate();
    if (found == null) {
      Path ensure = ensureToolsScript();
      if (ensure != null) {
        Path log = Files.createTempFile("ensure-tools", ".log");
        try {
          run(List.of(ensure.toString(), "--server"), log);
        } catch (IllegalStateException e) {
          throw new IllegalStateException("PgReference: no PostgreSQL server binaries found and "
              + ensure + " --server could not install them: " + e.getMessage(), e);
        } finally {
          Files.deleteIfExists(log);
        }
        found = locate();
      }
    }
    if (found == null) {
      throw new IllegalStateException("PgReference: no PostgreSQL " + MAJOR + " server found "
          + "(looked for /usr/lib/postgresql/" + MAJOR + "/bin/initdb and initdb on the PATH); "
          + "install it with bin/ensure-tools --server (Debian package postgresql)");
    }
    String version = output(List.of(found.resolve("postgres").toString(), "--version"));
    if (!version.matches("(?s).*\\(PostgreSQL\\) " + MAJOR + "\\..*")) {
      throw new IllegalStateException("PgReference: the reference must be PostgreSQL " + MAJOR
          + ", but " + found + " is: " + version.strip());
    }
    return found;
  }

  private static Path locate() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql/" + MAJOR + "/bin");
    if (Files.isExecutable(debian.resolve("initdb")) && Files.isExecutable(debian.resolve("pg_ctl"))) return debian;
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(":")) {
      if (d.isEmpty()) continue;
      Path initdb = Path.of(d, "initdb");
      if (Files.isExecutable(initdb)) {
        Path real = initdb.toRealPath().getParent();
        if (Files.isExecutable(real.resolve("pg_ctl")) && Files.isExecutable(real.resolve("postgres"))) return real;
      }
    }
    return null;
  }

  /** bin/ensure-tools of this checkout: the test runs in a module folder, the script is at the root. */
  private static Path ensureToolsScript() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path script = d.resolve("bin/ensure-tools");
      if (Files.isExecutable(script)) return script;
    }
    return null;
  }

  private static String output(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS)) p.destroyForcibly();
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("PgReference: could not delete " + root + ": " + e.getMessage());
    }
  }
}
