package org.opendsql.pgwire;

import java.nio.file.Path;

/**
 * How the PostgreSQL server listens.
 *
 * @param host address to bind (default 127.0.0.1)
 * @param port port to bind; 0 picks a free one (see {@link PgServer#port()})
 * @param tlsCertPath PEM certificate chain; with {@code tlsKeyPath}, the server's TLS identity
 * @param tlsKeyPath PEM private key (PKCS#8 or PKCS#1)
 * @param selfSignedDir used when no cert/key is configured: a self-signed pair is created there at
 *     first start and reused afterwards (default: {@code opendsql-tls} under java.io.tmpdir)
 * @param allowPlaintext development only: accept StartupMessages on unencrypted sockets
 * @param maxMessageSize largest client message accepted, in bytes; larger is a FATAL 08P01
 * @param socketSendBufferSize SO_SNDBUF for client sockets, 0 for the OS default
 * @param maxConnectionAge a connection older than this is closed (FATAL 57P01) as soon as it is
 *     outside a transaction; null for no limit
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
    java.time.Duration maxConnectionAge) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

  public PgServerConfig {
    if (host == null) host = "127.0.0.1";
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
    if ((tlsCertPath == null) != (tlsKeyPath == null)) {
      throw new IllegalArgumentException("tlsCertPath and tlsKeyPath go together");
    }
    if (maxMessageSize <= 0) maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    if (socketSendBufferSize < 0) throw new IllegalArgumentException("socketSendBufferSize");
  }

  /** 127.0.0.1, random port, self-signed TLS under the temp directory, TLS required. */
  public static PgServerConfig defaults() {
    return new PgServerConfig(null, 0, null, null, null, false, 0, 0, null);
  }

  public PgServerConfig withHost(String h) {
    return new PgServerConfig(h, port, tlsCertPath, tlsKeyPath, selfSignedDir, allowPlaintext,
        maxMessageSize, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withPort(int p) {
    return new PgServerConfig(host, p, tlsCertPath, tlsKeyPath, selfSignedDir, allowPlaintext,
        maxMessageSize, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withTls(Path cert, Path key) {
    return new PgServerConfig(host, port, cert, key, selfSignedDir, allowPlaintext,
        maxMessageSize, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withSelfSignedDir(Path dir) {
    return new PgServerConfig(host, port, tlsCertPath, tlsKeyPath, dir, allowPlaintext,
        maxMessageSize, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withAllowPlaintext(boolean allow) {
    return new PgServerConfig(host, port, tlsCertPath, tlsKeyPath, selfSignedDir, allow,
        maxMessageSize, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withMaxMessageSize(int max) {
    return new PgServerConfig(host, port, tlsCertPath, tlsKeyPath, selfSignedDir, allowPlaintext,
        max, socketSendBufferSize, maxConnectionAge);
  }

  public PgServerConfig withSocketSendBufferSize(int size) {
    return new PgServerConfig(host, port, tlsCertPath, tlsKeyPath, selfSignedDir, allowPlaintext,
        maxMessageSize, size, maxConnectionAge);
  }

  public PgServerConfig withMaxConnectionAge(java.time.Duration age) {
    return new PgServerConfig(host, port, tlsCertPath, tlsKeyPath, selfSignedDir, allowPlaintext,
        maxMessageSize, socketSendBufferSize, age);
  }
}
