package org.opendsql.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.Properties;
import org.opendsql.core.auth.Tokens;

/** A single-node database in the test's JVM on random ports and a fresh folder. */
final class EmbeddedNode implements AutoCloseable {
  final Path dataDir;
  final OpenDsqlNode node;

  private EmbeddedNode(Path dataDir, OpenDsqlNode node) {
    this.dataDir = dataDir;
    this.node = node;
  }

  static EmbeddedNode start() throws Exception {
    return start("");
  }

  /** {@code settings}: HOCON over the node's defaults (e.g. {@code opendsql.connections.max = 2}). */
  static EmbeddedNode start(String settings) throws Exception {
    Path dir = Files.createTempDirectory("opendsql-it");
    Config config = NodeConfig.load(ConfigFactory.parseString(settings).withFallback(ConfigFactory.parseMap(Map.of(
        "opendsql.node.data-dir", dir.toString(), "opendsql.pgwire.port", 0, "opendsql.admin.port", 0, "opendsql.admin.metrics-port", 0))), null);
    return new EmbeddedNode(dir, OpenDsqlNode.start(new NodeSettings(config)));
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + node.pgPort() + "/postgres?sslmode=require";
  }

  String token(String user) throws Exception {
    return new Tokens(TokenKey.loadOrCreate(dataDir)).issue("localhost", user, 900);
  }

  Connection connect() throws Exception {
    return connect(new Properties());
  }

  /** A connection with pgjdbc properties of the test's own ({@code prepareThreshold}, ...). */
  Connection connect(Properties extra) throws Exception {
    Properties p = new Properties();
    p.putAll(extra);
    p.setProperty("user", Tokens.ADMIN);
    p.setProperty("password", token(Tokens.ADMIN));
    return DriverManager.getConnection(url(), p);
  }

  @Override
  public void close() throws Exception {
    node.close();
    try (var walk = Files.walk(dataDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
