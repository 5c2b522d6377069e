package org.opendsql.pgwire.codec;

import io.vertx.core.buffer.Buffer;
import org.opendsql.core.error.Errors;

/**
 * Cuts the incoming byte stream into {@link Frame}s, however TCP split it. Bytes are appended
 * with {@link #feed} and whole frames taken with {@link #next}; the caller switches to typed
 * frames once the StartupMessage is handled, because the protocol only says so implicitly.
 *
 * <p>Every length word is judged as soon as it arrives, against a limit that depends on the
 * phase and the message type (PostgreSQL's limits: 10,000 bytes for a startup packet and for the
 * fixed-size messages, 65,535 for a password, {@code maxMessageSize} for the rest). A bad length
 * or type therefore fails at once instead of after the client sent up to the largest limit, and
 * a client that has not logged in can never make the server hold more than a few KiB for it.
 */
public final class FrameDecoder {
  /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH: the body after the length word. */
  public static final int MAX_STARTUP_PACKET = 10_000;
  /** PostgreSQL's PQ_SMALL_MESSAGE_LIMIT, for messages whose content is a few names at most. */
  public static final int SMALL_MESSAGE_LIMIT = 10_000;
  /** PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH. */
  public static final int MAX_PASSWORD_MESSAGE = 65_535;

  private final int maxMessageSize;
  private Buffer pending = Buffer.buffer();
  private int readPos;
  private boolean startupPhase = true;
  private boolean passwordOnly;

  public FrameDecoder(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  public void feed(Buffer data) {
    compactIfWorthIt();
    pending.appendBuffer(data);
  }

  /** From now on frames carry a type byte; every frontend message type is accepted. */
  public void startupDone() {
    startupPhase = false;
  }

  /** Until {@link #authenticated()}, only a PasswordMessage is a valid frame. */
  public void expectPassword() {
    startupDone();
    passwordOnly = true;
  }

  public void authenticated() {
    passwordOnly = false;
  }

  public boolean inStartupPhase() {
    return startupPhase;
  }

  /** Bytes received but not yet returned as a frame. */
  public int buffered() {
    return pending.length() - readPos;
  }

  /** The next complete frame, or null until more bytes arrive. */
  public Frame next() {
    int available = buffered();
    if (startupPhase) {
      if (available < 4) return null;
      int len = pending.getInt(readPos);
      // The body must at least hold the 4-byte request code.
      if (len < 8 || len - 4 > MAX_STARTUP_PACKET) throw Errors.invalidStartupPacketLength();
      if (available < len) return null;
      Buffer body = pending.getBuffer(readPos + 4, readPos + len);
      readPos += len;
      return new Frame(Frame.UNTYPED, body);
    }
    if (available < 1) return null;
    char type = (char) (pending.getByte(readPos) & 0xFF);
    // The type alone can be judged before the length arrives, as PostgreSQL does.
    int limit = limitFor(type);
    if (available < 5) return null;
    int len = pending.getInt(readPos + 1);
    if (len < 4) throw Errors.invalidMessageLength(len);
    if (len > limit) {
      throw limit == maxMessageSize ? Errors.messageTooLarge(len, maxMessageSize) : Errors.invalidMessageLength(len);
    }
    if (available < 1 + len) return null;
    Buffer body = pending.getBuffer(readPos + 5, readPos + 1 + len);
    readPos += 1 + len;
    return new Frame(type, body);
  }

  private int limitFor(char type) {
    if (passwordOnly) {
      if (type != 'p') throw Errors.expectedPasswordResponse(Integer.toString(type));
      return Math.min(MAX_PASSWORD_MESSAGE, maxMessageSize);
    }
    return switch (type) {
      // Query, FunctionCall, Bind, Parse, CopyData: as large as the configured limit.
      case 'Q', 'F', 'B', 'P', 'd' -> maxMessageSize;
      // Close, Describe, Execute, Flush, Sync, Terminate, CopyDone, CopyFail: names only.
      case 'C', 'D', 'E', 'H', 'S', 'X', 'c', 'f' -> Math.min(SMALL_MESSAGE_LIMIT, maxMessageSize);
      // A password after login is refused by the connection, not here: its text is better.
      case 'p' -> Math.min(MAX_PASSWORD_MESSAGE, maxMessageSize);
      default -> throw Errors.invalidMessageType(Integer.toString(type));
    };
  }

  private void compactIfWorthIt() {
    // Copying the tail is cheap only when it is small relative to what has been consumed.
    if (readPos == 0) return;
    if (readPos == pending.length()) {
      pending = Buffer.buffer();
      readPos = 0;
    } else if (readPos > 8192) {
      pending = pending.getBuffer(readPos, pending.length());
      readPos = 0;
    }
  }
}
