package org.opendsql.sql.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.opendsql.core.types.PgType;

/**
 * A sequence's definition, a catalog object whose name shares the namespace of tables. Its state
 * (the last value handed out) is not here but in its counter row ({@link CatalogKeys#sequenceValueKey}),
 * which only nextval and setval write, each in a small transaction of its own; a definition
 * changes only through DDL. {@code ownerTable}/{@code ownerColumn} name the column that owns it
 * (an identity column, or OWNED BY), null when none.
 */
public record SequenceDef(long id, String name, PgType type, long increment, long min, long max, long start,
    long cache, boolean cycle, String ownerTable, String ownerColumn) {
  private static final int FORMAT = 1;

  /** Values {@code first}, {@code first + increment}, ... ({@code count} of them); {@code after}: the counter's new state. */
  public record Reservation(long first, long count, SequenceState after) {}

  /**
   * Up to {@code n} values following {@code state}, as PostgreSQL's nextval fetches a cache: fewer
   * when the range ends first (the next reservation then wraps, with CYCLE, or fails); 2200H when
   * not even one value is left.
   */
  public Reservation reserve(SequenceState state, long n) {
    long first;
    if (!state.called()) {
      first = state.last();
    } else if (increment > 0 ? state.last() > max - increment : state.last() < min - increment) {
      if (!cycle) throw org.opendsql.core.error.Errors.sequenceLimitReached(increment > 0, name, increment > 0 ? max : min);
      first = increment > 0 ? min : max;
    } else {
      first = state.last() + increment;
    }
    // Values left in the range after first, without overflowing: (limit - first) / |increment|.
    long room = increment > 0 ? Long.divideUnsigned(max - first, increment) : Long.divideUnsigned(first - min, -increment);
    long count = Long.compareUnsigned(room, n - 1) < 0 ? room + 1 : n;
    return new Reservation(first, count, new SequenceState(first + (count - 1) * increment, true));
  }

  public SequenceDef withOwner(String table, String column) {
    return new SequenceDef(id, name, type, increment, min, max, start, cache, cycle, table, column);
  }

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(id);
      out.writeUTF(name);
      out.writeInt(type.oid());
      out.writeLong(increment);
      out.writeLong(min);
      out.writeLong(max);
      out.writeLong(start);
      out.writeLong(cache);
      out.writeBoolean(cycle);
      out.writeBoolean(ownerTable != null);
      if (ownerTable != null) {
        out.writeUTF(ownerTable);
        out.writeUTF(ownerColumn);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SequenceDef deserialize(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalArgumentException("unknown sequence format " + format);
      long id = in.readLong();
      String name = in.readUTF();
      PgType type = PgType.byOid(in.readInt());
      long increment = in.readLong();
      long min = in.readLong();
      long max = in.readLong();
      long start = in.readLong();
      long cache = in.readLong();
      boolean cycle = in.readBoolean();
      String ownerTable = null;
      String ownerColumn = null;
      if (in.readBoolean()) {
        ownerTable = in.readUTF();
        ownerColumn = in.readUTF();
      }
      return new SequenceDef(id, name, type, increment, min, max, start, cache, cycle, ownerTable, ownerColumn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
