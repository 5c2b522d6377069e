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
import org.opendsql.sql.codec.Bytes;
import org.opendsql.sql.codec.KeyCodec;
import org.opendsql.sql.codec.RowCodec;

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
  private final Map<Integer, Integer> slotById = new HashMap<>();
  private final int[] ids;
  private final PgType[] types;
  private final List<PgType> pkTypes = new ArrayList<>();
  private final byte[] prefix;

  public TableDef(long id, String name, List<ColumnDef> columns, int[] pk, boolean hiddenPk) {
    this.id = id;
    this.name = name;
    this.columns = List.copyOf(columns);
    this.pk = pk.clone();
    this.hiddenPk = hiddenPk;
    this.ids = new int[columns.size()];
    this.types = new PgType[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      if (!c.hidden()) slotByName.put(c.name(), i);
      slotById.put(c.id(), i);
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
    return RowCodec.decode(value, columns.size(), slotById::get, s -> types[s]);
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
      return new TableDef(id, name, cols, pk, hidden);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
