package org.opendsql.sql.catalog;

/**
 * A FOREIGN KEY constraint of the table that holds it (the child): its columns by column id,
 * the referenced table by catalog name and the referenced columns (its primary key or a unique
 * constraint's, in that key's order) by that table's column ids. Ids, so renames and other
 * columns' drops leave it intact. {@code onDelete}/{@code onUpdate} use pg_constraint's letters:
 * 'a' NO ACTION, 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT. MATCH SIMPLE: a row
 * with a NULL in any of the columns references nothing.
 */
public record ForeignKeyDef(String name, int[] columnIds, String parent, int[] parentColumnIds, char onDelete, char onUpdate) {
  public ForeignKeyDef {
    columnIds = columnIds.clone();
    parentColumnIds = parentColumnIds.clone();
  }

  public ForeignKeyDef withParent(String newParent) {
    return new ForeignKeyDef(name, columnIds, newParent, parentColumnIds, onDelete, onUpdate);
  }

  public ForeignKeyDef withName(String newName) {
    return new ForeignKeyDef(newName, columnIds, parent, parentColumnIds, onDelete, onUpdate);
  }

  /** The child's slots of the key's columns, -1 where a column is gone. */
  public int[] slots(TableDef child) {
    int[] out = new int[columnIds.length];
    for (int i = 0; i < out.length; i++) out[i] = child.slotOfId(columnIds[i]);
    return out;
  }

  /** The parent's slots of the referenced columns. */
  public int[] parentSlots(TableDef parent) {
    int[] out = new int[parentColumnIds.length];
    for (int i = 0; i < out.length; i++) out[i] = parent.slotOfId(parentColumnIds[i]);
    return out;
  }

  /** The SQL words of an action letter. */
  public static String actionWords(char action) {
    return switch (action) {
      case 'r' -> "RESTRICT";
      case 'c' -> "CASCADE";
      case 'n' -> "SET NULL";
      case 'd' -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForeignKeyDef f && name.equals(f.name) && java.util.Arrays.equals(columnIds, f.columnIds)
        && parent.equals(f.parent) && java.util.Arrays.equals(parentColumnIds, f.parentColumnIds)
        && onDelete == f.onDelete && onUpdate == f.onUpdate;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, java.util.Arrays.hashCode(columnIds), parent, onDelete, onUpdate);
  }
}
