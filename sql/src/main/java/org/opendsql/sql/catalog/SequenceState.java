package org.opendsql.sql.catalog;

import java.nio.ByteBuffer;

/**
 * A sequence's counter row, as PostgreSQL keeps it: the last value handed out, and whether it was
 * ({@code called} false after creation, RESTART or setval(..., false): the next value is {@code last} itself).
 */
public record SequenceState(long last, boolean called) {
  public static SequenceState initial(SequenceDef def) {
    return new SequenceState(def.start(), false);
  }

  public byte[] serialize() {
    return ByteBuffer.allocate(9).putLong(last).put((byte) (called ? 1 : 0)).array();
  }

  /** The state stored in {@code b}, or the sequence's initial state when there is no counter row. */
  public static SequenceState of(byte[] b, SequenceDef def) {
    if (b == null) return initial(def);
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new SequenceState(buf.getLong(), buf.get() != 0);
  }
}
