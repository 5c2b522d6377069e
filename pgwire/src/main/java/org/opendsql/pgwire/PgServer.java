package org.opendsql.pgwire;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.internal.net.NetSocketInternal;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.opendsql.core.session.Authenticator;
import org.opendsql.core.session.SessionFactory;
import org.opendsql.pgwire.tls.SelfSignedCertificate;

/**
 * A PostgreSQL v3 protocol server. TLS is negotiated per connection (SSLRequest, then an
 * in-place upgrade), so the listener is plain TCP carrying the TLS identity for upgrades.
 *
 * <pre>{@code
 * PgServer server = new PgServer(vertx, new PgServerConfig(ConfigFactory.load()), auth, sessions);
 * int port = server.start().toCompletionStage().toCompletableFuture().join();
 * ...
 * server.close();
 * }</pre>
 */
public final class PgServer {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
  private final Vertx vertx;
  private final PgServerConfig config;
  private final Authenticator authenticator;
  private final SessionFactory sessionFactory;
  private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
  private final AtomicInteger nextProcessId = new AtomicInteger(1000);
  /** Sockets accepted and not yet cleaned up, whatever their phase (logged in or not). */
  private final AtomicInteger openConnections = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  /** The listeners, all on one port; the first one bound it. */
  private final java.util.List<NetServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String deployment;
  private volatile boolean draining;
  /** The TLS identity, for the in-place upgrade after an SSLRequest. */
  private volatile io.netty.handler.ssl.SslContext tls;
  private javax.net.ssl.SSLContext serverTls;

  public PgServer(Vertx vertx, PgServerConfig config, Authenticator authenticator,
                  SessionFactory sessionFactory) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
  }

  /**
   * Binds the listeners; completes with the bound port. Vert.x shares one bound socket among the
   * servers of one host and port and deals accepted connections among their event loops in turn;
   * each connection stays on the loop that accepted it. Port 0 is asked for as -1, Vert.x's way of
   * letting several servers share one free port (with 0 each would get its own).
   */
  public Future<Integer> start() {
    // Key generation and file I/O must stay off the event loop.
    return vertx.executeBlocking(this::sslContext).compose(ctx -> {
      tls = new io.netty.handler.ssl.JdkSslContext(ctx, false, io.netty.handler.ssl.ClientAuth.NONE);
      NetServerOptions options = new NetServerOptions()
          .setHost(config.host())
          .setPort(config.port() == 0 ? -1 : config.port())
          .setTcpNoDelay(true)
          .setSsl(false);
      if (config.socketSendBufferSize() > 0) options.setSendBufferSize(config.socketSendBufferSize());
      if (config.keepAliveIdle() != null) options.setTcpKeepAlive(true);
      return vertx.deployVerticle(() -> new Listener(options), new DeploymentOptions().setInstances(config.eventLoops()))
          .map(id -> {
            deployment = id;
            return servers.get(0).actualPort();
          });
    });
  }

  /** One listener: the connections it accepts run on its event loop. */
  private final class Listener extends VerticleBase {
    private final NetServerOptions options;

    Listener(NetServerOptions options) {
      this.options = options;
    }

    @Override
    public Future<?> start() {
      NetServer s = vertx.createNetServer(options).connectHandler(PgServer.this::accept);
      servers.add(s);
      return s.listen();
    }
  }

  /** The bound port, once {@link #start()} completed. */
  public int port() {
    if (servers.isEmpty()) throw new IllegalStateException("not started");
    return servers.get(0).actualPort();
  }

  /**
   * The node is leaving: no new session is admitted (57P03), idle connections end now and the
   * others once their transaction has (57P01). Completes when every connection has ended or
   * {@code grace} has passed, whichever comes first; {@link #close} then ends what is left.
   */
  public Future<Void> drain(java.time.Duration grace) {
    draining = true;
    connections.values().forEach(PgConnection::leaveAfterTransaction);
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    long deadline = System.nanoTime() + grace.toNanos();
    vertx.setPeriodic(20, id -> {
      if (connections.isEmpty() || System.nanoTime() - deadline > 0) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
    });
    return done.future();
  }

  boolean draining() {
    return draining;
  }

  /** Stops listening and closes every connection (each closes its session). */
  public Future<Void> close() {
    connections.values().forEach(PgConnection::closeFromServer);
    // Undeploying the listeners closes their servers.
    String d = deployment;
    return d == null ? Future.succeededFuture() : vertx.undeploy(d);
  }

  /**
   * A server SSL context with this endpoint's TLS identity: the listeners' in-place upgrades use it,
   * and so does the node's other TLS endpoint (the control plane). Made once, warmed up: the first
   * TLS upgrade would otherwise pay for loading the JDK's TLS providers and parsing the key,
   * seconds on a loaded machine, on the event loop that owns the socket, and every connection of
   * that loop would stall behind it. Key generation and file I/O: call it off the event loop.
   */
  public synchronized javax.net.ssl.SSLContext sslContext() {
    if (serverTls != null) return serverTls;
    Path cert = config.tlsCertPath();
    Path key = config.tlsKeyPath();
    if (cert == null) {
      SelfSignedCertificate.PemPaths p = SelfSignedCertificate.ensure(config.selfSignedDir());
      cert = p.certPath();
      key = p.keyPath();
    }
    PemKeyCertOptions pem = new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
    try {
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(pem.getKeyManagerFactory(vertx).getKeyManagers(), null, null);
      javax.net.ssl.SSLEngine engine = ctx.createSSLEngine();
      engine.setUseClientMode(false);
      engine.beginHandshake();
      serverTls = ctx;
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("TLS identity unusable: " + e.getMessage(), e);
    }
  }

  /**
   * Sockets accepted and not yet closed and cleaned up, logged in or not: what a test watches to
   * prove that no hostile client leaves a connection (and its session) behind.
   */
  public int openConnections() {
    return openConnections.get();
  }

  /** Connections past login, each holding a session. */
  public int openSessions() {
    return connections.size();
  }

  private void accept(NetSocket socket) {
    int pid = nextProcessId.getAndIncrement();
    openConnections.incrementAndGet();
    if (config.keepAliveIdle() != null) tuneKeepAlive(socket);
    new PgConnection(this, socket, pid, random.nextInt()).start();
  }

  PgServerConfig config() {
    return config;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  SessionFactory sessionFactory() {
    return sessionFactory;
  }

  io.netty.handler.ssl.SslContext tls() {
    return tls;
  }

  /**
   * The kernel's keepalive defaults (2 hours of silence before the first probe) would keep a
   * vanished peer's session for hours; Vert.x exposes only SO_KEEPALIVE, so the timings are set
   * on the Netty channel. Where the transport cannot take them (not NIO, not Linux/macOS) the
   * kernel's defaults remain.
   */
  private void tuneKeepAlive(NetSocket socket) {
    try {
      Channel ch = ((NetSocketInternal) socket).channelHandlerContext().channel();
      boolean ok = ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE),
              (int) config.keepAliveIdle().toSeconds())
          & ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL),
              (int) config.keepAliveInterval().toSeconds())
          & ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), config.keepAliveCount());
      if (!ok) LOG.debug("TCP keepalive timings not supported by this transport; kernel defaults apply");
    } catch (RuntimeException e) {
      LOG.debug("TCP keepalive timings not set: {}", e.toString());
    }
  }

  /** For tests: a keepalive timing of the server side of a logged-in connection, or null. */
  Integer keepAliveIdleSecondsOf(int processId) {
    PgConnection c = connections.get(processId);
    if (c == null) return null;
    Channel ch = ((NetSocketInternal) c.socket()).channelHandlerContext().channel();
    return ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE));
  }

  /** For tests: how many event loops serve the logged-in connections. */
  long eventLoopsServing() {
    return connections.values().stream().map(PgConnection::context).distinct().count();
  }

  void connectionGone() {
    openConnections.decrementAndGet();
  }

  void register(PgConnection c) {
    connections.put(c.processId(), c);
  }

  void unregister(PgConnection c) {
    connections.remove(c.processId(), c);
  }

  /** CancelRequest: a wrong secret is ignored silently, as PostgreSQL does. */
  void cancel(int processId, int secretKey) {
    PgConnection c = connections.get(processId);
    if (c != null && c.secretKey() == secretKey) c.cancelRunning();
  }
}
