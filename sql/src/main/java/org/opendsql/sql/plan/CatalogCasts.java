package org.opendsql.sql.plan;

import java.util.List;
import java.util.Locale;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.CatalogFunctions;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.Values;

/**
 * Casts to the catalogs' types: oid, name, "char" and the reg* types. A reg* value is made when
 * the statement runs, from the catalog its transaction sees: 'orders'::regclass finds the table
 * along the search path, 16384::regclass prints as the table's name.
 */
final class CatalogCasts {
  private CatalogCasts() {}

  /** The catalog type a cast names, or null for the other types (TypeNames resolves those). */
  static PgType target(String written) {
    String s = written.trim();
    boolean quotedChar = s.equals("\"char\"") || s.equalsIgnoreCase("pg_catalog.\"char\"");
    if (quotedChar) return PgType.CHAR;
    s = s.toLowerCase(Locale.ROOT).replace("\"", "");
    if (s.startsWith("pg_catalog.")) s = s.substring("pg_catalog.".length());
    return switch (s) {
      case "oid" -> PgType.OID;
      case "oid[]", "_oid" -> PgType.OID_ARRAY;
      case "name" -> PgType.NAME;
      case "name[]", "_name" -> PgType.NAME_ARRAY;
      case "regclass" -> PgType.REGCLASS;
      case "regtype" -> PgType.REGTYPE;
      case "regproc", "regprocedure" -> PgType.REGPROC;
      case "regnamespace" -> PgType.REGNAMESPACE;
      case "regrole" -> PgType.REGROLE;
      case "regoper", "regoperator", "regconfig", "regdictionary", "regcollation" -> throw Errors.unsupported("type " + s);
      default -> null;
    };
  }

  static Expr cast(Expr in, PgType to) {
    PgType from = in.type();
    if (from == to) return in;
    if (to == PgType.NAME || to == PgType.NAME_ARRAY || to == PgType.OID_ARRAY) {
      if (from == PgType.UNKNOWN && in instanceof Exprs.Const k) {
        return new Exprs.Const(to, k.value() == null ? null : PgText.parse(to, (String) k.value()));
      }
      if (to == PgType.NAME && Values.category(from) != Values.Category.STRING) in = new Exprs.Cast(in, PgType.TEXT, -1, true);
      return new Exprs.Cast(in, to, -1, true);
    }
    if (to == PgType.CHAR) {
      if (Values.category(from) != Values.Category.STRING && from != PgType.UNKNOWN) throw Errors.cannotCast(from.sqlName(), "\"char\"");
      return call(in, to, (c, v) -> {
        String s = v.toString();
        return s.isEmpty() ? "" : s.substring(0, s.offsetByCodePoints(0, 1));
      });
    }
    if (to == PgType.OID) {
      if (from != PgType.UNKNOWN && Values.category(from) != Values.Category.NUMBER && Values.category(from) != Values.Category.STRING) {
        throw Errors.cannotCast(from.sqlName(), "oid");
      }
      return call(in, to, (c, v) -> v instanceof Number n ? (Object) n.longValue() : PgText.parse(PgType.OID, v.toString()));
    }
    Values.Category cat = Values.category(from);
    if (cat == Values.Category.NUMBER && from != PgType.NUMERIC && from != PgType.FLOAT4 && from != PgType.FLOAT8) {
      return call(in, to, (c, v) -> CatalogFunctions.fromOid(to, ((Number) v).longValue(), c));
    }
    if (cat != Values.Category.STRING && from != PgType.UNKNOWN) throw Errors.cannotCast(from.sqlName(), to.sqlName());
    if (to == PgType.REGTYPE) {
      return call(in, to, (c, v) -> v.toString().trim().matches("\\d+")
          ? CatalogFunctions.fromOid(to, Long.parseLong(v.toString().trim()), c)
          : CatalogFunctions.type(resolveType(v.toString()), v.toString(), false));
    }
    return call(in, to, (c, v) -> CatalogFunctions.fromText(to, v.toString(), c, false));
  }

  private static PgType resolveType(String text) {
    try {
      return TypeNames.resolve(text).type();
    } catch (DbException e) {
      PgType catalogType = target(text);
      return catalogType;
    }
  }

  private static Expr call(Expr in, PgType to, java.util.function.BiFunction<EvalContext, Object, Object> f) {
    return new Exprs.SessionCall(to.sqlName(), List.of(in), to, (c, a) -> f.apply(c, a[0]));
  }
}
