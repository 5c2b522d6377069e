package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.JsonbText;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.JsonBuild;
import org.opendsql.sql.expr.JsonFunctions;
import org.opendsql.sql.expr.JsonTextOps;
import org.opendsql.sql.expr.JsonbOps;
import org.opendsql.sql.expr.Values;

/**
 * Binding of the json and jsonb operators and functions with PostgreSQL's operand resolution: an
 * untyped literal on the right of {@code ->} is a key (text is preferred over integer), an untyped
 * left operand is ambiguous between json and jsonb (42725), json has only the extraction operators.
 */
final class JsonBinder {
  private JsonBinder() {}

  private static final Set<String> EXTRACTION = Set.of("->", "->>", "#>", "#>>");

  /** The SQL/JSON path functions, which are not implemented: 0A000 rather than a wrong answer. */
  private static final Set<String> PATH_FUNCTIONS = Set.of("jsonb_path_query", "jsonb_path_query_array",
      "jsonb_path_query_first", "jsonb_path_exists", "jsonb_path_match", "jsonb_path_query_tz",
      "jsonb_path_query_array_tz", "jsonb_path_query_first_tz", "jsonb_path_exists_tz", "jsonb_path_match_tz");

  /**
   * The operators the pre-parser rewrites into calls named like them (OperatorSyntax's list,
   * spelled out here because the planner may not depend on the parser).
   */
  static boolean isOperator(String name) {
    return switch (name) {
      case "->", "->>", "#>", "#>>", "#-", "?", "?|", "?&", "@?", "@@" -> true;
      default -> false;
    };
  }

  static boolean isJson(PgType t) {
    return t == PgType.JSON || t == PgType.JSONB;
  }

  /** json has no equality operator: grouping, DISTINCT and UNION over it are 42883. */
  static void requireEquality(PgType t) {
    if (t == PgType.JSON) throw Errors.noEqualityOperator("equality", t.sqlName());
  }

  static void requireOrdering(PgType t) {
    if (t == PgType.JSON) throw Errors.noEqualityOperator("ordering", t.sqlName());
  }

  // ---------------------------------------------------------------- operators

  /** {@code l op r} for a json operator rewritten by the pre-parser into a call named like it. */
  static Expr operator(Binder b, String op, Expr l, Expr r) {
    if (op.equals("@?") || op.equals("@@")) throw Errors.unsupported("SQL/JSON path operator " + op);
    if (l.type() == PgType.UNKNOWN) {
      throw Errors.ambiguousOperator("unknown", op, r.type() == PgType.UNKNOWN ? "unknown" : r.type().sqlName());
    }
    PgType t = l.type();
    if (!isJson(t) || (t == PgType.JSON && !EXTRACTION.contains(op))) throw undefined(l, op, r);
    switch (op) {
      case "->", "->>": {
        boolean text = op.equals("->>");
        PgType result = text ? PgType.TEXT : t;
        if (r.type() == PgType.INT4 || r.type() == PgType.INT2) {
          Expr idx = r.type() == PgType.INT2 ? new Exprs.Cast(r, PgType.INT4, -1, false) : r;
          return call(op, List.of(l, idx), result, a -> t == PgType.JSONB
              ? jsonbOut(JsonbOps.element((Jsonb) a[0], ((Number) a[1]).longValue()), text)
              : jsonOut(JsonTextOps.element(JsonTextOps.parse((String) a[0]), ((Number) a[1]).longValue()), text));
        }
        Expr key = textArg(b, r);
        if (key == null) throw undefined(l, op, r);
        return call(op, List.of(l, key), result, a -> t == PgType.JSONB
            ? jsonbOut(JsonbOps.field((Jsonb) a[0], (String) a[1]), text)
            : jsonOut(JsonTextOps.field(JsonTextOps.parse((String) a[0]), (String) a[1]), text));
      }
      case "#>", "#>>": {
        boolean text = op.equals("#>>");
        Expr path = textArrayArg(b, r);
        if (path == null) throw undefined(l, op, r);
        return call(op, List.of(l, path), text ? PgType.TEXT : t, a -> t == PgType.JSONB
            ? jsonbOut(JsonbOps.path((Jsonb) a[0], ((PgArray) a[1]).items()), text)
            : jsonOut(JsonTextOps.path(JsonTextOps.parse((String) a[0]), ((PgArray) a[1]).items()), text));
      }
      case "#-": {
        Expr path = textArrayArg(b, r);
        if (path == null) throw undefined(l, op, r);
        return call(op, List.of(l, path), PgType.JSONB, a -> JsonbOps.setPath((Jsonb) a[0], ((PgArray) a[1]).items(),
            null, JsonbOps.PathOp.DELETE, "cannot delete path in scalar"));
      }
      case "?": {
        Expr key = textArg(b, r);
        if (key == null) throw undefined(l, op, r);
        return call(op, List.of(l, key), PgType.BOOL, a -> JsonbOps.exists((Jsonb) a[0], (String) a[1]));
      }
      default: {
        Expr keys = textArrayArg(b, r);
        if (keys == null) throw undefined(l, op, r);
        boolean all = op.equals("?&");
        return call(op, List.of(l, keys), PgType.BOOL, a -> JsonbOps.existsKeys((Jsonb) a[0], ((PgArray) a[1]).items(), all));
      }
    }
  }

  /** {@code @>} and {@code <@} when a side is jsonb; null when neither is (the array operators). */
  static Expr containment(Binder b, String op, Expr l, Expr r) {
    if (!isJson(l.type()) && !isJson(r.type())) return null;
    if (l.type() == PgType.UNKNOWN) l = b.coerce(l, r.type());
    if (r.type() == PgType.UNKNOWN) r = b.coerce(r, l.type());
    if (l.type() != PgType.JSONB || r.type() != PgType.JSONB) throw undefined(l, op, r);
    boolean contains = op.equals("@>");
    return call(op, List.of(l, r), PgType.BOOL,
        a -> contains ? JsonbOps.contains((Jsonb) a[0], (Jsonb) a[1]) : JsonbOps.contains((Jsonb) a[1], (Jsonb) a[0]));
  }

  /** {@code jsonb || jsonb} (an untyped side read as jsonb); null for any other pair. */
  static Expr concat(Binder b, Expr l, Expr r) {
    boolean lj = l.type() == PgType.JSONB;
    boolean rj = r.type() == PgType.JSONB;
    if (!(lj && (rj || r.type() == PgType.UNKNOWN)) && !(rj && l.type() == PgType.UNKNOWN)) return null;
    Expr x = b.coerce(l, PgType.JSONB);
    Expr y = b.coerce(r, PgType.JSONB);
    return call("||", List.of(x, y), PgType.JSONB, a -> JsonbOps.concat((Jsonb) a[0], (Jsonb) a[1]));
  }

  /** {@code jsonb - text}, {@code jsonb - int}, {@code jsonb - text[]}; null when the left side is not jsonb. */
  static Expr minus(Binder b, Expr l, Expr r) {
    if (l.type() != PgType.JSONB) return null;
    if (r.type() == PgType.INT4 || r.type() == PgType.INT2) {
      return call("-", List.of(l, r), PgType.JSONB, a -> JsonbOps.deleteIndex((Jsonb) a[0], ((Number) a[1]).longValue()));
    }
    if (r.type().isArray()) {
      Expr keys = textArrayArg(b, r);
      if (keys == null) throw undefined(l, "-", r);
      return call("-", List.of(l, keys), PgType.JSONB, a -> JsonbOps.deleteKeys((Jsonb) a[0], ((PgArray) a[1]).items()));
    }
    Expr key = textArg(b, r);
    if (key == null) throw undefined(l, "-", r);
    return call("-", List.of(l, key), PgType.JSONB, a -> JsonbOps.deleteKeys((Jsonb) a[0], List.of(a[1])));
  }

  private static Object jsonbOut(Jsonb v, boolean text) {
    return text ? JsonbOps.text(v) : v;
  }

  private static Object jsonOut(JsonTextOps.Node n, boolean text) {
    return text ? JsonTextOps.text(n) : JsonTextOps.json(n);
  }

  /** A text operand: text, varchar, char, name or an untyped literal; null for anything else. */
  private static Expr textArg(Binder b, Expr e) {
    if (e.type() == PgType.UNKNOWN) return b.coerce(e, PgType.TEXT);
    if (Values.category(e.type()) == Values.Category.STRING) return Binder.textOperand(e);
    return null;
  }

  private static Expr textArrayArg(Binder b, Expr e) {
    if (e.type() == PgType.UNKNOWN) return b.coerce(e, PgType.TEXT_ARRAY);
    if (e.type() == PgType.TEXT_ARRAY) return e;
    if (e.type().isArray() && Values.category(e.type().elementType()) == Values.Category.STRING) {
      return new Exprs.Cast(e, PgType.TEXT_ARRAY, -1, false);
    }
    return null;
  }

  private static RuntimeException undefined(Expr l, String op, Expr r) {
    return Errors.undefinedOperator(l.type().sqlName(), op, r.type().sqlName());
  }

  private static Expr call(String name, List<Expr> args, PgType type, Function<Object[], Object> fn) {
    return new Exprs.Call(name, args, type, true, fn, true);
  }

  // ---------------------------------------------------------------- functions

  /** A json function call, or null when {@code name} is none. */
  static Expr function(String name, List<Expr> args, Binder b) {
    if (PATH_FUNCTIONS.contains(name)) throw Errors.unsupported("SQL/JSON path function " + name);
    switch (name) {
      case "to_json", "to_jsonb": {
        arity(name, args, 1, 1);
        Expr v = polymorphic(args.get(0));
        PgType vt = v.type();
        boolean jsonb = name.equals("to_jsonb");
        return new Exprs.ContextCall(name, List.of(v), jsonb ? PgType.JSONB : PgType.JSON,
            (a, c) -> jsonb ? JsonBuild.jsonb(a[0], vt, c.zone) : JsonBuild.json(a[0], vt, c.zone));
      }
      case "row_to_json": {
        arity(name, args, 1, 1);
        if (args.get(0).type() != PgType.RECORD) throw undefined(name, args);
        return new Exprs.ContextCall(name, args, PgType.JSON, (a, c) -> JsonBuild.json(a[0], PgType.RECORD, c.zone));
      }
      case "array_to_json": {
        arity(name, args, 1, 1);
        if (!args.get(0).type().isArray()) throw undefined(name, args);
        PgType at = args.get(0).type();
        return new Exprs.ContextCall(name, args, PgType.JSON, (a, c) -> JsonBuild.json(a[0], at, c.zone));
      }
      case "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array": {
        List<Expr> vs = new ArrayList<>();
        for (Expr a : args) vs.add(b.finishUnknown(a));
        List<PgType> types = vs.stream().map(Expr::type).toList();
        boolean jsonb = name.startsWith("jsonb");
        boolean object = name.endsWith("object");
        if (object && vs.size() % 2 != 0) throw Errors.jsonBuildOddArguments(name);
        return new Exprs.SessionCall(name, vs, jsonb ? PgType.JSONB : PgType.JSON, 0, (c, a) -> object
            ? JsonFunctions.buildObject(a, types, jsonb, c.zone) : JsonFunctions.buildArray(a, types, jsonb, c.zone));
      }
      case "json_object", "jsonb_object": {
        arity(name, args, 1, 2);
        List<Expr> typed = new ArrayList<>();
        for (Expr a : args) {
          Expr t = textArrayArg(b, a);
          if (t == null) throw undefined(name, args);
          typed.add(t);
        }
        boolean jsonb = name.equals("jsonb_object");
        return call(name, typed, jsonb ? PgType.JSONB : PgType.JSON, a -> a.length == 1
            ? JsonFunctions.object((PgArray) a[0], null, jsonb) : JsonFunctions.object((PgArray) a[0], (PgArray) a[1], jsonb));
      }
      case "json_typeof", "jsonb_typeof": {
        Expr v = jsonArg(b, name, args, name.startsWith("jsonb"));
        return call(name, List.of(v), PgType.TEXT, a -> a[0] instanceof Jsonb j ? j.typeName()
            : JsonTextOps.parse((String) a[0]).typeName());
      }
      case "json_array_length", "jsonb_array_length": {
        Expr v = jsonArg(b, name, args, name.startsWith("jsonb"));
        return call(name, List.of(v), PgType.INT4, a -> a[0] instanceof Jsonb j ? JsonFunctions.arrayLength(j)
            : JsonTextOps.arrayLength(JsonTextOps.parse((String) a[0])));
      }
      case "json_extract_path", "json_extract_path_text", "jsonb_extract_path", "jsonb_extract_path_text": {
        // The path is VARIADIC text[]: at least one element.
        if (args.size() < 2) throw undefined(name, args);
        boolean jsonb = name.startsWith("jsonb");
        boolean text = name.endsWith("_text");
        List<Expr> typed = new ArrayList<>();
        typed.add(jsonArg(b, name, args.subList(0, 1), jsonb));
        for (Expr a : args.subList(1, args.size())) {
          Expr t = textArg(b, a);
          if (t == null) throw undefined(name, args);
          typed.add(t);
        }
        PgType result = text ? PgType.TEXT : jsonb ? PgType.JSONB : PgType.JSON;
        return new Exprs.Call(name, typed, result, false, a -> {
          if (a[0] == null) return null;
          List<Object> path = java.util.Arrays.asList(a).subList(1, a.length);
          return jsonb ? jsonbOut(JsonbOps.path((Jsonb) a[0], path), text)
              : jsonOut(JsonTextOps.path(JsonTextOps.parse((String) a[0]), path), text);
        }, true);
      }
      case "jsonb_set", "jsonb_insert": {
        arity(name, args, 3, 4);
        List<Expr> typed = new ArrayList<>();
        typed.add(jsonArg(b, name, args.subList(0, 1), true));
        Expr path = textArrayArg(b, args.get(1));
        if (path == null) throw undefined(name, args);
        typed.add(path);
        typed.add(jsonArg(b, name, args.subList(2, 3), true));
        if (args.size() == 4) {
          Expr flag = b.coerce(args.get(3), PgType.BOOL);
          if (flag.type() != PgType.BOOL) throw undefined(name, args);
          typed.add(flag);
        }
        boolean set = name.equals("jsonb_set");
        return call(name, typed, PgType.JSONB, a -> {
          boolean flag = a.length > 3 ? (Boolean) a[3] : set;
          JsonbOps.PathOp op = set ? (flag ? JsonbOps.PathOp.CREATE : JsonbOps.PathOp.REPLACE)
              : (flag ? JsonbOps.PathOp.INSERT_AFTER : JsonbOps.PathOp.INSERT_BEFORE);
          return JsonbOps.setPath((Jsonb) a[0], ((PgArray) a[1]).items(), (Jsonb) a[2], op,
              "cannot set path in scalar");
        });
      }
      case "jsonb_strip_nulls", "json_strip_nulls": {
        boolean jsonb = name.startsWith("jsonb");
        Expr v = jsonArg(b, name, args, jsonb);
        return call(name, List.of(v), v.type(), a -> jsonb ? JsonbOps.stripNulls((Jsonb) a[0])
            : JsonFunctions.stripNulls(JsonTextOps.parse((String) a[0])));
      }
      case "jsonb_pretty": {
        Expr v = jsonArg(b, name, args, true);
        return call(name, List.of(v), PgType.TEXT, a -> JsonbText.pretty((Jsonb) a[0]));
      }
      default:
        return null;
    }
  }

  /** The one json (or jsonb) argument of {@code name}; an untyped literal is read as that type. */
  private static Expr jsonArg(Binder b, String name, List<Expr> args, boolean jsonb) {
    arity(name, args, 1, 1);
    PgType t = jsonb ? PgType.JSONB : PgType.JSON;
    Expr a = args.get(0);
    if (a.type() == PgType.UNKNOWN) return b.coerce(a, t);
    if (a.type() == t) return a;
    if (isJson(a.type())) return new Exprs.Cast(a, t, -1, false);
    throw undefined(name, args);
  }

  /** An argument of a polymorphic ("anyelement") parameter: an untyped literal has no type to take. */
  private static Expr polymorphic(Expr e) {
    if (e.type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
    return e;
  }

  private static void arity(String name, List<Expr> args, int min, int max) {
    if (args.size() < min || args.size() > max) throw undefined(name, args);
  }

  private static RuntimeException undefined(String name, List<Expr> args) {
    return Functions.undefined(name, args);
  }

  // ---------------------------------------------------------------- set-returning functions

  /** The json set-returning functions: their output columns and rows. */
  record TableFunction(String name, List<String> columns, List<PgType> types, List<Expr> args,
      Function<Object[], Iterator<Object[]>> rows) {}

  static boolean isSetReturning(String name) {
    return switch (name) {
      case "json_each", "json_each_text", "jsonb_each", "jsonb_each_text", "json_array_elements",
          "json_array_elements_text", "jsonb_array_elements", "jsonb_array_elements_text", "json_object_keys",
          "jsonb_object_keys" -> true;
      default -> false;
    };
  }

  static TableFunction tableFunction(Binder b, String name, List<Expr> args) {
    boolean jsonb = name.startsWith("jsonb");
    Expr v = jsonArg(b, name, args, jsonb);
    PgType valueType = jsonb ? PgType.JSONB : PgType.JSON;
    boolean text = name.endsWith("_text");
    PgType out = text ? PgType.TEXT : valueType;
    if (name.endsWith("_each") || name.endsWith("_each_text")) {
      return new TableFunction(name, List.of("key", "value"), List.of(PgType.TEXT, out), List.of(v),
          a -> (jsonb ? JsonFunctions.each((Jsonb) a[0], text) : JsonTextOps.each(JsonTextOps.parse((String) a[0]), text, name)).iterator());
    }
    if (name.endsWith("_object_keys")) {
      return new TableFunction(name, List.of(name), List.of(PgType.TEXT), List.of(v),
          a -> (jsonb ? JsonFunctions.objectKeys((Jsonb) a[0]) : JsonTextOps.objectKeys(JsonTextOps.parse((String) a[0]))).iterator());
    }
    return new TableFunction(name, List.of("value"), List.of(out), List.of(v),
        a -> (jsonb ? JsonFunctions.elements((Jsonb) a[0], text) : JsonTextOps.elements(JsonTextOps.parse((String) a[0]), text)).iterator());
  }
}
