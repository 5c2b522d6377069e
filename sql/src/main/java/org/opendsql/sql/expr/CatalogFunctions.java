package org.opendsql.sql.expr;

import java.util.List;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RegValue;
import org.opendsql.sql.catalog.Acl;
import org.opendsql.sql.catalog.CatalogSnapshot;
import org.opendsql.sql.catalog.Privileges;
import org.opendsql.sql.catalog.SessionFacts;

/**
 * The catalog functions (format_type, pg_get_indexdef, ...) and the reg* types' input and output,
 * over the catalog as the statement's transaction sees it.
 */
public final class CatalogFunctions {
  private CatalogFunctions() {}

  private static final java.time.Instant STARTED = java.time.Instant.now();

  /** The session facts, or the defaults outside a session. */
  public static SessionFacts session(EvalContext c) {
    return c.catalogSession != null ? c.catalogSession : SessionFacts.defaults(c.user, c.database);
  }

  /** current_schema(): the first schema the search path lists that exists, or NULL. */
  public static String currentSchema(EvalContext c) {
    List<String> listed = session(c).schemas();
    return listed.isEmpty() ? null : listed.get(0);
  }

  /** current_schemas(implicit): the listed schemas, with the implicitly searched pg_catalog when {@code implicit}. */
  public static PgArray currentSchemas(EvalContext c, boolean implicit) {
    return PgArray.of(List.copyOf(implicit ? session(c).searchPath() : session(c).schemas()));
  }

  /** current_setting(name[, missing_ok]): the session's value of a run-time parameter. */
  public static String setting(EvalContext c, String name, boolean missingOk) {
    for (Object[] row : session(c).settings()) {
      if (((String) row[0]).equalsIgnoreCase(name)) return (String) row[1];
    }
    if (missingOk) return null;
    throw Errors.unrecognizedParameter(name);
  }

  public static String formatType(long oid, int typmod) {
    return CatalogSnapshot.formatType(oid, typmod, true);
  }

  /** pg_get_expr's pretty form drops the outermost parentheses PostgreSQL keeps in the plain one. */
  public static String expr(String tree, boolean pretty) {
    if (pretty && tree.startsWith("(") && tree.endsWith(")") && balanced(tree.substring(1, tree.length() - 1))) {
      return tree.substring(1, tree.length() - 1);
    }
    return tree;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char ch : s.toCharArray()) {
      if (ch == '(') depth++;
      if (ch == ')' && --depth < 0) return false;
    }
    return depth == 0;
  }

  public static String encodingName(int encoding) {
    return switch (encoding) {
      case 0 -> "SQL_ASCII";
      case 6 -> "UTF8";
      default -> "";
    };
  }

  /** pg_size_pretty: bytes below 10 kB, then the largest unit that keeps the number below 20480, half rounded. */
  public static String sizePretty(long size) {
    long limit = 10 * 1024;
    long limit2 = limit * 2 - 1;
    if (Math.abs(size) < limit) return size + " bytes";
    size >>= 9;
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    for (int i = 0; i < units.length; i++) {
      if (Math.abs(size) < limit2 || i == units.length - 1) return halfRounded(size) + " " + units[i];
      size >>= 10;
    }
    throw new IllegalStateException();
  }

  private static long halfRounded(long x) {
    return (x + (x < 0 ? -1 : 1)) / 2;
  }

  public static java.time.Instant startTime() {
    return STARTED;
  }

  // ---------------------------------------------------------------- reg* input and output

  /** An OID as a value of reg* type {@code t}: it prints as the object's name, or as the number when there is none. */
  public static RegValue fromOid(PgType t, long oid, EvalContext c) {
    if (oid == 0) return new RegValue(0, "-");
    String name = switch (t) {
      case REGCLASS -> c.catalog().relation(oid) == null ? null : c.catalog().relationText(oid);
      case REGTYPE -> PgType.byOid((int) Math.min(oid, Integer.MAX_VALUE)) == null ? null : CatalogSnapshot.formatType(oid, -1, false);
      case REGNAMESPACE -> c.catalog().schemaName(oid);
      case REGROLE -> c.catalog().roleName(oid);
      default -> null;
    };
    return new RegValue(oid, name == null ? Long.toString(oid) : name);
  }

  /**
   * reg* input: a number is an OID; otherwise the object's name, which must exist ({@code
   * missingOk}: to_regclass and friends give NULL instead).
   */
  public static RegValue fromText(PgType t, String text, EvalContext c, boolean missingOk) {
    String s = text.trim();
    if (s.matches("\\d+")) return fromOid(t, Long.parseLong(s), c);
    if (s.equals("-") && t == PgType.REGPROC) return new RegValue(0, "-");
    List<String> parts = CatalogSnapshot.nameParts(s);
    switch (t) {
      case REGCLASS: {
        if (parts.size() > 2) throw Errors.unsupported("cross-database references");
        CatalogSnapshot.Relation r = c.catalog().lookup(parts.size() == 2 ? parts.get(0) : null, parts.get(parts.size() - 1));
        if (r == null) {
          if (missingOk) return null;
          throw Errors.undefinedRelation(s.replace("\"", ""));
        }
        return new RegValue(r.oid(), c.catalog().relationText(r.oid()));
      }
      case REGNAMESPACE: {
        long oid = parts.size() == 1 ? c.catalog().schemaOid(parts.get(0)) : 0;
        if (oid == 0) {
          if (missingOk) return null;
          throw Errors.undefinedObjectNamed(SqlState.INVALID_SCHEMA_NAME, "schema", parts.get(0));
        }
        return new RegValue(oid, parts.get(0));
      }
      case REGROLE: {
        long oid = parts.size() == 1 ? c.catalog().roleOid(parts.get(0)) : 0;
        if (oid == 0) {
          if (missingOk) return null;
          throw Errors.undefinedObjectNamed(SqlState.UNDEFINED_OBJECT, "role", parts.get(0));
        }
        return new RegValue(oid, parts.get(0));
      }
      case REGPROC: {
        long oid = org.opendsql.sql.catalog.SystemRelations.procOid(String.join(".", parts));
        if (oid != 0) return new RegValue(oid, parts.get(parts.size() - 1));
        if (missingOk) return null;
        throw Errors.undefinedFunction(s, List.of());
      }
      default:
        throw new IllegalArgumentException(t.name());
    }
  }

  /** regtype input: a type name as SQL writes it, resolved by the planner's type names. */
  public static RegValue type(PgType resolved, String text, boolean missingOk) {
    if (resolved == null) {
      if (missingOk) return null;
      throw Errors.undefinedObjectNamed(SqlState.UNDEFINED_OBJECT, "type", text.trim());
    }
    return new RegValue(resolved.oid(), CatalogSnapshot.formatType(resolved.oid(), -1, false));
  }

  // ---------------------------------------------------------------- has_*_privilege

  /** What a has_*_privilege function asks about; ANY_COLUMN is has_any_column_privilege. */
  public enum Inquiry { TABLE, ANY_COLUMN, COLUMN, SEQUENCE, SCHEMA, DATABASE }

  /**
   * has_table_privilege and friends, as PostgreSQL answers them from the grants: {@code role} is
   * a name (String, "public" meaning PUBLIC), an OID (Long) or null for the current role; {@code
   * object} and {@code column} names (String) or numbers (Long). A name that does not exist is an
   * error, a number that does not answers NULL; arguments are checked in PostgreSQL's order.
   */
  public static Boolean hasPrivilege(Inquiry what, EvalContext c, Object role, Object object, Object column, String priv) {
    CatalogSnapshot cat = c.catalog();
    String who = role == null ? session(c).user() : role instanceof String name ? roleNamed(cat, name)
        : cat.roleName(((Number) role).longValue());
    Acl.Kind kind = switch (what) {
      case TABLE -> Acl.Kind.TABLE;
      case ANY_COLUMN, COLUMN -> Acl.Kind.COLUMN;
      case SEQUENCE -> Acl.Kind.SEQUENCE;
      case SCHEMA -> Acl.Kind.SCHEMA;
      case DATABASE -> Acl.Kind.DATABASE;
    };
    switch (what) {
      case SCHEMA -> {
        String schema = object instanceof String n ? n : cat.schemaName(((Number) object).longValue());
        if (object instanceof String n && cat.schemaOid(n) == 0) throw Errors.undefinedSchema(n);
        Acl.Wanted wanted = Acl.parse(priv, kind);
        if (schema == null) return null;
        if (who == null) return false;
        boolean owner = who.equals(CatalogSnapshot.ADMIN_ROLE) || (schema.equals("public") && who.equals("pg_database_owner"));
        return Acl.holds(owner, Acl.held(who, cat.grants("s", schema), CatalogSnapshot.schemaPublicDefault(schema)), wanted);
      }
      case DATABASE -> {
        String database = session(c).database();
        if (object instanceof String n && !n.equals(database)) throw Errors.undefinedDatabase(n);
        Acl.Wanted wanted = Acl.parse(priv, kind);
        if (object instanceof Number n && n.longValue() != CatalogSnapshot.DATABASE) return null;
        if (who == null) return false;
        return Acl.holds(who.equals(CatalogSnapshot.ADMIN_ROLE), Privileges.CONNECT | Privileges.TEMPORARY, wanted);
      }
      default -> {
        Acl.Wanted wanted = what == Inquiry.SEQUENCE ? Acl.parse(priv, kind) : null;
        CatalogSnapshot.Relation r = object instanceof String n ? relationNamed(cat, n) : cat.relation(((Number) object).longValue());
        if (r != null && r.index() != null && object instanceof Number) r = null;
        Integer attnum = null;
        if (what == Inquiry.COLUMN) attnum = columnOf(r, column);
        if (wanted == null) wanted = Acl.parse(priv, kind);
        if (r == null || (what == Inquiry.COLUMN && attnum == null)) return null;
        if (what == Inquiry.SEQUENCE && r.kind() != 'S') {
          throw Errors.notASequence(object instanceof String n ? n : r.name());
        }
        if (who == null) return false;
        List<Acl.Grant> grants = r.table() == null ? List.of() : cat.grants("t", r.table().name());
        int held = r.sequence() != null ? 0 : Acl.held(who, grants, CatalogSnapshot.publicDefault(r));
        return Acl.holds(who.equals(CatalogSnapshot.ADMIN_ROLE), held, wanted);
      }
    }
  }

  /**
   * pg_has_role: {@code user} and {@code role} are names (String; both must exist, PUBLIC is not
   * a role here) or OIDs (Long; one that names nothing answers false); a null {@code user} is the
   * current role. Roles are checked before the privilege string, as PostgreSQL does.
   */
  public static Boolean hasRole(EvalContext c, Object user, Object role, String priv) {
    CatalogSnapshot cat = c.catalog();
    String who = user == null ? session(c).user() : user instanceof String n ? existingRole(cat, n)
        : cat.roleName(((Number) user).longValue());
    String target = role instanceof String n ? existingRole(cat, n) : cat.roleName(((Number) role).longValue());
    Acl.Wanted wanted = Acl.parseRole(priv);
    if (who == null || target == null) return false;
    return Acl.holdsRole(who.equals(CatalogSnapshot.ADMIN_ROLE), who.equals(target), wanted);
  }

  private static String existingRole(CatalogSnapshot cat, String name) {
    if (cat.roleOid(name) != 0) return name;
    throw Errors.undefinedObjectNamed(SqlState.UNDEFINED_OBJECT, "role", name);
  }

  /** A role given by name: PUBLIC, admin or one that exists (42704 otherwise). */
  private static String roleNamed(CatalogSnapshot cat, String name) {
    if (name.equals(Privileges.PUBLIC) || cat.roleOid(name) != 0) return name;
    throw Errors.undefinedObjectNamed(SqlState.UNDEFINED_OBJECT, "role", name);
  }

  /** A relation given by (maybe qualified, maybe quoted) name, found as regclass input finds it. */
  private static CatalogSnapshot.Relation relationNamed(CatalogSnapshot cat, String text) {
    List<String> parts = CatalogSnapshot.nameParts(text.trim());
    if (parts.size() > 2) throw Errors.unsupported("cross-database references");
    if (parts.size() == 2 && cat.schemaOid(parts.get(0)) == 0) throw Errors.undefinedSchema(parts.get(0));
    CatalogSnapshot.Relation r = cat.lookup(parts.size() == 2 ? parts.get(0) : null, parts.get(parts.size() - 1));
    if (r == null || r.index() != null) throw Errors.undefinedRelation(String.join(".", parts));
    return r;
  }

  /**
   * The attnum of a column given by name (42703 when the relation has none) or number (null when
   * it has none, as for a relation that does not exist).
   */
  private static Integer columnOf(CatalogSnapshot.Relation r, Object column) {
    if (column instanceof Number n) return r != null && r.column(n.intValue()) != null ? n.intValue() : null;
    if (r == null) return null;
    for (CatalogSnapshot.Column col : r.columns()) if (col.name().equals(column)) return col.attnum();
    throw Errors.undefinedColumnOf((String) column, r.name());
  }
}
