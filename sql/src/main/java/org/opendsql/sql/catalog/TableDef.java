package org.opendsql.sql.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.core.types.PgType;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.codec.KeyCodec;
import org.opendsql.core.codec.RowCodec;

/**
 * An immutable table definition. Rows are {@code Object[]} laid out by {@link #columns()} order
 * (hidden key included); {@code pk} lists the slots of the primary-key columns in key order.
 */
public final class TableDef {
  public static final long PRIMARY_INDEX = 1;
  private static final int FORMAT = 1;

  private final long id;
  private final String name;
  private final List<ColumnDef> columns;
  private final int[] pk;
  private final boolean hiddenPk;
  private final Map<String, Integer> slotByName = new HashMap<>();
  /** Column id to slot, -1 for ids no column has (dropped ones): rows decode by array lookup. */
  private final int[] slotById;
  private final int[] ids;
  private final PgType[] types;
  private final List<PgType> pkTypes = new ArrayList<>();
  private final byte[] prefix;
  private final List<IndexDef> indexes;
  private final List<CheckDef> checks;
  /** For a view, the query it stands for (parser-normal SQL); null for a table. */
  private String viewSql;
  /**
   * COMMENT ON texts by what they describe: "" the table or view, "c" + column id, "i" + index id
   * (the primary key's is {@link #PRIMARY_INDEX}), "k" + constraint name. Ids, not names or
   * positions, so renames and dropped columns leave every other comment where it was.
   */
  private Map<String, String> comments = Map.of();
  /** This table's FOREIGN KEY constraints. */
  private List<ForeignKeyDef> foreignKeys = List.of();
  /**
   * The tables (catalog names) whose foreign keys reference this one, itself included for a
   * self-reference: what a DELETE or key UPDATE here must look at, and what DROP TABLE refuses.
   */
  private List<String> referencedBy = List.of();
  /**
   * Index ids below or at this are taken even if no index has them now: those of asynchronous
   * builds dropped before they finished, whose entries the job runner may still be deleting.
   */
  private long indexIdFloor;
  /** The id the next added column gets: ids are never reused, so a dropped column's values stay unread. */
  private final int nextColumnId;

  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk) {
    this(id, name, columns, pk, hiddenPk, List.of());
  }

  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk, List<IndexDef> indexes) {
    this(id, name, columns, pk, hiddenPk, indexes, List.of(), 0);
  }

  /** {@code nextColumnId} 0: one past the largest id of {@code columns}. */
  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk, List<IndexDef> indexes,
      List<CheckDef> checks, int nextColumnId) {
    this.indexes = List.copyOf(indexes);
    this.checks = List.copyOf(checks);
    this.id = id;
    this.name = name;
    this.columns = List.copyOf(columns);
    this.pk = pk.clone();
    this.hiddenPk = hiddenPk;
    this.ids = new int[columns.size()];
    this.types = new PgType[columns.size()];
    int maxId = 0;
    for (ColumnDef c : columns) maxId = Math.max(maxId, c.id());
    this.slotById = new int[maxId + 1];
    java.util.Arrays.fill(slotById, -1);
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      if (!c.hidden()) slotByName.put(c.name(), i);
      slotById[c.id()] = i;
      ids[i] = c.id();
      types[i] = c.type();
    }
    for (int s : pk) pkTypes.add(types[s]);
    this.prefix = KeyCodec.prefix(id, PRIMARY_INDEX);
    this.nextColumnId = Math.max(nextColumnId, maxId + 1);
  }

  public long id() { return id; }
  public String name() { return name; }
  public List<ColumnDef> columns() { return columns; }
  public int[] pk() { return pk.clone(); }
  public boolean hiddenPk() { return hiddenPk; }
  public ColumnDef column(int slot) { return columns.get(slot); }
  public List<IndexDef> indexes() { return indexes; }

  /** The indexes reads may use: all but those an asynchronous build is still filling. */
  public List<IndexDef> readableIndexes() {
    return indexes.stream().filter(ix -> !ix.building()).toList();
  }

  public IndexDef index(String indexName) {
    for (IndexDef ix : indexes) if (ix.name().equals(indexName)) return ix;
    return null;
  }

  /** The same table under another id: TRUNCATE's empty table, whose keys share nothing with the old one's. */
  public TableDef withId(long newId) {
    return carry(new TableDef(newId, name, columns, pk, hiddenPk, indexes, checks, nextColumnId));
  }

  /** The sequences the table's columns own (identity and OWNED BY): dropped with it. */
  public List<String> ownedSequences() {
    return columns.stream().map(ColumnDef::ownedSequence).filter(java.util.Objects::nonNull).toList();
  }

  public TableDef withIndexes(List<IndexDef> newIndexes) {
    return carry(new TableDef(id, name, columns, pk, hiddenPk, newIndexes, checks, nextColumnId));
  }

  public TableDef withName(String newName) {
    return carry(new TableDef(id, newName, columns, pk, hiddenPk, indexes, checks, nextColumnId));
  }

  public TableDef withChecks(List<CheckDef> newChecks) {
    return carry(new TableDef(id, name, columns, pk, hiddenPk, indexes, newChecks, nextColumnId));
  }

  /** The column at {@code slot} replaced (same id: renamed, a new default, NOT NULL set or dropped). */
  public TableDef withColumn(int slot, ColumnDef c) {
    List<ColumnDef> cols = new ArrayList<>(columns);
    cols.set(slot, c);
    return carry(new TableDef(id, name, cols, pk, hiddenPk, indexes, checks, nextColumnId));
  }

  /** A new last visible column (before a hidden row id, which stays last), with the next column id. */
  public TableDef withAddedColumn(ColumnDef c) {
    ColumnDef added = new ColumnDef(nextColumnId, c.name(), c.type(), c.typmod(), c.notNull(), c.defaultSql(), false);
    List<ColumnDef> cols = new ArrayList<>(columns);
    int at = hiddenPk ? cols.size() - 1 : cols.size();
    cols.add(at, added);
    int[] newPk = shifted(pk, at, 1);
    List<IndexDef> ixs = new ArrayList<>();
    for (IndexDef ix : indexes) {
      ixs.add(ix.withSlots(shifted(ix.keySlots(), at, 1), shifted(ix.includeSlots(), at, 1)));
    }
    return carry(new TableDef(id, name, cols, newPk, hiddenPk, ixs, checks, nextColumnId + 1));
  }

  /**
   * Without the column at {@code slot} and the indexes that use it (the caller deletes their
   * entries); its id is never given out again.
   */
  public TableDef withoutColumn(int slot) {
    List<ColumnDef> cols = new ArrayList<>(columns);
    cols.remove(slot);
    List<IndexDef> ixs = new ArrayList<>();
    for (IndexDef ix : indexes) {
      if (uses(ix.keySlots(), slot) || uses(ix.includeSlots(), slot)) continue;
      ixs.add(ix.withSlots(shifted(ix.keySlots(), slot, -1), shifted(ix.includeSlots(), slot, -1)));
    }
    return carry(new TableDef(id, name, cols, shifted(pk, slot, -1), hiddenPk, ixs, checks, nextColumnId));
  }

  private static boolean uses(int[] slots, int slot) {
    for (int s : slots) if (s == slot) return true;
    return false;
  }

  /** Slots at or past {@code from} moved by {@code by}. */
  private static int[] shifted(int[] slots, int from, int by) {
    int[] out = slots.clone();
    for (int i = 0; i < out.length; i++) if (out[i] >= from) out[i] += by;
    return out;
  }

  public List<CheckDef> checks() { return checks; }

  /** The slot of the column with id {@code columnId}, -1 if no column has it (a dropped one's). */
  public int slotOfId(int columnId) {
    return columnId >= 0 && columnId < slotById.length ? slotById[columnId] : -1;
  }

  /** {@code t} (a changed copy of this definition) with this one's view query and comments. */
  private TableDef carry(TableDef t) {
    t.viewSql = viewSql;
    // A foreign key whose column is gone goes with it (DROP COLUMN drops it, as PostgreSQL does).
    t.foreignKeys = foreignKeys.stream().filter(f -> java.util.Arrays.stream(f.columnIds()).allMatch(c -> t.slotOfId(c) >= 0)).toList();
    t.referencedBy = referencedBy;
    t.indexIdFloor = indexIdFloor;
    for (IndexDef ix : indexes) {
      if (ix.building() && t.indexes.stream().noneMatch(x -> x.id() == ix.id())) {
        t.indexIdFloor = Math.max(t.indexIdFloor, ix.id());
      }
    }
    Map<String, String> kept = new java.util.TreeMap<>(comments);
    // A dropped column's comment goes with it.
    kept.keySet().removeIf(k -> k.startsWith("c") && t.slotOfId(Integer.parseInt(k.substring(1))) < 0);
    t.comments = Map.copyOf(kept);
    return t;
  }

  public List<ForeignKeyDef> foreignKeys() { return foreignKeys; }

  public List<String> referencedBy() { return referencedBy; }

  public ForeignKeyDef foreignKey(String fkName) {
    for (ForeignKeyDef f : foreignKeys) if (f.name().equals(fkName)) return f;
    return null;
  }

  public TableDef withForeignKeys(List<ForeignKeyDef> fks) {
    TableDef t = carry(new TableDef(id, name, columns, pk, hiddenPk, indexes, checks, nextColumnId));
    t.foreignKeys = List.copyOf(fks);
    return t;
  }

  public TableDef withReferencedBy(List<String> tables) {
    TableDef t = carry(new TableDef(id, name, columns, pk, hiddenPk, indexes, checks, nextColumnId));
    t.referencedBy = List.copyOf(new java.util.LinkedHashSet<>(tables));
    return t;
  }

  /** The comment on the table ("") or on a column ("c" + id), index ("i" + id) or constraint ("k" + name); null if none. */
  public String comment(String key) { return comments.get(key); }

  public Map<String, String> comments() { return comments; }

  /** With {@code text} as the comment on {@code key} (see {@link #comment}); null removes it. */
  public TableDef withComment(String key, String text) {
    TableDef t = carry(new TableDef(id, name, columns, pk, hiddenPk, indexes, checks, nextColumnId));
    Map<String, String> next = new java.util.TreeMap<>(comments);
    if (text == null) next.remove(key);
    else next.put(key, text);
    t.comments = Map.copyOf(next);
    return t;
  }

  /** A view: a name for {@code sql} (a SELECT) with these output columns; it has no rows of its own. */
  public static TableDef view(long id, String name, List<ColumnDef> columns, String sql) {
    TableDef v = new TableDef(id, name, columns, new int[0], false, List.of(), List.of(), 0);
    v.viewSql = sql;
    return v;
  }

  /** The view with its query rewritten (a relation or column it reads was renamed). */
  public TableDef withViewSql(String sql) {
    TableDef v = carry(new TableDef(id, name, columns, pk, hiddenPk, indexes, checks, nextColumnId));
    v.viewSql = sql;
    return v;
  }

  public boolean isView() { return viewSql != null; }

  /** The view's query, or null for a table. */
  public String viewSql() { return viewSql; }

  public int nextColumnId() { return nextColumnId; }

  /** The next free index id of this table (the primary key is {@link #PRIMARY_INDEX}). */
  public long nextIndexId() {
    long max = Math.max(PRIMARY_INDEX, indexIdFloor);
    for (IndexDef ix : indexes) max = Math.max(max, ix.id());
    return max + 1;
  }

  /** True when a unique index entry of {@code row} is keyed by its key columns alone (no NULL in them). */
  public boolean uniqueKeyed(IndexDef ix, Object[] row) {
    if (!ix.unique()) return false;
    for (int s : ix.keySlots()) if (row[s] == null) return false;
    return true;
  }

  /** The index entry's key for {@code row}. */
  public byte[] indexKey(IndexDef ix, Object[] row) {
    List<PgType> ts = new ArrayList<>();
    List<Object> vals = new ArrayList<>();
    for (int s : ix.keySlots()) {
      ts.add(types[s]);
      vals.add(row[s]);
    }
    if (!uniqueKeyed(ix, row)) {
      for (int s : pk) {
        ts.add(types[s]);
        vals.add(row[s]);
      }
    }
    return KeyCodec.key(id, ix.id(), ts, vals);
  }

  /** The index entry's value: the primary key, key and INCLUDE columns, as a sparse row. */
  public byte[] indexValue(IndexDef ix, Object[] row) {
    Object[] sparse = new Object[row.length];
    for (int s : pk) sparse[s] = row[s];
    for (int s : ix.keySlots()) sparse[s] = row[s];
    for (int s : ix.includeSlots()) sparse[s] = row[s];
    return encodeRow(sparse);
  }

  /** Key of the entries whose leading key columns equal {@code values} (a prefix of the index key). */
  public byte[] indexKeyPrefix(IndexDef ix, List<Object> values) {
    List<PgType> ts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) ts.add(types[ix.keySlots()[i]]);
    return KeyCodec.key(id, ix.id(), ts, values);
  }

  public byte[] indexPrefix(IndexDef ix) { return KeyCodec.prefix(id, ix.id()); }

  /** Slot of a visible column, or -1. */
  public int slot(String column) {
    return slotByName.getOrDefault(column, -1);
  }

  public boolean isPk(int slot) {
    for (int s : pk) if (s == slot) return true;
    return false;
  }

  public byte[] keyPrefix() { return prefix.clone(); }
  public byte[] keyEnd() { return Bytes.prefixEnd(prefix); }

  public byte[] key(Object[] row) {
    List<Object> vals = new ArrayList<>(pk.length);
    for (int s : pk) vals.add(row[s]);
    return KeyCodec.key(id, PRIMARY_INDEX, pkTypes, vals);
  }

  public byte[] keyOf(List<Object> pkValues) {
    return KeyCodec.key(id, PRIMARY_INDEX, pkTypes, pkValues);
  }

  public byte[] encodeRow(Object[] row) {
    return RowCodec.encode(ids, types, row);
  }

  public Object[] decodeRow(byte[] value) {
    return RowCodec.decode(value, slotById, types);
  }

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(id);
      out.writeUTF(name);
      out.writeBoolean(hiddenPk);
      out.writeShort(columns.size());
      for (ColumnDef c : columns) {
        out.writeInt(c.id());
        out.writeUTF(c.name());
        out.writeInt(c.type().oid());
        out.writeInt(c.typmod());
        out.writeBoolean(c.notNull());
        out.writeBoolean(c.hidden());
        out.writeBoolean(c.defaultSql() != null);
        if (c.defaultSql() != null) out.writeUTF(c.defaultSql());
      }
      out.writeShort(pk.length);
      for (int s : pk) out.writeShort(s);
      out.writeShort(indexes.size());
      for (IndexDef ix : indexes) {
        out.writeLong(ix.id());
        out.writeUTF(ix.name());
        out.writeBoolean(ix.unique());
        out.writeShort(ix.keySlots().length);
        for (int s : ix.keySlots()) out.writeShort(s);
        out.writeShort(ix.includeSlots().length);
        for (int s : ix.includeSlots()) out.writeShort(s);
      }
      out.writeShort(checks.size());
      for (CheckDef c : checks) {
        out.writeUTF(c.name());
        out.writeUTF(c.sql());
      }
      out.writeInt(nextColumnId);
      List<ColumnDef> owning = columns.stream().filter(c -> c.ownedSequence() != null).toList();
      out.writeShort(owning.size());
      for (ColumnDef c : owning) {
        out.writeInt(c.id());
        out.writeByte(c.identity() == null ? 0 : c.identity() == ColumnDef.Identity.ALWAYS ? 1 : 2);
        out.writeUTF(c.ownedSequence());
      }
      out.writeBoolean(viewSql != null);
      if (viewSql != null) {
        byte[] text = viewSql.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
      for (IndexDef ix : indexes) out.writeBoolean(ix.constraint());
      out.writeInt(comments.size());
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(comments).entrySet()) {
        out.writeUTF(e.getKey());
        byte[] text = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
      for (IndexDef ix : indexes) out.writeBoolean(ix.building());
      out.writeLong(indexIdFloor);
      out.writeShort(foreignKeys.size());
      for (ForeignKeyDef f : foreignKeys) {
        out.writeUTF(f.name());
        out.writeUTF(f.parent());
        out.writeByte(f.onDelete());
        out.writeByte(f.onUpdate());
        out.writeShort(f.columnIds().length);
        for (int i = 0; i < f.columnIds().length; i++) {
          out.writeInt(f.columnIds()[i]);
          out.writeInt(f.parentColumnIds()[i]);
        }
      }
      out.writeShort(referencedBy.size());
      for (String r : referencedBy) out.writeUTF(r);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TableDef deserialize(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalArgumentException("unknown catalog format " + format);
      long id = in.readLong();
      String name = in.readUTF();
      boolean hidden = in.readBoolean();
      int n = in.readShort();
      List<ColumnDef> cols = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int cid = in.readInt();
        String cname = in.readUTF();
        PgType t = PgType.byOid(in.readInt());
        int typmod = in.readInt();
        boolean notNull = in.readBoolean();
        boolean colHidden = in.readBoolean();
        String def = in.readBoolean() ? in.readUTF() : null;
        cols.add(new ColumnDef(cid, cname, t, typmod, notNull, def, colHidden));
      }
      int[] pk = new int[in.readShort()];
      for (int i = 0; i < pk.length; i++) pk[i] = in.readShort();
      List<IndexDef> indexes = new ArrayList<>();
      // Definitions written before secondary indexes existed end here.
      int nIndexes = in.available() > 0 ? in.readShort() : 0;
      for (int i = 0; i < nIndexes; i++) {
        long ixId = in.readLong();
        String ixName = in.readUTF();
        boolean unique = in.readBoolean();
        int[] keys = new int[in.readShort()];
        for (int k = 0; k < keys.length; k++) keys[k] = in.readShort();
        int[] include = new int[in.readShort()];
        for (int k = 0; k < include.length; k++) include[k] = in.readShort();
        indexes.add(new IndexDef(ixId, ixName, keys, include, unique));
      }
      // Definitions written before CHECK constraints and ALTER TABLE existed end here.
      List<CheckDef> checks = new ArrayList<>();
      int nChecks = in.available() > 0 ? in.readShort() : 0;
      for (int i = 0; i < nChecks; i++) checks.add(new CheckDef(in.readUTF(), in.readUTF()));
      int nextColumnId = in.available() > 0 ? in.readInt() : 0;
      // Definitions written before sequences existed end here.
      int nOwning = in.available() > 0 ? in.readShort() : 0;
      for (int i = 0; i < nOwning; i++) {
        int cid = in.readInt();
        int kind = in.readByte();
        String sequence = in.readUTF();
        ColumnDef.Identity identity = kind == 1 ? ColumnDef.Identity.ALWAYS : kind == 2 ? ColumnDef.Identity.BY_DEFAULT : null;
        for (int c = 0; c < cols.size(); c++) {
          ColumnDef d = cols.get(c);
          if (d.id() == cid) {
            cols.set(c, new ColumnDef(d.id(), d.name(), d.type(), d.typmod(), d.notNull(), d.defaultSql(), d.hidden(), identity, sequence));
          }
        }
      }
      String view = null;
      if (in.available() > 0 && in.readBoolean()) {
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        view = new String(text, java.nio.charset.StandardCharsets.UTF_8);
      }
      // Definitions written before unique constraints were told from unique indexes end here.
      if (nIndexes > 0 && in.available() >= nIndexes) {
        for (int i = 0; i < nIndexes; i++) {
          IndexDef ix = indexes.get(i);
          if (in.readBoolean()) indexes.set(i, new IndexDef(ix.id(), ix.name(), ix.keySlots(), ix.includeSlots(), ix.unique(), true));
        }
      }
      TableDef def = new TableDef(id, name, cols, pk, hidden, indexes, checks, nextColumnId);
      def.viewSql = view;
      // Definitions written before comments existed end here.
      if (in.available() >= 4) {
        int nComments = in.readInt();
        Map<String, String> comments = new java.util.TreeMap<>();
        for (int i = 0; i < nComments; i++) {
          String key = in.readUTF();
          byte[] text = new byte[in.readInt()];
          in.readFully(text);
          comments.put(key, new String(text, java.nio.charset.StandardCharsets.UTF_8));
        }
        def.comments = Map.copyOf(comments);
      }
      // Definitions written before asynchronous index builds end here.
      if (nIndexes > 0 && in.available() >= nIndexes) {
        List<IndexDef> flagged = new ArrayList<>(def.indexes);
        boolean any = false;
        for (int i = 0; i < nIndexes; i++) {
          if (in.readBoolean()) {
            IndexDef ix = flagged.get(i);
            flagged.set(i, new IndexDef(ix.id(), ix.name(), ix.keySlots(), ix.includeSlots(), ix.unique(), ix.constraint(), true));
            any = true;
          }
        }
        if (any) {
          TableDef withFlags = def.withIndexes(flagged);
          withFlags.comments = def.comments;
          def = withFlags;
        }
      }
      if (in.available() >= 8) def.indexIdFloor = in.readLong();
      // Definitions written before foreign keys existed end here.
      if (in.available() >= 2) {
        int nFks = in.readShort();
        List<ForeignKeyDef> fks = new ArrayList<>();
        for (int i = 0; i < nFks; i++) {
          String fkName = in.readUTF();
          String parent = in.readUTF();
          char onDelete = (char) in.readByte();
          char onUpdate = (char) in.readByte();
          int k = in.readShort();
          int[] fkCols = new int[k];
          int[] parentCols = new int[k];
          for (int j = 0; j < k; j++) {
            fkCols[j] = in.readInt();
            parentCols[j] = in.readInt();
          }
          fks.add(new ForeignKeyDef(fkName, fkCols, parent, parentCols, onDelete, onUpdate));
        }
        def.foreignKeys = List.copyOf(fks);
        int nRefs = in.readShort();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < nRefs; i++) refs.add(in.readUTF());
        def.referencedBy = List.copyOf(refs);
      }
      return def;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
