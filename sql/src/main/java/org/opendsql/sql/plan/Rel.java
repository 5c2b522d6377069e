package org.opendsql.sql.plan;

import java.util.List;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.Expr;

/**
 * A relational operator tree: what a query with joins, subqueries, set operations, derived tables,
 * WITH or VALUES compiles to. Every node yields rows of a fixed width; expressions above a node
 * read its row by slot. Base tables are {@link Scan}s whose rows the executor reads from storage
 * before the tree is evaluated, so evaluation itself never waits.
 */
public sealed interface Rel {
  /**
   * Rows of a table read through {@code access} (point or filtered scan); {@code id} numbers the
   * statement's scans. {@code view}: the view the statement named that this table is read through
   * (the outermost, when views read views), null when the statement names the table itself.
   */
  record Scan(int id, TableDef table, Plan.Access access, boolean forUpdate, TableDef view) implements Rel {
    public Scan(int id, TableDef table, Plan.Access access, boolean forUpdate) {
      this(id, table, access, forUpdate, null);
    }
  }

  /**
   * generate_series(start, stop[, step]) over integers or numerics, one column of {@code type},
   * then with {@code ordinality} the row number.
   */
  record Series(Expr start, Expr stop, Expr step, org.opendsql.core.types.PgType type, boolean ordinality) implements Rel {}

  /**
   * unnest(a [, b ...]) in FROM: row i holds element i of each array (NULL past its end), then
   * with {@code ordinality} the row number.
   */
  record Unnest(List<Expr> arrays, boolean ordinality) implements Rel {}

  /**
   * A set-returning function in FROM whose rows {@code rows} makes of its evaluated arguments
   * (jsonb_each, json_array_elements, ...), none when an argument is NULL; then with {@code
   * ordinality} the row number.
   */
  record FunctionScan(String name, List<Expr> args,
      java.util.function.Function<Object[], java.util.Iterator<Object[]>> rows, boolean ordinality) implements Rel {}

  /**
   * A select list with set-returning functions (unnest, generate_series): per input row, as many rows as the
   * longest of {@code srfs} yields, each with the functions' values at that position (NULL past
   * a shorter one's end) for {@code exprs} to read; a row whose functions yield nothing is dropped.
   */
  record ProjectSet(Rel in, List<Expr> exprs, List<org.opendsql.sql.expr.SetReturning> srfs) implements Rel {}

  /** The single empty row a SELECT without FROM reads. */
  record OneRow() implements Rel {}

  /** VALUES (...), (...): each row's expressions, already unified to the column types. */
  record ValuesRows(List<List<Expr>> rows) implements Rel {}

  record Filter(Rel in, Expr cond) implements Rel {}

  record Project(Rel in, List<Expr> exprs) implements Rel {}

  enum JoinKind { INNER, LEFT, RIGHT, FULL }

  /**
   * {@code cond} is evaluated on {@code [left row..., right row...]} (null: every pair). Equal
   * {@code leftKeys}/{@code rightKeys} slots (of each side's own row) allow a hash join. A lateral
   * right side is evaluated once per left row, which it reads as its enclosing row.
   */
  record Join(JoinKind kind, Rel left, int leftWidth, Rel right, int rightWidth, Expr cond,
      int[] leftKeys, int[] rightKeys, boolean lateral) implements Rel {}

  /**
   * Hash aggregation; rows out are {@code [group values..., aggregate values...]}. With grouping
   * {@code sets} (positions of {@code groupBy}; null for one set of them all) the input is
   * aggregated once per set, the expressions a set leaves out being NULL in its rows.
   */
  record Aggregate(Rel in, List<Expr> groupBy, List<Plan.AggCall> aggs, List<int[]> sets) implements Rel {}

  /**
   * Window functions: each input row (of width {@code inputWidth}) comes out with one more column
   * per call, the call's value for that row over its partition and frame.
   */
  record Window(Rel in, int inputWidth, List<WindowCall> calls) implements Rel {}

  record Sort(Rel in, List<Plan.SortKey> keys) implements Rel {}

  /** Keeps the first row of each run of rows equal in their first {@code keys} columns (after a sort for DISTINCT ON). */
  record Distinct(Rel in, int keys, boolean adjacentOnly) implements Rel {}

  /**
   * OFFSET, then LIMIT (either null: none). With {@code ties} (FETCH FIRST n ROWS WITH TIES, over
   * rows sorted by these keys) the rows after the n-th that sort equal to it come out too.
   */
  record Limit(Rel in, Expr limit, Expr offset, List<Plan.SortKey> ties) implements Rel {}

  /** Drops hidden sort columns past {@code width}. */
  record Truncate(Rel in, int width) implements Rel {}

  enum SetKind { UNION, INTERSECT, EXCEPT }

  record SetOp(SetKind kind, boolean all, Rel left, Rel right) implements Rel {}

  /** A WITH query: evaluated once per execution of the statement, however often it is read. */
  record CteRef(int id, Rel definition) implements Rel {}

  /** A data-modifying WITH query's RETURNING rows, which the statement's execution of it produced. */
  record DmlResult(int id) implements Rel {}

  /** Inside a recursive WITH's recursive term: the rows the previous iteration produced. */
  record WorkTable(int id) implements Rel {}

  record RecursiveCte(int id, Rel anchor, Rel recursive, boolean all) implements Rel {}
}
