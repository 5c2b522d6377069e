package org.opendsql.qp.protocol;

/**
 * What a connection's session actor accepts. It never leaves the JVM, so it is not serializable.
 */
public final class SessionProtocol {
  private SessionProtocol() {}

  public sealed interface Command permits Stop {}

  /** The connection is gone: roll back and stop. */
  public record Stop() implements Command {}
}
