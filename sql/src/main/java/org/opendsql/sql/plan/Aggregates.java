package org.opendsql.sql.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Values;

/**
 * The aggregate functions and PostgreSQL's resolution of their argument and result types
 * (pg_aggregate's signatures): {@code sum(integer)} is bigint, {@code max(varchar)} is text,
 * {@code sum('1')} is ambiguous, {@code min(boolean)} does not exist.
 */
final class Aggregates {
  private Aggregates() {}

  private static final Set<String> PLAIN = Set.of("count", "sum", "min", "max", "avg", "bool_and", "bool_or",
      "every", "bit_and", "bit_or", "bit_xor", "string_agg", "stddev", "stddev_samp", "stddev_pop", "variance",
      "var_samp", "var_pop", "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count",
      "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "array_agg", "json_agg",
      "jsonb_agg", "json_object_agg", "jsonb_object_agg");

  /** The two-argument statistics over (Y, X), all of double precision arguments. */
  private static final Set<String> REGRESSION = Set.of("corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy",
      "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy");
  private static final Set<String> ORDERED_SET = Set.of("percentile_cont", "percentile_disc", "mode");

  static boolean isAggregate(String name) {
    return PLAIN.contains(name);
  }

  static boolean isOrderedSet(String name) {
    return ORDERED_SET.contains(name);
  }


  /** The types the arguments are coerced to, and the result type. */
  record Signature(List<PgType> args, PgType result) {}

  /** {@code args} as bound (an untyped literal is UNKNOWN); {@code count} of several args is a row. */
  static Signature resolve(String name, List<Expr> args) {
    if (name.equals("count")) {
      return new Signature(args.stream().map(a -> a.type() == PgType.UNKNOWN ? PgType.TEXT : a.type()).toList(),
          PgType.INT8);
    }
    if (name.equals("string_agg")) return stringAgg(args);
    if (name.equals("array_agg")) {
      if (args.size() != 1) throw undefined(name, args);
      PgType a = args.get(0).type();
      if (a == PgType.UNKNOWN) throw Errors.ambiguousFunction(name, types(args));
      return one(a, a.isArray() ? a : ArrayBinder.arrayOf(a));
    }
    if (name.equals("json_agg") || name.equals("jsonb_agg")) {
      if (args.size() != 1) throw undefined(name, args);
      PgType a = args.get(0).type();
      if (a == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
      return one(a, name.equals("json_agg") ? PgType.JSON : PgType.JSONB);
    }
    if (name.equals("json_object_agg") || name.equals("jsonb_object_agg")) {
      if (args.size() != 2) throw undefined(name, args);
      List<PgType> in = args.stream().map(a -> a.type() == PgType.UNKNOWN ? PgType.TEXT : a.type()).toList();
      return new Signature(in, name.equals("json_object_agg") ? PgType.JSON : PgType.JSONB);
    }
    if (REGRESSION.contains(name)) {
      if (args.size() != 2) throw undefined(name, args);
      for (Expr e : args) {
        PgType t = e.type();
        if (t != PgType.UNKNOWN && (Values.category(t) != Values.Category.NUMBER || t == PgType.OID)) {
          throw undefined(name, args);
        }
      }
      return new Signature(List.of(PgType.FLOAT8, PgType.FLOAT8), name.equals("regr_count") ? PgType.INT8 : PgType.FLOAT8);
    }
    if (args.size() != 1) throw undefined(name, args);
    PgType a = args.get(0).type();
    boolean number = Values.category(a) == Values.Category.NUMBER && a != PgType.OID;
    boolean integral = a == PgType.INT2 || a == PgType.INT4 || a == PgType.INT8;
    switch (name) {
      case "min", "max": {
        if (a == PgType.UNKNOWN) return one(PgType.TEXT, PgType.TEXT);
        if (a == PgType.TEXT || a == PgType.VARCHAR || a == PgType.NAME) return one(PgType.TEXT, PgType.TEXT);
        if (Values.category(a) == Values.Category.NUMBER || a == PgType.BPCHAR || a == PgType.DATE
            || a == PgType.TIMESTAMP || a == PgType.TIMESTAMPTZ || a == PgType.TIME || a == PgType.TIMETZ
            || a == PgType.INTERVAL || a.isArray()) {
          return one(a, a);
        }
        throw undefined(name, args);
      }
      case "bool_and", "bool_or", "every":
        if (a == PgType.UNKNOWN || a == PgType.BOOL) return one(PgType.BOOL, PgType.BOOL);
        throw undefined(name, args);
      case "bit_and", "bit_or", "bit_xor":
        if (a == PgType.UNKNOWN) throw Errors.ambiguousFunction(name, types(args));
        if (integral) return one(a, a);
        throw undefined(name, args);
      case "sum":
        if (a == PgType.UNKNOWN) throw Errors.ambiguousFunction(name, types(args));
        if (a == PgType.INTERVAL) return one(a, a);
        if (!number) throw undefined(name, args);
        return one(a, switch (a) {
          case INT2, INT4 -> PgType.INT8;
          case INT8, NUMERIC -> PgType.NUMERIC;
          default -> a;
        });
      default: // avg and the statistics
        if (a == PgType.UNKNOWN) throw Errors.ambiguousFunction(name, types(args));
        if (a == PgType.INTERVAL && name.equals("avg")) return one(a, a);
        if (!number) throw undefined(name, args);
        return one(a, a == PgType.FLOAT4 || a == PgType.FLOAT8 ? PgType.FLOAT8 : PgType.NUMERIC);
    }
  }

  /** string_agg(text, text) or string_agg(bytea, bytea). */
  private static Signature stringAgg(List<Expr> args) {
    if (args.size() != 2) throw undefined("string_agg", args);
    boolean text = true;
    boolean bytes = true;
    for (Expr e : args) {
      PgType t = e.type();
      text &= t == PgType.UNKNOWN || Values.category(t) == Values.Category.STRING;
      bytes &= t == PgType.UNKNOWN || t == PgType.BYTEA;
    }
    if (text) return new Signature(List.of(PgType.TEXT, PgType.TEXT), PgType.TEXT);
    if (bytes) return new Signature(List.of(PgType.BYTEA, PgType.BYTEA), PgType.BYTEA);
    throw undefined("string_agg", args);
  }

  /**
   * percentile_cont(double precision) WITHIN GROUP (ORDER BY double precision) is double precision;
   * percentile_disc(double precision) WITHIN GROUP (ORDER BY anyelement) and mode() the sorted type.
   */
  static Signature resolveOrderedSet(String name, List<Expr> direct, Expr sorted) {
    PgType s = sorted.type() == PgType.UNKNOWN ? PgType.TEXT : sorted.type();
    switch (name) {
      case "mode":
        if (!direct.isEmpty()) throw orderedUndefined(name, direct, sorted);
        return new Signature(List.of(s), s);
      case "percentile_disc":
        if (direct.size() != 1 || !numberOrUnknown(direct.get(0).type())) throw orderedUndefined(name, direct, sorted);
        return new Signature(List.of(PgType.FLOAT8, s), s);
      default:
        if (direct.size() != 1 || !numberOrUnknown(direct.get(0).type())
            || (Values.category(s) != Values.Category.NUMBER && sorted.type() != PgType.UNKNOWN)) {
          throw orderedUndefined(name, direct, sorted);
        }
        return new Signature(List.of(PgType.FLOAT8, PgType.FLOAT8), PgType.FLOAT8);
    }
  }

  private static boolean numberOrUnknown(PgType t) {
    return t == PgType.UNKNOWN || Values.category(t) == Values.Category.NUMBER;
  }

  private static DbException orderedUndefined(String name, List<Expr> direct, Expr sorted) {
    List<String> t = new java.util.ArrayList<>(types(direct));
    t.add(sorted.type().sqlName());
    return Errors.undefinedFunction(name, t);
  }

  private static Signature one(PgType arg, PgType result) {
    return new Signature(List.of(arg), result);
  }

  static List<String> types(List<Expr> args) {
    return args.stream().map(a -> a.type().sqlName()).toList();
  }

  static DbException undefined(String name, List<Expr> args) {
    return Errors.undefinedFunction(name, types(args));
  }
}
