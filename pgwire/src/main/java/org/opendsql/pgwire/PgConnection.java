package org.opendsql.pgwire;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;
import org.opendsql.core.session.QuerySession;
import org.opendsql.core.session.RowBatch;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.TimeZones;
import org.opendsql.pgwire.codec.BackendEncoder;
import org.opendsql.pgwire.codec.Frame;
import org.opendsql.pgwire.codec.FrameDecoder;
import org.opendsql.pgwire.codec.FrontendDecoder;
import org.opendsql.pgwire.codec.FrontendMessage;
import org.opendsql.pgwire.codec.FrontendMessage.*;
import org.opendsql.pgwire.codec.StatementSplitter;
import org.opendsql.pgwire.codec.ValueCodec;

/**
 * One client connection: the protocol state machine between a socket and a {@link QuerySession}.
 * Everything here runs on the connection's Vert.x context; a message whose handling waits on the
 * session pauses the socket until it is done, which is what keeps pipelined messages in order.
 */
final class PgConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);

  private enum Phase { STARTUP, AUTHENTICATING, READY, CLOSED }

  private final PgServer server;
  private final NetSocket socket;
  private final Context context;
  private final FrameDecoder decoder;
  private final int processId;
  private final int secretKey;
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();

  /**
   * Rows of a result go out once this much is buffered (PostgreSQL's send buffer), or with the
   * message that ends the answer: a small result costs one send.
   */
  private static final int SEND_BUFFER_BYTES = 8192;

  private Phase phase = Phase.STARTUP;
  private boolean busy;
  private boolean readPaused;
  /** Bytes handed to the socket whose write has not completed yet. */
  private long bytesInFlight;
  private Runnable writableWaiter;
  /** The cursor being streamed, so a connection lost mid-result can still close it. */
  private Cursor activeCursor;
  private boolean skipUntilSync;
  /** The session's TimeZone, followed through its ParameterStatus reports. */
  private ZoneId zone = ZoneOffset.UTC;
  private boolean tls;
  private String user;
  private String database;
  private Map<String, String> startupParams = Map.of();
  private QuerySession session;
  private Buffer out = Buffer.buffer();

  PgConnection(PgServer server, NetSocket socket, int processId, int secretKey) {
    this.server = server;
    this.socket = socket;
    // Built inside the connect handler, so this is the event-loop context owning the socket.
    this.context = Vertx.currentContext();
    this.decoder = new FrameDecoder(server.config().maxMessageSize());
    this.processId = processId;
    this.secretKey = secretKey;
  }

  int processId() {
    return processId;
  }

  int secretKey() {
    return secretKey;
  }

  Context context() {
    return context;
  }

  NetSocket socket() {
    return socket;
  }

  void start() {
    java.time.Duration maxAge = server.config().maxConnectionAge();
    if (maxAge != null) {
      ageTimer = context.owner().setTimer(Math.max(1, maxAge.toMillis()), id -> {
        ageTimer = -1;
        ageExceeded = true;
        if (!busy && phase == Phase.READY && session != null && session.transactionStatus() == 'I') {
          fatal(Errors.connectionAgeLimit(maxAge));
        }
      });
    }
    java.time.Duration authTimeout = server.config().authenticationTimeout();
    if (authTimeout != null) {
      authTimer = context.owner().setTimer(Math.max(1, authTimeout.toMillis()), id -> {
        authTimer = -1;
        onAuthenticationTimeout();
      });
    }
    socket.handler(this::onData);
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(t -> {
      LOG.debug("connection {}: {}", processId, t.toString());
      socket.close();
    });
  }

  /** CancelRequest from another socket: may arrive on any thread. */
  void cancelRunning() {
    context.runOnContext(v -> {
      if (session != null && phase == Phase.READY) session.cancel();
    });
  }

  /**
   * The node is leaving: an idle connection ends now, one in a transaction once that transaction
   * has (57P01 either way); one not yet serving ends now.
   */
  void leaveAfterTransaction() {
    context.runOnContext(v -> {
      if (phase == Phase.CLOSED) return;
      leaving = true;
      if (phase != Phase.READY || session == null || !busy && session.transactionStatus() == 'I') {
        fatal(Errors.adminShutdown());
      }
    });
  }

  void closeFromServer() {
    context.runOnContext(v -> {
      if (phase != Phase.CLOSED) {
        fatal(Errors.adminShutdown());
      }
    });
  }

  /**
   * Before the startup packet is complete the socket closes without a word, as PostgreSQL's does:
   * the client may be mid-TLS-handshake or mid-packet, where an ErrorResponse would be garbage to
   * it. After it, the client is waiting for our messages and can read why.
   */
  private void onAuthenticationTimeout() {
    if (phase == Phase.READY || phase == Phase.CLOSED) return;
    if (decoder.inStartupPhase()) {
      LOG.debug("connection {}: no startup packet within the authentication timeout", processId);
      phase = Phase.CLOSED;
      socket.close();
      cleanup();
    } else {
      fatal(Errors.authenticationTimeout());
    }
  }

  // ---------------------------------------------------------------- input loop

  private void onData(Buffer data) {
    if (phase == Phase.CLOSED) return;
    decoder.feed(data);
    if (busy) {
      // Messages wait their turn; reading stops only once enough of them have queued up, so a
      // client that hangs up mid-statement is still noticed.
      if (!readPaused && decoder.buffered() > server.config().inputPauseBytes()) {
        readPaused = true;
        socket.pause();
      }
      return;
    }
    drain();
  }

  private void drain() {
    while (!busy && phase != Phase.CLOSED) {
      Frame frame;
      try {
        frame = decoder.next();
      } catch (Throwable t) {
        // The framing is lost (bad length or type): nothing after this can be trusted.
        fatal(DbException.of(t).asFatal());
        return;
      }
      if (frame == null) break;
      // Only a whole message counts as activity, as in PostgreSQL: dribbling one does not.
      cancelIdleTimer();
      if (phase == Phase.READY && skipUntilSync && frame.type() != 'S' && frame.type() != 'X') {
        // Skipped unread, as PostgreSQL does: a malformed message is no worse than a good one here.
        continue;
      }
      FrontendMessage msg;
      Future<Void> done;
      try {
        msg = FrontendDecoder.decode(frame);
      } catch (Throwable t) {
        // A whole frame with bad content: before login that ends the connection; after it,
        // PostgreSQL answers ERROR and the frame boundaries still hold, so the session goes on.
        if (phase != Phase.READY) {
          fatal(DbException.of(t).asFatal());
          return;
        }
        onFailure(frame.type() == 'Q' || frame.type() == 'F', t);
        continue;
      }
      try {
        done = handle(msg);
      } catch (Throwable t) {
        done = Future.failedFuture(t);
      }
      if (done.isComplete()) {
        if (done.failed()) onFailure(msg, done.cause());
      } else {
        // What is written so far waits for the rest of the answer, as in PostgreSQL, which sends
        // at Sync, Flush or a full buffer: a BindComplete sent alone costs a send, a TLS record and
        // a wake-up of the client per statement that waits.
        busy = true;
        done.onComplete(ar -> {
          busy = false;
          if (ar.failed()) onFailure(msg, ar.cause());
          if (phase == Phase.CLOSED) return;
          if (readPaused) {
            readPaused = false;
            socket.resume();
          }
          drain();
        });
        return;
      }
    }
    flush();
  }

  private void onFailure(FrontendMessage msg, Throwable t) {
    onFailure(msg instanceof Query, t);
  }

  /** {@code simple}: a simple-protocol message, whose error ends with ReadyForQuery. */
  private void onFailure(boolean simple, Throwable t) {
    if (phase == Phase.CLOSED) return;
    DbException e = DbException.of(t);
    if (e.state() == SqlState.INTERNAL_ERROR) {
      LOG.warn("connection {}: internal error", processId, t);
    }
    if (phase != Phase.READY || e.severity() == DbException.Severity.FATAL) {
      fatal(e.asFatal());
    } else if (simple) {
      BackendEncoder.errorResponse(out, e);
      readyForQuery();
    } else {
      BackendEncoder.errorResponse(out, e);
      skipUntilSync = true;
    }
  }

  private Future<Void> handle(FrontendMessage msg) {
    switch (phase) {
      case STARTUP:
        return handleStartupPhase(msg);
      case AUTHENTICATING:
        if (msg instanceof Password p) return authenticate(p.password());
        throw Errors.expectedPasswordResponse(describe(msg));
      case READY:
        return handleReady(msg);
      default:
        return Future.succeededFuture();
    }
  }

  // ---------------------------------------------------------------- startup and authentication

  /**
   * Writes 'S' and installs the TLS handler once it is written, before the client's hello can
   * arrive (the client waits for the 'S'). Done on the Netty channel rather than with Vert.x's
   * upgradeToSsl, which fails on every listener but the first when several share a port.
   */
  private void upgradeToTls() {
    io.netty.channel.ChannelHandlerContext chctx = ((NetSocketInternal) socket).channelHandlerContext();
    chctx.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {'S'})).addListener(written -> {
      if (!written.isSuccess()) {
        socket.close();
        return;
      }
      io.netty.handler.ssl.SslHandler ssl = server.tls().newHandler(chctx.alloc());
      chctx.pipeline().addFirst("ssl", ssl);
      ssl.handshakeFuture().addListener(handshake -> {
        if (!handshake.isSuccess()) {
          LOG.debug("connection {}: TLS handshake failed: {}", processId, handshake.cause().toString());
          socket.close();
        }
      });
    });
  }

  private Future<Void> handleStartupPhase(FrontendMessage msg) {
    if (msg instanceof SslRequest) {
      if (tls) throw Errors.sslAlreadyNegotiated();
      if (decoder.buffered() > 0) throw Errors.unencryptedDataAfterSslRequest();
      flush();
      tls = true;
      upgradeToTls();
      return Future.succeededFuture();
    }
    if (msg instanceof GssEncRequest) {
      // A second request would be answered the same forever; PostgreSQL refuses it as an
      // unknown protocol version, and so do we.
      if (gssDone) throw Errors.unsupportedProtocolVersion(FrontendDecoder.GSSENC_REQUEST_CODE >>> 16,
          FrontendDecoder.GSSENC_REQUEST_CODE & 0xFFFF);
      gssDone = true;
      out.appendByte((byte) 'N');
      return Future.succeededFuture();
    }
    if (msg instanceof CancelRequest c) {
      server.cancel(c.processId(), c.secretKey());
      phase = Phase.CLOSED;
      socket.close();
      return Future.succeededFuture();
    }
    if (msg instanceof Startup s) {
      if (!tls && !server.config().allowPlaintext()) throw Errors.sslRequired();
      user = s.params().get("user");
      if (user == null || user.isEmpty()) {
        throw Errors.noUserName();
      }
      database = s.params().getOrDefault("database", user);
      // _pq_.* names are protocol options, not session settings; this server knows none.
      Map<String, String> params = new java.util.LinkedHashMap<>(s.params());
      List<String> unknownOptions = new java.util.ArrayList<>();
      params.keySet().removeIf(k -> k.startsWith("_pq_.") && unknownOptions.add(k));
      startupParams = Map.copyOf(params);
      decoder.expectPassword();
      phase = Phase.AUTHENTICATING;
      if ((s.protocolVersion() & 0xFFFF) != 0 || !unknownOptions.isEmpty()) {
        BackendEncoder.negotiateProtocolVersion(out, FrontendDecoder.PROTOCOL_V3, unknownOptions);
      }
      BackendEncoder.authCleartextPassword(out);
      return Future.succeededFuture();
    }
    throw Errors.invalidStartupPacket();
  }

  private Future<Void> authenticate(String password) {
    // A node that is leaving takes no new session.
    if (server.draining()) throw Errors.shuttingDown();
    // A failure here ends the connection before any session exists: the factory is never asked.
    server.authenticator().authenticate(user, password);
    String identity = server.authenticator().identity(password);
    return onContext(() -> server.sessionFactory().open(user, database, startupParams)
            .thenCompose(s -> s.admit(identity).handle((v, err) -> {
              if (err == null) return s;
              s.close();
              throw err instanceof java.util.concurrent.CompletionException ce ? ce : new java.util.concurrent.CompletionException(err);
            })))
        .map(s -> {
          if (phase == Phase.CLOSED) {
            s.close();
            return null;
          }
          session = s;
          phase = Phase.READY;
          decoder.authenticated();
          if (authTimer >= 0) {
            context.owner().cancelTimer(authTimer);
            authTimer = -1;
          }
          server.register(this);
          BackendEncoder.authOk(out);
          String appName = startupParams.getOrDefault("application_name", "");
          String[][] params = {
              {"server_version", "15.0"},
              {"server_encoding", "UTF8"},
              {"client_encoding", "UTF8"},
              {"DateStyle", "ISO, MDY"},
              {"TimeZone", "UTC"},
              {"integer_datetimes", "on"},
              {"standard_conforming_strings", "on"},
              {"IntervalStyle", "postgres"},
              {"application_name", appName},
              {"is_superuser", "off"},
              {"session_authorization", user}};
          for (String[] p : params) BackendEncoder.parameterStatus(out, p[0], p[1]);
          reportParameterChanges();
          BackendEncoder.backendKeyData(out, processId, secretKey);
          readyForQuery();
          return null;
        });
  }

  // ---------------------------------------------------------------- ready: dispatch

  private Future<Void> handleReady(FrontendMessage msg) {
    if (msg instanceof Terminate) {
      flush();
      phase = Phase.CLOSED;
      socket.close();
      cleanup();
      return Future.succeededFuture();
    }
    if (skipUntilSync && !(msg instanceof Sync)) return Future.succeededFuture();
    if (msg instanceof Query q) return simpleQuery(q.sql());
    if (msg instanceof Parse p) return parse(p);
    if (msg instanceof Bind b) return bind(b);
    if (msg instanceof Describe d) return describe(d);
    if (msg instanceof Execute e) return execute(e);
    if (msg instanceof Close c) return close(c);
    if (msg instanceof Sync) {
      // An error since the last Sync rolls back the implicit transaction; otherwise it commits here.
      boolean commit = !skipUntilSync;
      skipUntilSync = false;
      return onContext(() -> session.sync(commit)).transform(ar -> {
        if (ar.failed()) BackendEncoder.errorResponse(out, DbException.of(ar.cause()));
        readyForQuery();
        return Future.succeededFuture();
      });
    }
    if (msg instanceof Flush) {
      flush();
      return Future.succeededFuture();
    }
    if (msg instanceof CopyData || msg instanceof CopyDone || msg instanceof CopyFail) {
      // No COPY is ever in progress here: these are the tail of one the client thinks failed.
      return Future.succeededFuture();
    }
    if (msg instanceof Password) {
      throw Errors.invalidMessageType(Integer.toString('p'));
    }
    if (msg instanceof FunctionCall) {
      // A simple-protocol message: its error ends with ReadyForQuery, the connection survives.
      BackendEncoder.errorResponse(out, Errors.unsupported("the function call protocol message"));
      readyForQuery();
      return Future.succeededFuture();
    }
    throw Errors.invalidMessageType(describe(msg));
  }

  // ---------------------------------------------------------------- simple query

  private Future<Void> simpleQuery(String sql) {
    dropPortal("");
    statements.remove("");
    List<String> parts = StatementSplitter.split(sql);
    if (parts.isEmpty()) {
      BackendEncoder.emptyQueryResponse(out);
      readyForQuery();
      return Future.succeededFuture();
    }
    Promise<Void> all = Promise.promise();
    runSimple(parts.iterator(), all);
    return all.future()
        .recover(err -> onContext(() -> session.sync(false)).transform(ar -> Future.failedFuture(err)))
        .map(v -> {
          readyForQuery();
          return null;
        });
  }

  /**
   * Runs a simple Query's statements one after another. A loop, not a chain of futures: the
   * statements of one message may number thousands, and a chain completes through one stack frame
   * per statement.
   */
  private void runSimple(Iterator<String> it, Promise<Void> all) {
    while (it.hasNext()) {
      String sql = it.next();
      Future<Void> one = runSimpleStatement(sql, !it.hasNext());
      if (!one.isComplete()) {
        one.onComplete(ar -> {
          if (ar.failed()) all.fail(ar.cause());
          else runSimple(it, all);
        });
        return;
      }
      if (one.failed()) {
        all.fail(one.cause());
        return;
      }
    }
    all.tryComplete();
  }

  /** The last statement commits the implicit transaction before its CommandComplete, as PostgreSQL does. */
  private Future<Void> runSimpleStatement(String sql, boolean last) {
    return onContext(() -> session.prepare(sql, new int[0])).compose(prepared -> {
      if (prepared.sql().isBlank()) {
        BackendEncoder.emptyQueryResponse(out);
        return last ? onContext(() -> session.sync(true)) : Future.succeededFuture();
      }
      return onContext(() -> session.execute(prepared, new Object[0])).compose(cursor -> {
        List<ColumnDesc> cols = cursor.columns();
        if (!cols.isEmpty()) BackendEncoder.rowDescription(out, cols, null);
        return new RowPump(cursor, cols, null, 0).run()
            .andThen(ar -> cursor.close())
            .compose(tag -> (last ? onContext(() -> session.sync(true)) : Future.<Void>succeededFuture())
                .map(v -> {
                  BackendEncoder.commandComplete(out, tag);
                  reportParameterChanges();
                  return null;
                }));
      });
    });
  }

  // ---------------------------------------------------------------- extended query

  private Future<Void> parse(Parse p) {
    String name = p.statement();
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw Errors.duplicatePreparedStatement(name);
    }
    if (StatementSplitter.split(p.sql()).size() > 1) {
      throw Errors.multipleCommandsInPreparedStatement();
    }
    if (name.isEmpty()) statements.remove("");
    return onContext(() -> session.prepare(p.sql(), p.paramOids())).map(prepared -> {
      statements.put(name, prepared);
      BackendEncoder.parseComplete(out);
      return null;
    });
  }

  private Future<Void> bind(Bind b) {
    Prepared stmt = statement(b.statement());
    String portalName = b.portal();
    if (!portalName.isEmpty() && portals.containsKey(portalName)) {
      throw Errors.duplicatePortal(portalName);
    }
    List<PgType> types = stmt.paramTypes();
    byte[][] values = b.values();
    if (values.length != types.size()) {
      throw Errors.bindParameterCountMismatch(values.length, b.statement(), types.size());
    }
    short[] paramFormats = expandFormats(b.paramFormats(), values.length, "parameter");
    Object[] params = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) params[i] = ValueCodec.decode(types.get(i), values[i], paramFormats[i], zone);
    }
    short[] resultFormats = expandFormats(b.resultFormats(), stmt.columns().size(), "result");
    dropPortal(portalName);
    portals.put(portalName, new Portal(stmt, params, resultFormats));
    BackendEncoder.bindComplete(out);
    return Future.succeededFuture();
  }

  private static short[] expandFormats(short[] given, int n, String what) {
    short[] f = new short[n];
    if (given.length == 1) {
      java.util.Arrays.fill(f, given[0]);
    } else if (given.length == n) {
      System.arraycopy(given, 0, f, 0, n);
    } else if (given.length != 0) {
      throw Errors.bindFormatCountMismatch(given.length, what, n);
    }
    return f;
  }

  private Future<Void> describe(Describe d) {
    if (d.kind() == 'S') {
      Prepared stmt = statement(d.name());
      BackendEncoder.parameterDescription(out, stmt.paramTypes());
      describeColumns(stmt.columns(), null);
    } else {
      Portal p = portal(d.name());
      describeColumns(p.statement.columns(), p.resultFormats);
    }
    return Future.succeededFuture();
  }

  private void describeColumns(List<ColumnDesc> cols, short[] formats) {
    if (cols.isEmpty()) {
      BackendEncoder.noData(out);
    } else {
      BackendEncoder.rowDescription(out, cols, formats);
    }
  }

  private Future<Void> execute(Execute e) {
    Portal p = portal(e.portal());
    if (p.statement.sql().isBlank()) {
      BackendEncoder.emptyQueryResponse(out);
      return Future.succeededFuture();
    }
    if (p.completedTag != null) {
      BackendEncoder.commandComplete(out, p.completedTag);
      return Future.succeededFuture();
    }
    Future<Cursor> cursor = p.cursor != null ? Future.succeededFuture(p.cursor)
        : onContext(() -> session.execute(p.statement, p.params)).map(c -> {
          if (portals.get(e.portal()) != p || phase == Phase.CLOSED) {
            c.close(); // the connection went away while the statement started
            throw Errors.internal("portal closed while starting");
          }
          p.cursor = c;
          return c;
        });
    return cursor.compose(c -> new RowPump(c, p.statement.columns(), p.resultFormats, e.maxRows())
        .run()
        .transform(ar -> {
          if (ar.failed()) {
            p.close();
            return Future.failedFuture(ar.cause());
          }
          String tag = ar.result();
          if (tag == null) {
            BackendEncoder.portalSuspended(out);
          } else {
            p.close();
            p.completedTag = tag;
            BackendEncoder.commandComplete(out, tag);
            reportParameterChanges();
          }
          return Future.succeededFuture();
        }));
  }

  private Future<Void> close(Close c) {
    if (c.kind() == 'S') {
      statements.remove(c.name());
    } else {
      dropPortal(c.name());
    }
    BackendEncoder.closeComplete(out);
    return Future.succeededFuture();
  }

  private Prepared statement(String name) {
    Prepared p = statements.get(name);
    if (p == null) {
      throw Errors.undefinedPreparedStatement(name);
    }
    return p;
  }

  private Portal portal(String name) {
    Portal p = portals.get(name);
    if (p == null) {
      throw Errors.undefinedPortal(name);
    }
    return p;
  }

  private void dropPortal(String name) {
    Portal p = portals.remove(name);
    if (p != null) p.close();
  }

  // ---------------------------------------------------------------- row streaming

  /**
   * Moves rows from a cursor to the socket one batch at a time, fetching the next batch only
   * once the socket can take more. Completes with the command tag, or null when suspended at
   * the max-rows limit.
   */
  private final class RowPump {
    private final Cursor cursor;
    private final List<ColumnDesc> columns;
    private final short[] formats;
    private final boolean limited;
    private long remaining;
    private final Promise<String> result = Promise.promise();

    RowPump(Cursor cursor, List<ColumnDesc> columns, short[] formats, int maxRows) {
      this.cursor = cursor;
      this.columns = columns;
      this.formats = formats;
      this.limited = maxRows > 0;
      this.remaining = maxRows;
    }

    Future<String> run() {
      if (phase == Phase.CLOSED) {
        cursor.close(); // started after the connection was lost: cleanup() has already run
        return result.future();
      }
      activeCursor = cursor;
      result.future().onComplete(ar -> activeCursor = null);
      step();
      return result.future();
    }

    private void step() {
      if (phase == Phase.CLOSED) return; // cleanup() closes the cursor
      if (out.length() >= SEND_BUFFER_BYTES) flush();
      if (socket.writeQueueFull() || bytesInFlight > server.config().outputHighWater()) {
        awaitWritable(this::step);
        return;
      }
      int rows = server.config().fetchBatchRows();
      int n = limited ? (int) Math.min(rows, remaining) : rows;
      onContext(() -> cursor.fetch(n)).onComplete(ar -> {
        if (phase == Phase.CLOSED) return;
        if (ar.failed()) {
          result.fail(ar.cause());
          return;
        }
        RowBatch batch = ar.result();
        for (Object[] row : batch.rows()) BackendEncoder.dataRow(out, columns, row, formats, zone);
        remaining -= batch.rows().size();
        if (batch.done()) {
          result.complete(batch.commandTag());
        } else if (limited && remaining <= 0) {
          result.complete(null);
        } else {
          step();
        }
      });
    }
  }

  // ---------------------------------------------------------------- output and lifecycle

  private void readyForQuery() {
    char status = session == null ? 'I' : session.transactionStatus();
    if (status == 'I') {
      // Portals live only as long as their transaction; outside a block that ended with the Sync.
      portals.values().forEach(Portal::close);
      portals.clear();
    }
    BackendEncoder.readyForQuery(out, status);
    flush();
    if (status != 'I') startIdleTimer();
    if (leaving && status == 'I') {
      fatal(Errors.adminShutdown());
    } else if (ageExceeded && status == 'I') {
      // Past its maximum age: the connection ends once its transaction has.
      fatal(Errors.connectionAgeLimit(server.config().maxConnectionAge()));
    }
  }

  private void reportParameterChanges() {
    Map<String, String> changes = session.drainParameterChanges();
    if (changes == null) return;
    changes.forEach((k, v) -> {
      if (k.equals("TimeZone")) zone = TimeZones.parse(v).id();
      BackendEncoder.parameterStatus(out, k, v);
    });
  }

  private void flush() {
    if (out.length() == 0 || socketClosed) return;
    Buffer b = out;
    out = Buffer.buffer();
    int len = b.length();
    bytesInFlight += len;
    socket.write(b).onComplete(ar -> {
      bytesInFlight -= len;
      wakeWriter();
    });
  }

  private void awaitWritable(Runnable then) {
    writableWaiter = then;
    socket.drainHandler(v -> wakeWriter());
  }

  private void wakeWriter() {
    if (writableWaiter == null || phase == Phase.CLOSED) return;
    if (socket.writeQueueFull() || bytesInFlight > server.config().outputLowWater()) return;
    Runnable r = writableWaiter;
    writableWaiter = null;
    socket.drainHandler(null);
    r.run();
  }

  /** Sends a FATAL ErrorResponse and closes; the session, if any, is closed by cleanup. */
  private void fatal(DbException e) {
    if (phase == Phase.CLOSED) return;
    phase = Phase.CLOSED;
    BackendEncoder.errorResponse(out, e);
    Buffer b = out;
    out = Buffer.buffer();
    socket.end(b);
    cleanup();
  }

  /** Armed at each ReadyForQuery inside a transaction, disarmed by the next whole message. */
  private void startIdleTimer() {
    java.time.Duration limit = server.config().idleInTransactionTimeout();
    if (limit == null || phase == Phase.CLOSED) return;
    cancelIdleTimer();
    idleTimer = context.owner().setTimer(Math.max(1, limit.toMillis()), id -> {
      idleTimer = -1;
      if (!busy && phase == Phase.READY && session.transactionStatus() != 'I') {
        fatal(Errors.idleInTransactionTimeout());
      }
    });
  }

  private void cancelIdleTimer() {
    if (idleTimer >= 0) {
      context.owner().cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }

  private void onClosed() {
    socketClosed = true;
    phase = Phase.CLOSED;
    cleanup();
  }

  private boolean cleanedUp;
  private boolean ageExceeded;
  /** The node is leaving: the connection ends once it is outside a transaction. */
  private boolean leaving;
  private long ageTimer = -1;
  private long authTimer = -1;
  private long idleTimer = -1;
  private boolean gssDone;
  private boolean socketClosed;

  private void cleanup() {
    if (cleanedUp) return;
    cleanedUp = true;
    if (ageTimer >= 0) context.owner().cancelTimer(ageTimer);
    if (authTimer >= 0) context.owner().cancelTimer(authTimer);
    cancelIdleTimer();
    server.unregister(this);
    server.connectionGone();
    // A portal's cursor may be the one streaming: close each cursor once, whoever holds it.
    Cursor streaming = activeCursor;
    for (Portal p : portals.values()) {
      if (p.cursor == streaming) streaming = null;
      p.close();
    }
    portals.clear();
    if (streaming != null) streaming.close();
    statements.clear();
    if (session != null) {
      try {
        session.close();
      } catch (RuntimeException e) {
        LOG.warn("connection {}: session close failed", processId, e);
      }
    }
  }

  /** Runs a session call and completes the result on this connection's context. */
  private <T> Future<T> onContext(Supplier<CompletionStage<T>> call) {
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    }
    // Answered already, on this connection's own loop (a statement that needed no other thread):
    // no second trip through the loop's task queue.
    CompletableFuture<T> done = stage.toCompletableFuture();
    if (done.isDone() && Vertx.currentContext() == context) {
      try {
        return Future.succeededFuture(done.join());
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
        return Future.failedFuture(e.getCause() != null ? e.getCause() : e);
      }
    }
    Promise<T> p = Promise.promise();
    stage.whenComplete((v, t) -> context.runOnContext(x -> {
      if (t != null) {
        p.fail(t);
      } else {
        p.complete(v);
      }
    }));
    return p.future();
  }

  private static String describe(FrontendMessage m) {
    return m instanceof Unsupported u ? "'" + u.type() + "'" : m.getClass().getSimpleName();
  }
}
