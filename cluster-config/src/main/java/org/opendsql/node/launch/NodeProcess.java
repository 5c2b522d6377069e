package org.opendsql.node.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendsql.core.auth.Tokens;
import org.opendsql.node.Main;
import org.opendsql.node.TokenKey;

/**
 * A node in its own JVM, started with this JVM's class path: what real-process and multi-JVM
 * tests use to get crashes ({@link #kill()} is SIGKILL) and real network hops between nodes.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("OpenDSQL ready: pg=([^:]+):(-?\\d+) cluster=([^:]+):(-?\\d+) admin=([^:]+):(\\d+)");

  private final Process process;
  private final Path dataDir;
  private final Path logFile;
  private final String pgHost;
  private final int pgPort;
  private final int clusterPort;
  private final int adminPort;

  private NodeProcess(Process process, Path dataDir, Path logFile, String pgHost, int pgPort, int clusterPort,
      int adminPort) {
    this.adminPort = adminPort;
    this.process = process;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.pgHost = pgHost;
    this.pgPort = pgPort;
    this.clusterPort = clusterPort;
  }

  /**
   * Starts {@code dsql start --data dataDir --port 0 --admin-port 0 <extraArgs>} and waits (up to
   * {@code timeout}) for its ready line. Child output goes to {@code
   * target/node-logs/<parent>-<name>.log} under the working directory, where it outlives the data
   * folder; a restart on the same folder appends to it.
   */
  public static NodeProcess start(Path dataDir, List<String> jvmArgs, List<String> extraArgs,
      Duration timeout) throws IOException, InterruptedException {
    return start(List.of(), dataDir, jvmArgs, extraArgs, timeout);
  }

  /**
   * As above, with the JVM's command line run by {@code launcher} (for example {@code ip netns
   * exec NAME}, which execs it: the process, its pid and its signals are still the JVM's).
   */
  public static NodeProcess start(List<String> launcher, Path dataDir, List<String> jvmArgs,
      List<String> extraArgs, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(launcher);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    // The node's own logging (INFO to its output), not a test configuration on the class path.
    cmd.add("-Dlogback.configurationFile=logback.xml");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(Main.class.getName());
    cmd.add("start");
    cmd.add("--data");
    cmd.add(dataDir.toString());
    cmd.add("--port");
    cmd.add("0");
    cmd.add("--admin-port");
    cmd.add("0");
    cmd.add("--metrics-port");
    cmd.add("0");
    cmd.addAll(extraArgs);
    Path logs = Files.createDirectories(Path.of("target", "node-logs"));
    Path parent = dataDir.toAbsolutePath().getParent();
    Path log = logs.resolve((parent == null ? "" : parent.getFileName() + "-") + dataDir.getFileName() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process p = pb.start();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
           var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
               java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
        String line;
        while ((line = r.readLine()) != null) {
          out.write(line);
          out.newLine();
          out.flush();
          Matcher m = READY.matcher(line);
          if (m.find()) ready.complete(m);
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("node exited before it was ready; see " + log));
    }, "node-output-" + dataDir.getFileName());
    pump.setDaemon(true);
    pump.start();
    try {
      Matcher m = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new NodeProcess(p, dataDir, log, m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(6)));
    } catch (Exception e) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new IOException("node did not start: " + e.getMessage() + "; log " + log + ", ending:\n" + tail(log, 40), e);
    }
  }

  /** The last {@code lines} lines of a file, for failure messages (the file may be gone by then). */
  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** The address the node's PostgreSQL wire server listens on. */
  public String pgHost() {
    return pgHost;
  }

  public int pgPort() {
    return pgPort;
  }

  /** The control plane's port (ClusterAdmin over gRPC and TLS). */
  public int adminPort() {
    return adminPort;
  }

  public int clusterPort() {
    return clusterPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status once the process has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  public String adminToken() throws IOException {
    return new Tokens(TokenKey.loadOrCreate(dataDir)).issue("localhost", Tokens.ADMIN, 900);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres?sslmode=require";
  }

  /** Sends a signal by name (STOP pauses the JVM, CONT resumes it). */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** SIGKILL: no shutdown hook, no flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for an orderly stop (forcibly after 30 s). */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
  }
}
