package org.opendsql.pgwire.codec;

import java.util.Map;

/** Every message a client can send, decoded. Byte arrays are never shared with the input buffer. */
public sealed interface FrontendMessage {
  record SslRequest() implements FrontendMessage {}

  record GssEncRequest() implements FrontendMessage {}

  record Startup(int protocolVersion, Map<String, String> params) implements FrontendMessage {}

  record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

  record Password(String password) implements FrontendMessage {}

  record Query(String sql) implements FrontendMessage {}

  record Parse(String statement, String sql, int[] paramOids) implements FrontendMessage {}

  /** {@code values[i]} is null for SQL NULL. */
  record Bind(String portal, String statement, short[] paramFormats, byte[][] values,
              short[] resultFormats) implements FrontendMessage {}

  /** {@code kind} is 'S' (statement) or 'P' (portal). */
  record Describe(char kind, String name) implements FrontendMessage {}

  record Execute(String portal, int maxRows) implements FrontendMessage {}

  record Close(char kind, String name) implements FrontendMessage {}

  record Sync() implements FrontendMessage {}

  record Flush() implements FrontendMessage {}

  record Terminate() implements FrontendMessage {}

  /** Outside COPY these are ignored, as PostgreSQL does: they are a failed COPY's tail. */
  record CopyData(int length) implements FrontendMessage {}

  record CopyDone() implements FrontendMessage {}

  record CopyFail(String message) implements FrontendMessage {}

  /** The fastpath function call protocol, which this server refuses (0A000). */
  record FunctionCall(int functionOid) implements FrontendMessage {}

  /** A typed message this server does not implement. */
  record Unsupported(char type) implements FrontendMessage {}
}
