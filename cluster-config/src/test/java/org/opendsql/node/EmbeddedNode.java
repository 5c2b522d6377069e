package org.opendsql.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
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
    return start(NodeSettings.Limits.defaults());
  }

  static EmbeddedNode start(NodeSettings.Limits limits) throws Exception {
    Path dir = Files.createTempDirectory("opendsql-it");
    NodeSettings s = NodeSettings.defaults().withDataDir(dir).withPgPort(0).withCluster(0, List.of(), 1)
        .withLimits(limits);
    return new EmbeddedNode(dir, OpenDsqlNode.start(s));
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + node.pgPort() + "/postgres?sslmode=require";
  }

  String token(String user) throws Exception {
    return new Tokens(TokenKey.loadOrCreate(dataDir)).issue("localhost", user, 900);
  }

  Connection connect() throws Exception {
    Properties p = new Properties();
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
