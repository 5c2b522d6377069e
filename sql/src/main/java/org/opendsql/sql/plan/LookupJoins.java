package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.sql.catalog.TableDef;

/**
 * Finds the table scans of a query that a join lets the executor read by key instead of whole:
 * a scan that is one side of an equi-join whose keys cover its table's primary key, where that
 * join may drop the scan's unmatched rows (inner join, or the inner side of an outer join). The
 * executor evaluates the other side first and, when it yields few keys, point-reads just those
 * rows ({@code orders JOIN customers ON customers.id = orders.customer_id WHERE orders.id = $1}
 * reads one customer, not the table).
 *
 * <p>Only joins on the query's own operator path are considered (projections, filters,
 * non-lateral joins, aggregates, windows, sorts, limits): no WITH query, set operation or
 * subquery, so the side evaluated first is evaluated once, with no outer row, and its result may
 * be reused for the join itself.
 */
public final class LookupJoins {
  private LookupJoins() {}

  /**
   * A scan readable by key: {@code partner} is the join's other side; {@code partnerSlots[i]}
   * is the slot of the partner's row equal to the table's i-th primary-key column.
   */
  public record Lookup(Rel.Scan scan, Rel partner, int[] partnerSlots) {}

  /** The lookups of {@code root}, inner joins before the joins above them. */
  public static List<Lookup> find(Rel root) {
    List<Lookup> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  /** The scans on {@code rel}'s own operator path that are lookups: they must be read before it is evaluated. */
  public static List<Rel.Scan> scansWithin(Rel rel, List<Lookup> lookups) {
    List<Rel.Scan> out = new ArrayList<>();
    for (Lookup l : lookups) {
      if (contains(rel, l.scan())) out.add(l.scan());
    }
    return out;
  }

  private static boolean contains(Rel rel, Rel.Scan scan) {
    if (rel == scan) return true;
    for (Rel in : path(rel)) {
      if (contains(in, scan)) return true;
    }
    return false;
  }

  private static void walk(Rel rel, List<Lookup> out) {
    for (Rel in : path(rel)) walk(in, out);
    if (!(rel instanceof Rel.Join j) || j.lateral() || j.leftKeys().length == 0) return;
    boolean rightDroppable = j.kind() == Rel.JoinKind.INNER || j.kind() == Rel.JoinKind.LEFT;
    boolean leftDroppable = j.kind() == Rel.JoinKind.INNER || j.kind() == Rel.JoinKind.RIGHT;
    // One side at most: each side read by the other's keys would wait for the other. The right
    // side first, unless only the left's read is selective (a point or key-set read drives best).
    boolean leftSelective = j.left() instanceof Rel.Scan l && selective(l);
    boolean rightSelective = j.right() instanceof Rel.Scan r && selective(r);
    if (rightDroppable && !(rightSelective && !leftSelective) && j.right() instanceof Rel.Scan s
        && add(s, j.left(), j.rightKeys(), j.leftKeys(), out)) {
      return;
    }
    if (leftDroppable && j.left() instanceof Rel.Scan s) add(s, j.right(), j.leftKeys(), j.rightKeys(), out);
  }

  private static boolean selective(Rel.Scan s) {
    return s.access() != null && (s.access().isPoint() || s.access().keySet() != null || s.access().anyKeys() != null);
  }

  private static boolean add(Rel.Scan scan, Rel partner, int[] scanKeys, int[] partnerKeys, List<Lookup> out) {
    TableDef t = scan.table();
    if (t.hiddenPk() || selective(scan)) return false;
    for (Lookup l : out) {
      if (l.scan() == scan) return false;
    }
    int[] pk = t.pk();
    int[] slots = new int[pk.length];
    for (int i = 0; i < pk.length; i++) {
      slots[i] = -1;
      for (int k = 0; k < scanKeys.length; k++) {
        if (scanKeys[k] == pk[i]) {
          slots[i] = partnerKeys[k];
          break;
        }
      }
      if (slots[i] < 0) return false;
    }
    out.add(new Lookup(scan, partner, slots));
    return true;
  }

  /** The inputs of an operator on the query's own path (see the class comment); none for the others. */
  private static List<Rel> path(Rel rel) {
    if (rel instanceof Rel.Filter f) return List.of(f.in());
    if (rel instanceof Rel.Project p) return List.of(p.in());
    if (rel instanceof Rel.Join j) return j.lateral() ? List.of(j.left()) : List.of(j.left(), j.right());
    if (rel instanceof Rel.Aggregate a) return List.of(a.in());
    if (rel instanceof Rel.Window w) return List.of(w.in());
    if (rel instanceof Rel.Sort s) return List.of(s.in());
    if (rel instanceof Rel.Distinct d) return List.of(d.in());
    if (rel instanceof Rel.Limit l) return List.of(l.in());
    if (rel instanceof Rel.Truncate t) return List.of(t.in());
    return List.of();
  }
}
