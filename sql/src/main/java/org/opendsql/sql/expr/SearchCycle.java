package org.opendsql.sql.expr;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RecordValue;

/**
 * The columns a recursive WITH query's SEARCH and CYCLE clauses add, computed as PostgreSQL's
 * rewrite computes them for each row from the row's own BY columns ({@code fields}) and, for a
 * row of the recursive term, the same column of the work-table row it extends ({@code previous};
 * null for the non-recursive term's rows):
 *
 * <ul>
 *   <li>SEARCH BREADTH FIRST: the record (depth, fields...), depth a bigint from 0;
 *   <li>SEARCH DEPTH FIRST and the CYCLE path: the array of the fields' records from the root;
 *   <li>the CYCLE mark: {@code markValue} when the fields' record is on the path already (records
 *       compare as record_eq does, NULL fields equal), else {@code markDefault}.
 * </ul>
 */
public record SearchCycle(Kind kind, Expr previous, List<Expr> fields, PgType type, Expr markValue, Expr markDefault)
    implements Expr {
  public enum Kind { BREADTH, PATH, MARK }

  public static SearchCycle breadth(Expr previous, List<Expr> fields) {
    return new SearchCycle(Kind.BREADTH, previous, fields, PgType.RECORD, null, null);
  }

  public static SearchCycle path(Expr previous, List<Expr> fields) {
    return new SearchCycle(Kind.PATH, previous, fields, PgType.RECORD_ARRAY, null, null);
  }

  public static SearchCycle mark(Expr path, List<Expr> fields, Expr markValue, Expr markDefault) {
    return new SearchCycle(Kind.MARK, path, fields, markValue.type(), markValue, markDefault);
  }

  @Override
  public Object eval(EvalContext c) {
    List<Object> values = new ArrayList<>();
    List<PgType> types = new ArrayList<>();
    for (Expr f : fields) {
      values.add(f.eval(c));
      types.add(f.type());
    }
    RecordValue row = new RecordValue(values, types);
    Object prev = previous == null ? null : previous.eval(c);
    return switch (kind) {
      case BREADTH -> nextLevel((RecordValue) prev, values, types);
      case PATH -> extend((PgArray) prev, row);
      case MARK -> (prev != null && onPath((PgArray) prev, row) ? markValue : markDefault).eval(c);
    };
  }

  /** BREADTH FIRST's record: depth 0 without a previous one, else one deeper than it. */
  static RecordValue nextLevel(RecordValue previous, List<Object> values, List<PgType> types) {
    long depth = previous == null ? 0 : (Long) previous.values().get(0) + 1;
    List<Object> v = new ArrayList<>();
    v.add(depth);
    v.addAll(values);
    List<PgType> t = new ArrayList<>();
    t.add(PgType.INT8);
    t.addAll(types);
    return new RecordValue(v, t);
  }

  /** {@code path || ARRAY[row]}, or {@code ARRAY[row]} without a path. */
  static PgArray extend(PgArray path, RecordValue row) {
    List<Object> items = new ArrayList<>();
    if (path != null) for (int i = 0; i < path.size(); i++) items.add(path.get(i));
    items.add(row);
    return PgArray.of(items);
  }

  static boolean onPath(PgArray path, RecordValue row) {
    for (int i = 0; i < path.size(); i++) {
      if (Values.compare(path.get(i), row) == 0) return true;
    }
    return false;
  }
}
