package org.opendsql.sql.catalog;

/**
 * A secondary index of a table: its own key range ({@code id} after the table's id), ordered by
 * {@code keySlots}' values and then the primary key; the entry's value holds the primary key and
 * the {@code includeSlots} columns. A unique index's entry for a key without NULLs is keyed by the
 * key columns alone, so two transactions inserting one value write the same key and the conflict
 * check lets only one commit. {@code constraint}: the index of a UNIQUE table constraint (pg_constraint
 * lists it), not one CREATE UNIQUE INDEX made.
 */
public record IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique, boolean constraint) {
  public static final int MAX_KEY_COLUMNS = 8;

  public IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique) {
    this(id, name, keySlots, includeSlots, unique, false);
  }
}
