package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.expr.ArrayExprs;
import org.opendsql.sql.expr.ArrayFunctions;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.Values;
import org.opendsql.sql.parse.OperatorSyntax;

/**
 * Binding of array syntax and of the array functions, with PostgreSQL's type resolution: an
 * untyped literal next to an array is read as an array of its type, the array functions of
 * PostgreSQL 14+ take "anycompatible" arguments (element types unify like CASE branches), the
 * containment operators need the same array type on both sides.
 */
final class ArrayBinder {
  private ArrayBinder() {}

  // ---------------------------------------------------------------- constructors

  /** {@code ARRAY[...]}, nested {@code [...]} lists making further dimensions. */
  static Expr constructor(Binder b, ArrayConstructor ac, PgType expected) {
    PgType expectedElement = expected != null && expected.isArray() ? expected.elementType() : null;
    List<? extends Expression> list = ac.getExpressions() == null ? List.of() : ac.getExpressions();
    if (list.isEmpty()) {
      if (expected == null || !expected.isArray()) throw Errors.emptyArrayTypeUnknown();
      return new Exprs.Const(expected, PgArray.empty());
    }
    int subLists = 0;
    for (Expression x : list) {
      if (x instanceof ArrayConstructor sub && !sub.isArrayKeyword()) subLists++;
    }
    if (subLists > 0 && subLists < list.size()) throw Errors.syntaxErrorAt("[");
    List<Expr> items = new ArrayList<>();
    for (Expression x : list) {
      items.add(x instanceof ArrayConstructor sub && !sub.isArrayKeyword()
          ? constructor(b, sub, expected) : b.bind(x, expectedElement));
    }
    boolean nested = subLists > 0;
    if (!nested) {
      nested = true;
      for (Expr e : items) nested &= e.type().isArray();
    }
    PgType t = PgType.UNKNOWN;
    for (Expr e : items) {
      if (e.type() != PgType.UNKNOWN) t = t == PgType.UNKNOWN ? e.type() : b.commonType(t, e.type(), "ARRAY");
    }
    if (t == PgType.UNKNOWN) t = expectedElement != null ? expectedElement : PgType.TEXT;
    List<Expr> typed = new ArrayList<>();
    for (Expr e : items) typed.add(b.toType(e, t));
    PgType result = nested ? t : arrayOf(t);
    return new ArrayExprs.Build(typed, result, nested);
  }

  /** The array type of {@code element}; a type without one is not supported. */
  static PgType arrayOf(PgType element) {
    PgType t = element.arrayType();
    if (t == null) throw Errors.unsupported("arrays of type " + element.sqlName());
    return t;
  }

  /** {@code ARRAY(SELECT ...)}: the column's values in row order; arrays stack into a dimension more. */
  static Expr subquery(RelQuery q) {
    if (q.columns().size() != 1) throw Errors.subqueryTooManyColumns();
    PgType col = q.columns().get(0).type();
    if (col == PgType.UNKNOWN) col = PgType.TEXT;
    return new RelExprs.ArraySubquery(q, col.isArray() ? col : arrayOf(col));
  }

  // ---------------------------------------------------------------- subscripts

  /** True for the functions the parser's rewrite puts in a subscript for a slice. */
  static boolean isSlice(Expression e) {
    if (!(e instanceof Function f)) return false;
    String n = Binder.functionName(f.getName());
    return n.equals(OperatorSyntax.SLICE) || n.equals(OperatorSyntax.SLICE_FROM) || n.equals(OperatorSyntax.SLICE_TO)
        || n.equals(OperatorSyntax.SLICE_ALL);
  }

  /** {@code base[s1][s2]...}: an element, or a slice when any subscript is one. */
  static Expr subscripts(Binder b, Expr base, List<Expression> subs) {
    if (!base.type().isArray()) throw Errors.cannotSubscript(base.type().sqlName());
    boolean slice = subs.stream().anyMatch(ArrayBinder::isSlice);
    List<Expr> lower = new ArrayList<>();
    List<Expr> upper = new ArrayList<>();
    for (Expression s : subs) {
      if (isSlice(s)) {
        Function f = (Function) s;
        String n = Binder.functionName(f.getName());
        List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
        Expression lo = n.equals(OperatorSyntax.SLICE) || n.equals(OperatorSyntax.SLICE_FROM) ? args.get(0) : null;
        Expression hi = n.equals(OperatorSyntax.SLICE) ? args.get(1) : n.equals(OperatorSyntax.SLICE_TO) ? args.get(0) : null;
        lower.add(lo == null ? null : index(b, lo));
        upper.add(hi == null ? null : index(b, hi));
      } else {
        lower.add(slice ? new Exprs.Const(PgType.INT4, 1) : null);
        upper.add(index(b, s));
      }
    }
    PgType t = slice ? base.type() : base.type().elementType();
    return new ArrayExprs.Subscript(base, lower, upper, slice, t);
  }

  /**
   * The new value of an array column set through subscripts ({@code SET a[i] = v}): {@code base}
   * is the column's value before (or the previous subscripted assignment's result).
   */
  static Expr assignment(Binder b, Expr base, String column, int typmod, List<Expression> subs, Expression value) {
    if (!base.type().isArray()) throw Errors.cannotSubscript(base.type().sqlName());
    boolean slice = subs.stream().anyMatch(ArrayBinder::isSlice);
    Expr sub = subscripts(b, base, subs);
    ArrayExprs.Subscript s = (ArrayExprs.Subscript) sub;
    PgType target = slice ? base.type() : base.type().elementType();
    Expr v = b.coerce(b.bindNoAggregates(value, target, "UPDATE"), target);
    if (!Values.assignable(v.type(), target)) {
      throw Errors.columnTypeMismatch(column, target.sqlName(), v.type().sqlName());
    }
    return new ArrayExprs.Assign(base, s.lower(), s.upper(), slice, v, typmod);
  }

  private static Expr index(Binder b, Expression e) {
    Expr x = b.coerce(b.bind(e, PgType.INT4), PgType.INT4);
    if (Values.category(x.type()) != Values.Category.NUMBER) throw Errors.arraySubscriptNotInteger();
    return x.type() == PgType.INT4 ? x : new Exprs.Cast(x, PgType.INT4, -1, false);
  }

  // ---------------------------------------------------------------- operators

  /** {@code x op ANY|SOME|ALL (array)}. */
  static Expr quantified(Binder b, Exprs.CmpOp op, String symbol, Expression left, Expression array, boolean all) {
    Expr l = b.bind(left, null);
    PgType hint = l.type() == PgType.UNKNOWN || l.type().arrayType() == null ? null : l.type().arrayType();
    Expr r = b.bind(array, hint);
    if (r.type() == PgType.UNKNOWN) r = b.coerce(r, hint != null ? hint : PgType.TEXT_ARRAY);
    if (!r.type().isArray()) throw Errors.anyAllNeedsArray();
    PgType element = r.type().elementType();
    if (l.type() == PgType.UNKNOWN) l = b.coerce(l, element);
    if (!Values.comparable(l.type(), element)) throw Errors.undefinedOperator(l.type().sqlName(), symbol, element.sqlName());
    return new ArrayExprs.Quantified(op, l, r, all);
  }

  /**
   * {@code ||} when an operand is an array: array_cat, array_append or array_prepend; an untyped
   * literal beside an array is an array. Null when neither operand is an array.
   */
  static Expr concat(Binder b, Expr l, Expr r) {
    boolean la = l.type().isArray();
    boolean ra = r.type().isArray();
    if (!la && !ra) return null;
    if (la && r.type() == PgType.UNKNOWN) r = b.coerce(r, l.type());
    if (ra && l.type() == PgType.UNKNOWN) l = b.coerce(l, r.type());
    la = l.type().isArray();
    ra = r.type().isArray();
    PgType le = la ? l.type().elementType() : l.type();
    PgType re = ra ? r.type().elementType() : r.type();
    String lt = l.type().sqlName();
    String rt = r.type().sqlName();
    PgType element = compatible(b, le, re, () -> Errors.undefinedOperator(lt, "||", rt));
    PgType array = arrayOf(element);
    Expr x = b.toType(l, la ? array : element);
    Expr y = b.toType(r, ra ? array : element);
    if (la && ra) {
      return new Exprs.Call("array_cat", List.of(x, y), array, false,
          a -> ArrayFunctions.cat((PgArray) a[0], (PgArray) a[1]), true);
    }
    if (la) return new Exprs.Call("array_append", List.of(x, y), array, false, a -> ArrayFunctions.append((PgArray) a[0], a[1]), true);
    return new Exprs.Call("array_prepend", List.of(x, y), array, false, a -> ArrayFunctions.prepend(a[0], (PgArray) a[1]), true);
  }

  /** The common element type of anycompatible arguments, or the given error. */
  private static PgType compatible(Binder b, PgType x, PgType y, java.util.function.Supplier<RuntimeException> error) {
    if (x == PgType.UNKNOWN) return y == PgType.UNKNOWN ? PgType.TEXT : y;
    if (y == PgType.UNKNOWN) return x;
    try {
      return b.commonType(x, y, "");
    } catch (RuntimeException e) {
      throw error.get();
    }
  }

  /** {@code a @> b}, {@code a <@ b}, {@code a && b}: arrays of one type on both sides. */
  static Expr containment(Binder b, String op, Expr l, Expr r) {
    if (l.type() == PgType.UNKNOWN && r.type().isArray()) l = b.coerce(l, r.type());
    if (r.type() == PgType.UNKNOWN && l.type().isArray()) r = b.coerce(r, l.type());
    if (!l.type().isArray() || l.type() != r.type()) {
      throw Errors.undefinedOperator(l.type().sqlName(), op, r.type().sqlName());
    }
    return switch (op) {
      case "@>" -> new Exprs.Call("arraycontains", List.of(l, r), PgType.BOOL, true,
          a -> contains((PgArray) a[0], (PgArray) a[1]), true);
      case "<@" -> new Exprs.Call("arraycontained", List.of(l, r), PgType.BOOL, true,
          a -> contains((PgArray) a[1], (PgArray) a[0]), true);
      default -> new Exprs.Call("arrayoverlap", List.of(l, r), PgType.BOOL, true,
          a -> overlaps((PgArray) a[0], (PgArray) a[1]), true);
    };
  }

  /** Every element of {@code sub} equals some element of {@code a}; a NULL element matches nothing. */
  private static boolean contains(PgArray a, PgArray sub) {
    for (Object x : sub.items()) {
      if (x == null || !has(a, x)) return false;
    }
    return true;
  }

  private static boolean overlaps(PgArray a, PgArray b) {
    for (Object x : b.items()) if (x != null && has(a, x)) return true;
    return false;
  }

  private static boolean has(PgArray a, Object x) {
    for (Object e : a.items()) if (e != null && Values.compare(e, x) == 0) return true;
    return false;
  }

  // ---------------------------------------------------------------- functions

  /** Binds an array function, or returns null when {@code name} is not one. */
  static Expr function(String name, List<Expr> args, Binder b) {
    switch (name) {
      case "array_length", "array_lower", "array_upper": {
        arity(name, args, 2, 2);
        Expr a = anyArray(name, args, 0);
        Expr d = integer(b, name, args, 1);
        return new Exprs.Call(name, List.of(a, d), PgType.INT4, true, v -> switch (name) {
          case "array_length" -> ArrayFunctions.length((PgArray) v[0], (Integer) v[1]);
          case "array_lower" -> ArrayFunctions.lower((PgArray) v[0], (Integer) v[1]);
          default -> ArrayFunctions.upper((PgArray) v[0], (Integer) v[1]);
        }, true);
      }
      case "array_ndims", "cardinality", "array_dims": {
        arity(name, args, 1, 1);
        Expr a = anyArray(name, args, 0);
        if (name.equals("array_dims")) {
          return new Exprs.Call(name, List.of(a), PgType.TEXT, true, v -> ArrayFunctions.dims((PgArray) v[0]), true);
        }
        boolean card = name.equals("cardinality");
        return new Exprs.Call(name, List.of(a), PgType.INT4, true,
            v -> card ? (Object) ((PgArray) v[0]).size() : ArrayFunctions.ndims((PgArray) v[0]), true);
      }
      case "array_position", "array_positions": {
        arity(name, args, 2, name.equals("array_position") ? 3 : 2);
        List<Expr> u = arrayAndElements(b, name, args, 1);
        Expr start = args.size() > 2 ? integer(b, name, args, 2) : null;
        List<Expr> all = new ArrayList<>(u);
        if (start != null) all.add(start);
        if (name.equals("array_positions")) {
          return new Exprs.Call(name, all, PgType.INT4_ARRAY, false,
              v -> v[0] == null ? null : ArrayFunctions.positions((PgArray) v[0], v[1]), true);
        }
        return new Exprs.Call(name, all, PgType.INT4, false, v -> {
          if (v[0] == null || (v.length > 2 && v[2] == null)) return null;
          return ArrayFunctions.position((PgArray) v[0], v[1], v.length > 2 ? (Integer) v[2] : null);
        }, true);
      }
      case "array_append":
        arity(name, args, 2, 2);
        return elementsCall(b, name, args, 1, 0, v -> ArrayFunctions.append((PgArray) v[0], v[1]));
      case "array_prepend": {
        arity(name, args, 2, 2);
        List<Expr> swapped = List.of(args.get(1), args.get(0));
        List<Expr> u = arrayAndElements(b, name, swapped, 1, args);
        return new Exprs.Call(name, List.of(u.get(1), u.get(0)), u.get(0).type(), false,
            v -> ArrayFunctions.prepend(v[0], (PgArray) v[1]), true);
      }
      case "array_cat": {
        arity(name, args, 2, 2);
        Expr l = args.get(0);
        Expr r = args.get(1);
        if (l.type() == PgType.UNKNOWN && r.type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
        if (l.type() == PgType.UNKNOWN) l = b.coerce(l, r.type());
        if (r.type() == PgType.UNKNOWN) r = b.coerce(r, l.type());
        if (!l.type().isArray() || !r.type().isArray()) throw undefined(name, args);
        PgType array = arrayOf(compatible(b, l.type().elementType(), r.type().elementType(), () -> undefined(name, args)));
        return new Exprs.Call(name, List.of(b.toType(l, array), b.toType(r, array)), array, false,
            v -> ArrayFunctions.cat((PgArray) v[0], (PgArray) v[1]), true);
      }
      case "array_remove":
        arity(name, args, 2, 2);
        return elementsCall(b, name, args, 1, 1, v -> ArrayFunctions.remove((PgArray) v[0], v[1]));
      case "array_replace":
        arity(name, args, 3, 3);
        return elementsCall(b, name, args, 2, 1, v -> ArrayFunctions.replace((PgArray) v[0], v[1], v[2]));
      case "array_to_string": {
        arity(name, args, 2, 3);
        Expr a = anyArray(name, args, 0);
        List<Expr> all = new ArrayList<>(List.of(a, text(b, name, args, 1)));
        if (args.size() > 2) all.add(text(b, name, args, 2));
        PgType element = a.type().elementType();
        return new Exprs.SessionCall(name, all, PgType.TEXT, 2, (c, v) -> ArrayFunctions.toString((PgArray) v[0], element,
            (String) v[1], v.length > 2 ? (String) v[2] : null, c.zone));
      }
      case "string_to_array": {
        arity(name, args, 2, 3);
        List<Expr> all = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) all.add(text(b, name, args, i));
        return new Exprs.Call(name, all, PgType.TEXT_ARRAY, false,
            v -> v[0] == null ? null : ArrayFunctions.fromString((String) v[0], (String) v[1], v.length > 2 ? (String) v[2] : null),
            true);
      }
      case "array_fill": {
        arity(name, args, 2, 3);
        Expr value = b.finishUnknown(args.get(0));
        if (args.get(0).type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
        List<Expr> all = new ArrayList<>(List.of(value));
        for (int i = 1; i < args.size(); i++) {
          Expr d = b.coerce(args.get(i), PgType.INT4_ARRAY);
          if (d.type() != PgType.INT4_ARRAY) throw undefined(name, args);
          all.add(d);
        }
        PgType array = arrayOf(value.type());
        return new Exprs.Call(name, all, array, false, v -> {
          if (v[1] == null || (v.length > 2 && v[2] == null)) throw Errors.arrayFillNullArgument();
          return ArrayFunctions.fill(v[0], (PgArray) v[1], v.length > 2 ? (PgArray) v[2] : null);
        }, true);
      }
      case "trim_array": {
        arity(name, args, 2, 2);
        Expr a = anyArray(name, args, 0);
        Expr n = integer(b, name, args, 1);
        return new Exprs.Call(name, List.of(a, n), a.type(), true,
            v -> ArrayFunctions.trim((PgArray) v[0], (Integer) v[1]), true);
      }
      default:
        return null;
    }
  }

  private static void arity(String name, List<Expr> args, int min, int max) {
    if (args.size() < min || args.size() > max) throw undefined(name, args);
  }

  private static RuntimeException undefined(String name, List<Expr> args) {
    return Functions.undefined(name, args);
  }

  /** An anyarray argument: it must be an array, and an untyped literal leaves the type undetermined. */
  private static Expr anyArray(String name, List<Expr> args, int i) {
    Expr a = args.get(i);
    if (a.type() == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
    if (!a.type().isArray()) throw undefined(name, args);
    return a;
  }

  private static Expr integer(Binder b, String name, List<Expr> args, int i) {
    Expr x = b.coerce(args.get(i), PgType.INT4);
    if (x.type() == PgType.INT2) return new Exprs.Cast(x, PgType.INT4, -1, false);
    if (x.type() != PgType.INT4) throw undefined(name, args);
    return x;
  }

  private static Expr text(Binder b, String name, List<Expr> args, int i) {
    Expr x = b.coerce(args.get(i), PgType.TEXT);
    if (Values.category(x.type()) != Values.Category.STRING) throw undefined(name, args);
    return x;
  }

  /**
   * anycompatiblearray with {@code elements} anycompatible arguments after it: the array's element
   * type and theirs unify; the array comes first in the result, converted to the common type.
   */
  private static List<Expr> arrayAndElements(Binder b, String name, List<Expr> args, int elements) {
    return arrayAndElements(b, name, args, elements, args);
  }

  private static List<Expr> arrayAndElements(Binder b, String name, List<Expr> args, int elements, List<Expr> asWritten) {
    Expr a = args.get(0);
    PgType element = PgType.UNKNOWN;
    if (a.type() != PgType.UNKNOWN) {
      if (!a.type().isArray()) throw undefined(name, asWritten);
      element = a.type().elementType();
    }
    for (int i = 1; i <= elements; i++) {
      PgType t = args.get(i).type();
      if (t.isArray()) throw undefined(name, asWritten);
      PgType before = element;
      element = compatible(b, element, t, () -> undefined(name, asWritten));
      if (before == PgType.UNKNOWN && t == PgType.UNKNOWN) element = PgType.UNKNOWN;
    }
    if (element == PgType.UNKNOWN) throw Errors.polymorphicUnknown();
    PgType array = arrayOf(element);
    List<Expr> out = new ArrayList<>();
    out.add(b.toType(a, array));
    for (int i = 1; i <= elements; i++) out.add(b.toType(args.get(i), element));
    return out;
  }

  /** A function of an array and elements returning the array type; strict in its first {@code strictArgs}. */
  private static Expr elementsCall(Binder b, String name, List<Expr> args, int elements, int strictArgs,
      java.util.function.Function<Object[], Object> fn) {
    List<Expr> u = arrayAndElements(b, name, args, elements);
    return new Exprs.Call(name, u, u.get(0).type(), false, v -> {
      for (int i = 0; i < strictArgs; i++) if (v[i] == null) return null;
      return fn.apply(v);
    }, true);
  }
}
