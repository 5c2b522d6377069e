package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import org.opendsql.core.error.Errors;
import org.opendsql.sql.parse.GroupingSyntax;

/**
 * A GROUP BY clause expanded into PostgreSQL's grouping sets: the distinct grouping expressions,
 * and each set as the positions of the expressions it groups by. {@code ROLLUP (a, b)} is the
 * sets (a, b), (a), (); {@code CUBE (a, b)} every subset; {@code GROUPING SETS (...)} the union of
 * its items' sets; {@code ()} the empty set; a parenthesized list inside them one unit; and the
 * items of the clause combine as a cross product, so {@code GROUP BY a, ROLLUP (b)} is (a, b),
 * (a). Duplicate sets stay (each yields its rows), as in PostgreSQL without GROUP BY DISTINCT.
 *
 * @param sets null for a plain GROUP BY list (one set of every expression)
 */
record GroupingSets(List<Expression> exprs, List<int[]> sets) {

  /**
   * {@code resolve} turns a select-list position into its expression. GROUP BY DISTINCT (its
   * marker first among {@code items}) keeps one of each set of equal grouping sets.
   */
  static GroupingSets expand(List<Expression> items, UnaryOperator<Expression> resolve) {
    boolean distinct = !items.isEmpty() && items.get(0) instanceof net.sf.jsqlparser.schema.Column c
        && c.getColumnName().equals(GroupingSyntax.DISTINCT);
    if (distinct) items = items.subList(1, items.size());
    boolean plain = items.stream().noneMatch(GroupingSets::isConstruct);
    List<Expression> exprs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    if (plain) {
      for (Expression e : items) {
        for (Expression x : flattenRow(e)) add(resolve.apply(x), exprs, keys);
      }
      return new GroupingSets(exprs, null);
    }
    List<List<Expression>> acc = new ArrayList<>();
    acc.add(new ArrayList<>());
    for (Expression item : items) {
      List<List<Expression>> next = new ArrayList<>();
      for (List<Expression> left : acc) {
        for (List<Expression> right : element(item)) {
          List<Expression> both = new ArrayList<>(left);
          both.addAll(right);
          next.add(both);
        }
      }
      acc = next;
    }
    List<int[]> sets = new ArrayList<>();
    for (List<Expression> set : acc) {
      List<Integer> idx = new ArrayList<>();
      for (Expression e : set) {
        int i = add(resolve.apply(e), exprs, keys);
        if (!idx.contains(i)) idx.add(i);
      }
      int[] positions = idx.stream().mapToInt(Integer::intValue).toArray();
      if (distinct && sets.stream().anyMatch(x -> sameSet(x, positions))) continue;
      sets.add(positions);
    }
    return new GroupingSets(exprs, sets);
  }

  private static boolean sameSet(int[] a, int[] b) {
    return java.util.Arrays.equals(java.util.Arrays.stream(a).sorted().toArray(), java.util.Arrays.stream(b).sorted().toArray());
  }

  private static int add(Expression e, List<Expression> exprs, List<String> keys) {
    int i = keys.indexOf(e.toString());
    if (i >= 0) return i;
    keys.add(e.toString());
    exprs.add(e);
    return exprs.size() - 1;
  }

  /** True for ROLLUP, CUBE, GROUPING SETS and {@code ()}: what makes a clause grouping sets. */
  static boolean isConstruct(Expression e) {
    return kind(e) != null || (e instanceof ExpressionList<?> l && !(e instanceof RowConstructor) && l.isEmpty());
  }

  private static String kind(Expression e) {
    if (!(e instanceof Function f) || f.getMultipartName().size() != 1) return null;
    String name = f.getName();
    if (name.equals(GroupingSyntax.GROUPING_SETS)) return "sets";
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("rollup") || lower.equals("cube") ? lower : null;
  }

  /** PostgreSQL flattens a parenthesized list at the top of GROUP BY into its items. */
  private static List<Expression> flattenRow(Expression e) {
    if (e instanceof ParenthesedExpressionList<?> l && !(e instanceof RowConstructor) && l.size() != 1) {
      return new ArrayList<>(l);
    }
    return List.of(e);
  }

  /** The sets one item stands for. */
  private static List<List<Expression>> element(Expression e) {
    String k = kind(e);
    if (k == null) {
      List<List<Expression>> one = new ArrayList<>();
      one.add(unit(e));
      return one;
    }
    List<Expression> args = new ArrayList<>();
    Function f = (Function) e;
    if (f.getParameters() instanceof ParenthesedExpressionList<?> one) {
      // The parser reads ROLLUP ((a, b)) as a call whose parameter list is the inner parentheses.
      args.add(one);
    } else if (f.getParameters() != null) {
      args.addAll(f.getParameters());
    }
    List<List<Expression>> out = new ArrayList<>();
    switch (k) {
      case "rollup" -> {
        List<List<Expression>> units = units(args);
        for (int n = units.size(); n >= 0; n--) {
          List<Expression> set = new ArrayList<>();
          for (int i = 0; i < n; i++) set.addAll(units.get(i));
          out.add(set);
        }
      }
      case "cube" -> {
        List<List<Expression>> units = units(args);
        if (units.size() > 12) throw Errors.unsupported("CUBE of more than 12 elements");
        for (int mask = (1 << units.size()) - 1; mask >= 0; mask--) {
          List<Expression> set = new ArrayList<>();
          for (int i = 0; i < units.size(); i++) if ((mask & (1 << (units.size() - 1 - i))) != 0) set.addAll(units.get(i));
          out.add(set);
        }
      }
      default -> {
        for (Expression a : args) out.addAll(element(a));
      }
    }
    return out;
  }

  private static List<List<Expression>> units(List<Expression> args) {
    List<List<Expression>> units = new ArrayList<>();
    for (Expression a : args) {
      if (kind(a) != null) throw Errors.syntaxErrorAt(((Function) a).getName());
      units.add(unit(a));
    }
    return units;
  }

  /** One unit of a set: a parenthesized list is several expressions grouped together, {@code ()} none. */
  private static List<Expression> unit(Expression e) {
    if (e instanceof ParenthesedExpressionList<?> l && !(e instanceof RowConstructor)) return new ArrayList<>(l);
    return new ArrayList<>(List.of(e));
  }
}
