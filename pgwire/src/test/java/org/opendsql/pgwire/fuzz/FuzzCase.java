package org.opendsql.pgwire.fuzz;

import java.util.List;

/**
 * One connection's worth of hostile input, a pure function of {@code seed}.
 *
 * @param login whether the runner logs in properly before sending {@code frames}
 * @param frames the bytes to send, one element per frame as generated (mutated or not)
 * @param messages how many messages {@code frames} holds, for the run's count
 * @param mayStall a mutation may have broken the framing, so the server can legitimately be left
 *     waiting for the rest of a message: the runner then half-closes its side after sending
 * @param mayTerminate the stream holds a Terminate (sent or made by a mutation), after which a
 *     close without ErrorResponse is the right answer
 * @param halfClose pre-login cases: shut down our sending side once done, instead of letting
 *     the authentication timeout close the connection
 */
public record FuzzCase(long seed, Kind kind, boolean login, List<byte[]> frames, int messages,
                       boolean mayStall, boolean mayTerminate, boolean halfClose) {
  public enum Kind { RANDOM_BYTES, STARTUP, PASSWORD, SESSION }

  /** The literal of the tail query that proves the session survived the stream. */
  public static final String END_MARKER = "fuzz-end";
}
