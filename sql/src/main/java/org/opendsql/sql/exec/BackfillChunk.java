package org.opendsql.sql.exec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.core.error.Errors;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.catalog.IndexDef;
import org.opendsql.sql.catalog.TableDef;

/**
 * One backfill chunk's work, without I/O: the index entries of a page of base rows, exactly the
 * entries a write of those rows makes ({@link TableDef#indexKey}, {@link TableDef#indexValue}, as
 * the executor's index maintenance), and for a unique index whether one of them collides with
 * another row's entry. Writing an entry the row already has (a write after the DDL made it) puts
 * the same bytes again, so a chunk repeated after a conflict or a takeover changes nothing.
 */
public final class BackfillChunk {
  private BackfillChunk() {}

  /** The chunk's entries and its last row's key; or, for a unique index, the first duplicate found. */
  public record Result(List<Write> entries, byte[] lastKey, int rows, String duplicate) {}

  /** The unique-keyed entries of the page: for each, the entry another row may already hold. */
  public static List<byte[]> keysToCheck(TableDef def, IndexDef ix, List<KvEntry> rows) {
    List<byte[]> out = new ArrayList<>();
    for (KvEntry e : rows) {
      Object[] row = def.decodeRow(e.value());
      if (def.uniqueKeyed(ix, row)) out.add(def.indexKey(ix, row));
    }
    return out;
  }

  /**
   * @param existing the values of {@link #keysToCheck}'s keys at the chunk's snapshot (same order,
   *     null where absent)
   */
  public static Result build(TableDef def, IndexDef ix, List<KvEntry> rows, List<byte[]> existing) {
    List<Write> entries = new ArrayList<>(rows.size());
    Map<ByteBuffer, byte[]> claimed = new HashMap<>();
    int checked = 0;
    byte[] last = null;
    for (KvEntry e : rows) {
      Object[] row = def.decodeRow(e.value());
      byte[] key = def.indexKey(ix, row);
      if (def.uniqueKeyed(ix, row)) {
        byte[] held = existing.get(checked++);
        byte[] rowKey = def.key(row);
        if (held != null && !Arrays.equals(def.key(def.decodeRow(held)), rowKey)) return duplicate(def, ix, row);
        byte[] earlier = claimed.putIfAbsent(ByteBuffer.wrap(key), rowKey);
        if (earlier != null && !Arrays.equals(earlier, rowKey)) return duplicate(def, ix, row);
      }
      entries.add(new Write(key, def.indexValue(ix, row)));
      last = e.key();
    }
    return new Result(entries, last, rows.size(), null);
  }

  private static Result duplicate(TableDef def, IndexDef ix, Object[] row) {
    StringBuilder cols = new StringBuilder();
    StringBuilder vals = new StringBuilder();
    for (int i = 0; i < ix.keySlots().length; i++) {
      int s = ix.keySlots()[i];
      if (i > 0) {
        cols.append(", ");
        vals.append(", ");
      }
      cols.append(def.column(s).name());
      vals.append(org.opendsql.core.types.PgText.format(def.column(s).type(), row[s]));
    }
    return new Result(List.of(), null, 0, Errors.duplicateKeyDetails(ix.name(), cols.toString(), vals.toString()));
  }
}
