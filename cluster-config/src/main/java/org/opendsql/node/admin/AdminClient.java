package org.opendsql.node.admin;

import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.opendsql.admin.grpc.ClusterAdminClient;

/**
 * A connection to one node's control plane, for the command line: TLS trusting the given
 * certificate (a node's self-signed one) or the JVM's trust store, the admin token on every call.
 */
public final class AdminClient implements AutoCloseable {
  /** The call metadata carrying the admin token (a token is not a valid HTTP credentials value). */
  public static final String TOKEN_HEADER = "x-opendsql-token";
  private final ActorSystem system;
  private final ClusterAdminClient client;
  private final String token;
  private final Duration timeout;

  /**
   * @param trustedCert PEM certificate(s) to trust, or null for the JVM's trust store
   */
  public AdminClient(String host, int port, Path trustedCert, String token, Duration timeout) throws Exception {
    this.system = ActorSystem.create("dsql-admin", ConfigFactory.parseString(
            "pekko.actor.provider = local\n"
                + "pekko.loglevel = WARNING\n"
                + "pekko.stdout-loglevel = WARNING\n"
                + "pekko.log-dead-letters = 0\n")
        .withFallback(ConfigFactory.defaultReference()));
    SSLContext tls = trustedCert == null ? SSLContext.getDefault() : trusting(trustedCert);
    this.client = ClusterAdminClient.create(GrpcClientSettings.connectToServiceAt(host, port, system)
        .withTls(true).withSslContext(tls).withDeadline(timeout), system);
    this.token = token;
    this.timeout = timeout;
  }

  /** An SSL context trusting exactly the certificates in a PEM file. */
  static SSLContext trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("node-" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** Calls the service with the token and waits for the answer. */
  public <T> T call(Function<ClusterAdminClient, CompletionStage<T>> request) throws Exception {
    return request.apply(client).toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
  }

  /** The token every call carries in {@link #TOKEN_HEADER}. */
  public String token() {
    return token;
  }

  @Override
  public void close() throws Exception {
    try {
      client.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
