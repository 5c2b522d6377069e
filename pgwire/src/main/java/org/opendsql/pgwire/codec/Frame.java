package org.opendsql.pgwire.codec;

import io.vertx.core.buffer.Buffer;

/**
 * One complete message as framed on the wire. {@code type} is {@link #UNTYPED} for the
 * startup-phase messages (SSLRequest, StartupMessage, CancelRequest), which carry no type byte.
 * {@code body} excludes the type byte and the length word.
 */
public record Frame(char type, Buffer body) {
  public static final char UNTYPED = 0;
}
