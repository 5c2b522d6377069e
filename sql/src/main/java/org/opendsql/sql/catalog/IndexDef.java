package org.opendsql.sql.catalog;

/**
 * A secondary index of a table: its own key range ({@code id} after the table's id), ordered by
 * {@code keySlots}' values and then the primary key; the entry's value holds the primary key and
 * the {@code includeSlots} columns. A unique index's entry for a key without NULLs is keyed by the
 * key columns alone, so two transactions inserting one value write the same key and the conflict
 * check lets only one commit.
 */
public record IndexDef(long id, String name, int[] keySlots, int[] includeSlots, boolean unique) {
  public static final int MAX_KEY_COLUMNS = 8;
}
