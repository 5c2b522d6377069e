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

  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk) {
    this(id, name, columns, pk, hiddenPk, List.of());
  }

  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk, List<IndexDef> indexes) {
    this.indexes = List.copyOf(indexes);
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
  }

  public long id() { return id; }
  public String name() { return name; }
  public List<ColumnDef> columns() { return columns; }
  public int[] pk() { return pk.clone(); }
  public boolean hiddenPk() { return hiddenPk; }
  public ColumnDef column(int slot) { return columns.get(slot); }
  public List<IndexDef> indexes() { return indexes; }

  public IndexDef index(String indexName) {
    for (IndexDef ix : indexes) if (ix.name().equals(indexName)) return ix;
    return null;
  }

  /** The same table under another id: TRUNCATE's empty table, whose keys share nothing with the old one's. */
  public TableDef withId(long newId) {
    return new TableDef(newId, name, columns, pk, hiddenPk, indexes);
  }

  public TableDef withIndexes(List<IndexDef> newIndexes) {
    return new TableDef(id, name, columns, pk, hiddenPk, newIndexes);
  }

  /** The next free index id of this table (the primary key is {@link #PRIMARY_INDEX}). */
  public long nextIndexId() {
    long max = PRIMARY_INDEX;
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
      for (IndexDef ix : indexes) out.writeBoolean(ix.constraint());
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
      // Definitions written before unique constraints were told from unique indexes end here.
      if (nIndexes > 0 && in.available() >= nIndexes) {
        for (int i = 0; i < nIndexes; i++) {
          IndexDef ix = indexes.get(i);
          if (in.readBoolean()) indexes.set(i, new IndexDef(ix.id(), ix.name(), ix.keySlots(), ix.includeSlots(), ix.unique(), true));
        }
      }
      return new TableDef(id, name, cols, pk, hidden, indexes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
