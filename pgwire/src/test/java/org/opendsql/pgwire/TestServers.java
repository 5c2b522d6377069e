package org.opendsql.pgwire;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.opendsql.pgwire.fake.FakeDatabase;

/** Starts a {@link PgServer} over a fresh {@link FakeDatabase} on 127.0.0.1 and a random port. */
final class TestServers implements AutoCloseable {
  /** Shared across test classes so the RSA key is generated once per build. */
  static final Path TLS_DIR = Path.of("target", "test-tls");

  final Vertx vertx;
  final FakeDatabase db = new FakeDatabase();
  final PgServer server;
  final int port;

  TestServers(PgServerConfig config) throws Exception {
    vertx = Vertx.vertx();
    server = new PgServer(vertx, config.withHost("127.0.0.1").withPort(0)
        .withSelfSignedDir(TLS_DIR), db, db);
    port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static TestServers tls() throws Exception {
    return new TestServers(PgServerConfig.defaults());
  }

  String url(String extra) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=require"
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
