package org.opendsql.pgwire;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the PostgreSQL server listens, read from {@code opendsql.pgwire} (defaults in this module's
 * reference.conf).
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one (see {@link PgServer#port()})
 * @param tlsCertPath PEM certificate chain; with {@code tlsKeyPath}, the server's TLS identity
 * @param tlsKeyPath PEM private key (PKCS#8 or PKCS#1)
 * @param selfSignedDir used when no cert/key is configured: a self-signed pair is created there at
 *     first start and reused afterwards
 * @param allowPlaintext development only: accept StartupMessages on unencrypted sockets
 * @param maxMessageSize largest client message accepted, in bytes; larger is a FATAL 08P01
 * @param socketSendBufferSize SO_SNDBUF for client sockets, 0 for the OS default
 * @param maxConnectionAge a connection older than this is closed (FATAL 57P01) as soon as it is
 *     outside a transaction; null for no limit
 * @param fetchBatchRows rows fetched from the session at a time: enough to amortise the hop, few
 *     enough to bound memory
 * @param inputPauseBytes pipelined input buffered while a message runs before the socket stops
 *     being read
 * @param outputHighWater output accepted but not yet in the kernel above which fetching stops
 *     (Vert.x's write queue counts messages, not bytes); it resumes below {@code outputLowWater}
 * @param authenticationTimeout from accept to the end of login (TLS handshake, startup packet,
 *     password, session admission); a connection still logging in then is closed. Null: no limit
 * @param idleInTransactionTimeout a connection inside a transaction that sends nothing for this
 *     long is closed (FATAL 25P03); null: no limit
 * @param keepAliveIdle TCP keepalive: silence before the first probe; null turns keepalive off
 * @param keepAliveInterval TCP keepalive: time between unanswered probes
 * @param keepAliveCount TCP keepalive: unanswered probes after which the kernel drops the peer
 * @param eventLoops listeners sharing the port, each on its own Vert.x event loop, among which
 *     accepted connections are dealt in turn; 0 for one per processor
 */
public record PgServerConfig(
    String host,
    int port,
    Path tlsCertPath,
    Path tlsKeyPath,
    Path selfSignedDir,
    boolean allowPlaintext,
    int maxMessageSize,
    int socketSendBufferSize,
    Duration maxConnectionAge,
    int fetchBatchRows,
    int inputPauseBytes,
    int outputHighWater,
    int outputLowWater,
    Duration authenticationTimeout,
    Duration idleInTransactionTimeout,
    Duration keepAliveIdle,
    Duration keepAliveInterval,
    int keepAliveCount,
    int eventLoops) {

  public PgServerConfig {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("opendsql.pgwire.host must be set");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("opendsql.pgwire.port must be 0..65535");
    if ((tlsCertPath == null) != (tlsKeyPath == null)) {
      throw new IllegalArgumentException("opendsql.pgwire.tls.cert-file and key-file go together");
    }
    if (selfSignedDir == null) throw new IllegalArgumentException("opendsql.pgwire.tls.self-signed-dir must be set");
    if (maxMessageSize < 1024) throw new IllegalArgumentException("opendsql.pgwire.max-message-size must be at least 1 KiB");
    if (socketSendBufferSize < 0) throw new IllegalArgumentException("opendsql.pgwire.socket-send-buffer must be >= 0");
    if (maxConnectionAge != null && (maxConnectionAge.isNegative() || maxConnectionAge.isZero())) {
      maxConnectionAge = null;
    }
    if (fetchBatchRows < 1) throw new IllegalArgumentException("opendsql.pgwire.fetch-batch-rows must be at least 1");
    if (inputPauseBytes < 1) throw new IllegalArgumentException("opendsql.pgwire.input-pause must be positive");
    if (outputLowWater < 1 || outputHighWater < outputLowWater) {
      throw new IllegalArgumentException("opendsql.pgwire.output-low-water must be positive and at most output-high-water");
    }
    authenticationTimeout = positiveOrNull(authenticationTimeout);
    idleInTransactionTimeout = positiveOrNull(idleInTransactionTimeout);
    keepAliveIdle = positiveOrNull(keepAliveIdle);
    if (keepAliveIdle != null) {
      // The kernel takes whole seconds.
      if (keepAliveIdle.toSeconds() < 1 || keepAliveInterval == null || keepAliveInterval.toSeconds() < 1) {
        throw new IllegalArgumentException("opendsql.pgwire.tcp-keepalive.idle and interval must be at least 1s");
      }
      if (keepAliveCount < 1) throw new IllegalArgumentException("opendsql.pgwire.tcp-keepalive.count must be at least 1");
    }
    if (eventLoops < 0) throw new IllegalArgumentException("opendsql.pgwire.event-loops must be >= 0");
    if (eventLoops == 0) eventLoops = Runtime.getRuntime().availableProcessors();
  }

  /** From the {@code opendsql.pgwire} section of {@code config} (the whole tree). */
  public PgServerConfig(Config config) {
    this(config.getString("opendsql.pgwire.host"),
        config.getInt("opendsql.pgwire.port"),
        path(config, "opendsql.pgwire.tls.cert-file"),
        path(config, "opendsql.pgwire.tls.key-file"),
        path(config, "opendsql.pgwire.tls.self-signed-dir"),
        config.getBoolean("opendsql.pgwire.allow-plaintext"),
        Math.toIntExact(config.getBytes("opendsql.pgwire.max-message-size")),
        Math.toIntExact(config.getBytes("opendsql.pgwire.socket-send-buffer")),
        config.getDuration("opendsql.pgwire.max-connection-age"),
        config.getInt("opendsql.pgwire.fetch-batch-rows"),
        Math.toIntExact(config.getBytes("opendsql.pgwire.input-pause")),
        Math.toIntExact(config.getBytes("opendsql.pgwire.output-high-water")),
        Math.toIntExact(config.getBytes("opendsql.pgwire.output-low-water")),
        config.getDuration("opendsql.pgwire.authentication-timeout"),
        config.getDuration("opendsql.pgwire.idle-in-transaction-timeout"),
        config.getDuration("opendsql.pgwire.tcp-keepalive.idle"),
        config.getDuration("opendsql.pgwire.tcp-keepalive.interval"),
        config.getInt("opendsql.pgwire.tcp-keepalive.count"),
        config.getInt("opendsql.pgwire.event-loops"));
  }

  private static Duration positiveOrNull(Duration d) {
    return d == null || d.isNegative() || d.isZero() ? null : d;
  }

  private static Path path(Config config, String key) {
    String s = config.getString(key);
    return s.isBlank() ? null : Path.of(s);
  }
}
