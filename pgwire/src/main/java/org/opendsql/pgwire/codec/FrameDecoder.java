package org.opendsql.pgwire.codec;

import io.vertx.core.buffer.Buffer;
import org.opendsql.core.error.Errors;

/**
 * Cuts the incoming byte stream into {@link Frame}s, however TCP split it. Bytes are appended
 * with {@link #feed} and whole frames taken with {@link #next}; the caller switches to typed
 * frames once the StartupMessage is handled, because the protocol only says so implicitly.
 */
public final class FrameDecoder {
  private final int maxMessageSize;
  private Buffer pending = Buffer.buffer();
  private int readPos;
  private boolean startupPhase = true;

  public FrameDecoder(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  public void feed(Buffer data) {
    compactIfWorthIt();
    pending.appendBuffer(data);
  }

  public void startupDone() {
    startupPhase = false;
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
    int header = startupPhase ? 4 : 5;
    if (available < header) return null;
    char type = startupPhase ? Frame.UNTYPED : (char) (pending.getByte(readPos) & 0xFF);
    int lenPos = startupPhase ? readPos : readPos + 1;
    int len = pending.getInt(lenPos);
    if (len < 4) {
      throw Errors.invalidMessageLength(len);
    }
    if (len > maxMessageSize) {
      throw Errors.messageTooLarge(len, maxMessageSize);
    }
    int total = (startupPhase ? 0 : 1) + len;
    if (available < total) return null;
    Buffer body = pending.getBuffer(lenPos + 4, readPos + total);
    readPos += total;
    return new Frame(type, body);
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
