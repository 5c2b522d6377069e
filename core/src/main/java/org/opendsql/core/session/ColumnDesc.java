package org.opendsql.core.session;

import org.opendsql.core.types.PgType;

/**
 * One column of a result, as RowDescription reports it. {@code typmod} is -1 unless the type has
 * one (varchar(n): n + 4; numeric(p,s): ((p << 16) | s) + 4). {@code tableOid}/{@code attnum}
 * are 0 for computed columns.
 */
public record ColumnDesc(String name, PgType type, int typmod, int tableOid, short attnum) {
  public static ColumnDesc computed(String name, PgType type) {
    return new ColumnDesc(name, type, -1, 0, (short) 0);
  }
}
