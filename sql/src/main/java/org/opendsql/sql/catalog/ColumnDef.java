package org.opendsql.sql.catalog;

import org.opendsql.core.types.PgType;

/**
 * One column. {@code id} is stable for the table's life (row values are keyed by it);
 * {@code defaultSql} is the DEFAULT expression's SQL text or null; {@code hidden} marks the
 * synthetic key of a table declared without a primary key (never shown by {@code *}).
 * {@code identity} is null unless the column is an identity column, whose values come from its
 * {@code ownedSequence}; a column may also own a sequence without being an identity column
 * (CREATE SEQUENCE ... OWNED BY): either way the sequence is dropped with the table and is what
 * pg_get_serial_sequence reports.
 */
public record ColumnDef(int id, String name, PgType type, int typmod, boolean notNull,
    String defaultSql, boolean hidden, Identity identity, String ownedSequence) {

  /** GENERATED ALWAYS refuses explicit values unless OVERRIDING SYSTEM VALUE; BY DEFAULT takes them. */
  public enum Identity { ALWAYS, BY_DEFAULT }

  public ColumnDef(int id, String name, PgType type, int typmod, boolean notNull, String defaultSql, boolean hidden) {
    this(id, name, type, typmod, notNull, defaultSql, hidden, null, null);
  }

  public ColumnDef withName(String newName) {
    return new ColumnDef(id, newName, type, typmod, notNull, defaultSql, hidden, identity, ownedSequence);
  }

  public ColumnDef withNotNull(boolean value) {
    return new ColumnDef(id, name, type, typmod, value, defaultSql, hidden, identity, ownedSequence);
  }

  public ColumnDef withDefault(String sql) {
    return new ColumnDef(id, name, type, typmod, notNull, sql, hidden, identity, ownedSequence);
  }

  public ColumnDef withOwnedSequence(String sequence) {
    return new ColumnDef(id, name, type, typmod, notNull, defaultSql, hidden, identity, sequence);
  }

  /** The type as PostgreSQL prints it in messages: {@code character varying(10)}. */
  public String typeDisplay() {
    if (type.isArray()) return new ColumnDef(id, name, type.elementType(), typmod, notNull, defaultSql, hidden).typeDisplay() + "[]";
    if (typmod < 0) return type.sqlName();
    if (type == PgType.VARCHAR || type == PgType.BPCHAR) return type.sqlName() + "(" + (typmod - 4) + ")";
    if (type == PgType.INTERVAL) return org.opendsql.core.types.IntervalFields.display(typmod);
    if (type == PgType.TIME || type == PgType.TIMESTAMP) return type.sqlName().replace(" without", "(" + typmod + ") without");
    if (type == PgType.TIMETZ || type == PgType.TIMESTAMPTZ) return type.sqlName().replace(" with", "(" + typmod + ") with");
    if (type == PgType.NUMERIC) {
      int m = typmod - 4;
      return "numeric(" + (m >> 16) + "," + (m & 0xFFFF) + ")";
    }
    return type.sqlName();
  }
}
