package org.opendsql.pgwire;

import com.typesafe.config.ConfigFactory;
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

  /** {@code settings}: overrides of {@code opendsql.pgwire}, in HOCON. */
  TestServers(String settings) throws Exception {
    this(settings, null);
  }

  /** {@code authenticator}: checks passwords instead of the fake's "secret"; null for the fake. */
  TestServers(String settings, org.opendsql.core.session.Authenticator authenticator) throws Exception {
    // A blocked event loop is reported with its stack, so the culprit is named in the test log.
    vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setWarningExceptionTime(2).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    PgServerConfig config = new PgServerConfig(ConfigFactory.parseString("opendsql.pgwire {" + settings + "}")
        .withFallback(ConfigFactory.parseString("opendsql.pgwire { host = \"127.0.0.1\", port = 0,"
            + " tls.self-signed-dir = \"" + TLS_DIR + "\" }"))
        .withFallback(ConfigFactory.load()));
    server = new PgServer(vertx, config, authenticator == null ? db : authenticator, db);
    port = server.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static TestServers tls() throws Exception {
    return new TestServers("");
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
