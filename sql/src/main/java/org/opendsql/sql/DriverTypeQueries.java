package org.opendsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.plan.TypeNames;

/**
 * The pg_type lookups pgjdbc sends (TypeInfoCache) for a type missing from its built-in table,
 * such as interval: answered from this database's own types until the system catalogs exist, so
 * that a JDBC client can name and read every type a result has. Recognized by their exact text
 * (whitespace aside); any other catalog query still meets the missing relation.
 */
final class DriverTypeQueries {
  private DriverTypeQueries() {}

  enum Kind { NAME_BY_OID, SQL_TYPE_BY_OID, OID_BY_NAME }

  private static final String NAME_BY_OID = normalize(
      "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t "
      + "JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1");
  private static final String SQL_TYPE_BY_OID = normalize(
      "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid "
      + "FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r from pg_namespace as ns "
      + "join ( select s.r, (current_schemas(false))[s.r] as nspname from generate_series(1, "
      + "array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname ) ) as sp ON sp.nspoid = "
      + "typnamespace WHERE pg_type.oid = $1 ORDER BY sp.r, pg_type.oid DESC");
  private static final String OID_BY_NAME = normalize(
      "SELECT pg_type.oid, typname FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r "
      + "from pg_namespace as ns join ( select s.r, (current_schemas(false))[s.r] as nspname from "
      + "generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname ) ) as sp "
      + "ON sp.nspoid = typnamespace WHERE typname = $1 ORDER BY sp.r, pg_type.oid DESC LIMIT 1");

  private static String normalize(String sql) {
    String s = sql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    while (s.endsWith(";")) s = s.substring(0, s.length() - 1).trim();
    return s.replace("( ", "(").replace(" )", ")");
  }

  /** Which lookup {@code sql} is, or null. */
  static Kind match(String sql) {
    if (sql.length() > 1000 || !sql.contains("pg_type")) return null;
    String n = normalize(sql);
    if (n.equals(NAME_BY_OID)) return Kind.NAME_BY_OID;
    if (n.equals(SQL_TYPE_BY_OID)) return Kind.SQL_TYPE_BY_OID;
    if (n.equals(OID_BY_NAME)) return Kind.OID_BY_NAME;
    return null;
  }

  static PgType paramType(Kind k) {
    return k == Kind.OID_BY_NAME ? PgType.TEXT : PgType.INT4;
  }

  static List<ColumnDesc> columns(Kind k) {
    return switch (k) {
      case NAME_BY_OID -> List.of(ColumnDesc.computed("?column?", PgType.BOOL), ColumnDesc.computed("nspname", PgType.NAME),
          ColumnDesc.computed("typname", PgType.NAME));
      case SQL_TYPE_BY_OID -> List.of(ColumnDesc.computed("is_array", PgType.BOOL), ColumnDesc.computed("typtype", PgType.TEXT),
          ColumnDesc.computed("typname", PgType.NAME), ColumnDesc.computed("oid", PgType.OID));
      case OID_BY_NAME -> List.of(ColumnDesc.computed("oid", PgType.OID), ColumnDesc.computed("typname", PgType.NAME));
    };
  }

  static List<Object[]> rows(Kind k, Object param) {
    List<Object[]> out = new ArrayList<>();
    if (param == null) return out;
    if (k == Kind.OID_BY_NAME) {
      String name = param.toString();
      for (PgType t : PgType.values()) {
        if (t != PgType.UNKNOWN && typname(t).equals(name)) out.add(new Object[] {(long) t.oid(), name});
      }
      return out;
    }
    PgType t = PgType.byOid(Integer.parseInt(param.toString().trim()));
    if (t == null || t == PgType.UNKNOWN) return out;
    String name = typname(t);
    out.add(k == Kind.NAME_BY_OID ? new Object[] {true, "pg_catalog", name}
        : new Object[] {t.isArray(), "b", name, (long) t.oid()});
    return out;
  }

  /** pg_type.typname: an array type's is its element's with an underscore before it (_record). */
  private static String typname(PgType t) {
    return t.isArray() ? "_" + TypeNames.internalName(t.elementType()) : TypeNames.internalName(t);
  }
}
