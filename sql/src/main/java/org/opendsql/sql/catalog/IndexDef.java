package org.opendsql.sql.catalog;

/**
 * A secondary index of a table: its own key range ({@code id} after the table's id), ordered by
 * {@code keySlots}' values and then the primary key; the entry's value holds the primary key and
 * the {@code includeSlots} columns. A unique index's entry for a key without NULLs is keyed by the
 * key columns alone, so two transactions inserting one value write the same key and the conflict
 * check lets only one commit. {@code constraint}: the index of a UNIQUE table constraint (pg_constraint
 * lists it), not one CREATE UNIQUE INDEX made. {@code building}: CREATE INDEX ASYNC's index while its
 * job backfills it: every write maintains it, but no read may use it, since rows older than the
 * DDL may still lack their entries (pg_index.indisvalid false).
 */
public record IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique, boolean constraint,
    boolean building) {
  public static final int MAX_KEY_COLUMNS = 8;

  public IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique, boolean constraint) {
    this(id, name, keySlots, includeSlots, unique, constraint, false);
  }

  public IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique) {
    this(id, name, keySlots, includeSlots, unique, false, false);
  }

  /** The same index with other column slots (a column added or dropped before them). */
  public IndexDef withSlots(int[] keys, int[] include) {
    return new IndexDef(id, name, keys, include, unique, constraint, building);
  }

  public IndexDef withName(String newName) {
    return new IndexDef(id, newName, keySlots, includeSlots, unique, constraint, building);
  }

  /** The index once its backfill is done: reads may use it. */
  public IndexDef built() {
    return new IndexDef(id, name, keySlots, includeSlots, unique, constraint, false);
  }
}
