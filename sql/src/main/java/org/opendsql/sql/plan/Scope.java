package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.Exprs;

/**
 * The names a query level can see: the relations of its FROM clause laid side by side in one row
 * (each relation's columns at its offset), and the enclosing query's scope for correlated
 * references. A name resolves to the innermost level that has it; two relations of one level
 * that both have an unqualified name make it ambiguous (42702), as in PostgreSQL.
 */
public final class Scope {
  /**
   * One FROM item: its alias, its visible columns, and where they sit in the row. A {@code
   * scalar} item is a function returning one value per row: its alias used as a column is that
   * value, not a record of it.
   */
  public record Rel(String alias, List<String> names, List<PgType> types, List<Integer> typmods,
      int offset, TableDef table, List<Boolean> hidden, boolean scalar) {
    int width() { return names.size(); }
  }

  private final List<Rel> rels = new ArrayList<>();
  private final Scope outer;
  private int width;
  /** USING/NATURAL join columns: the name resolves to this slot, never ambiguously. */
  private final List<String> mergedNames = new ArrayList<>();
  private final List<Integer> mergedSlots = new ArrayList<>();
  private boolean usedOuter;
  /**
   * The binder of this level's expressions while it plans a subquery of them. When that binder
   * groups, the level's rows are group rows by then, so a subquery's reference to this level
   * must name a grouped column and reads it in the group row.
   */
  private Binder binder;

  public Scope(Scope outer) {
    this.outer = outer;
  }

  /** A scope of one table, as the single-table planner binds against. */
  static Scope ofTable(TableDef table, String alias) {
    Scope s = new Scope(null);
    if (table != null) s.addTable(table, alias);
    return s;
  }

  public Scope outer() { return outer; }
  public int width() { return width; }
  public List<Rel> rels() { return rels; }
  /** True once a name was resolved in an enclosing scope: the query is correlated. */
  public boolean usedOuter() { return usedOuter; }

  public Rel addTable(TableDef t, String alias) {
    List<String> names = new ArrayList<>();
    List<PgType> types = new ArrayList<>();
    List<Integer> typmods = new ArrayList<>();
    List<Boolean> hidden = new ArrayList<>();
    for (ColumnDef c : t.columns()) {
      names.add(c.name());
      types.add(c.type());
      typmods.add(c.typmod());
      hidden.add(c.hidden());
    }
    return add(new Rel(alias, names, types, typmods, width, t, hidden, false));
  }

  public Rel addDerived(String alias, List<String> names, List<PgType> types, List<Integer> typmods) {
    return addDerived(alias, names, types, typmods, false);
  }

  public Rel addDerived(String alias, List<String> names, List<PgType> types, List<Integer> typmods, boolean scalar) {
    List<Boolean> hidden = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) hidden.add(false);
    return add(new Rel(alias, names, types, typmods, width, null, hidden, scalar));
  }

  private Rel add(Rel r) {
    for (Rel x : rels) {
      if (x.alias() != null && x.alias().equals(r.alias())) throw Errors.duplicateAlias(r.alias());
    }
    rels.add(r);
    width += r.width();
    return r;
  }

  /** Appends every relation of {@code other} (a join's right side), shifting offsets. */
  public void append(Scope other) {
    usedOuter |= other.usedOuter;
    int base = width;
    for (Rel r : other.rels) {
      add(new Rel(r.alias(), r.names(), r.types(), r.typmods(), base + r.offset(), r.table(), r.hidden(), r.scalar()));
    }
    for (int i = 0; i < other.mergedNames.size(); i++) {
      mergedNames.add(other.mergedNames.get(i));
      mergedSlots.add(base + other.mergedSlots.get(i));
    }
  }

  void merge(String name, int slot) {
    mergedNames.add(name);
    mergedSlots.add(slot);
  }

  boolean isMerged(String name) {
    return mergedNames.contains(name);
  }

  /** The relation named {@code alias}, or null. */
  public Rel find(String alias) {
    for (Rel r : rels) if (alias.equals(r.alias())) return r;
    return null;
  }

  Binder binder() { return binder; }

  /**
   * Notes that a FROM item of this level reads enclosing rows (a derived table or function whose
   * own scope skips this level's): the level is correlated too, or it would be evaluated once.
   */
  void readsOuter(boolean correlated) {
    usedOuter |= correlated;
  }

  /** Sets the binder planning a subquery of this level; returns the one it replaces. */
  Binder planningSubqueriesOf(Binder b) {
    Binder prev = binder;
    binder = b;
    return prev;
  }

  /** A column reference, or null when no level has the name (the caller reports it). */
  Expr resolve(String qualifier, String name) {
    int depth = 0;
    for (Scope s = this; s != null; s = s.outer, depth++) {
      int slot = s.slotOf(qualifier, name);
      if (slot >= 0) {
        PgType type = s.typeAt(slot);
        int typmod = s.typmodAt(slot);
        if (depth == 0) return new Exprs.ColumnRef(slot, type, typmod, name);
        if (s.binder != null) slot = s.binder.outerReference(slot, name);
        return outerRef(depth, slot, type, typmod, name);
      }
      if (qualifier != null && s.find(qualifier) != null) {
        throw Errors.undefinedColumn(qualifier, name);
      }
    }
    return null;
  }

  /** A reference to slot {@code slot} of the row {@code depth} levels out: every level in between is correlated. */
  Expr outerRef(int depth, int slot, PgType type, int typmod, String name) {
    Scope t = this;
    for (int i = 0; i < depth; i++, t = t.outer) t.usedOuter = true;
    return new Exprs.OuterRef(depth, slot, type, typmod, name);
  }

  /**
   * How many levels out {@code qualifier.name} resolves (0: this one), or -1 when no level has it
   * or it is ambiguous (binding reports those).
   */
  int levelOf(String qualifier, String name) {
    int depth = 0;
    try {
      for (Scope s = this; s != null; s = s.outer, depth++) {
        if (s.slotOf(qualifier, name) >= 0) return depth;
        if (qualifier != null && s.find(qualifier) != null) return -1;
      }
    } catch (DbException ambiguous) {
      return -1;
    }
    return -1;
  }

  /** The scope {@code depth} levels out. */
  Scope level(int depth) {
    Scope s = this;
    for (int i = 0; i < depth; i++) s = s.outer;
    return s;
  }

  /** True when {@code qualifier} names a relation at some level. */
  boolean knows(String qualifier) {
    for (Scope s = this; s != null; s = s.outer) if (s.find(qualifier) != null) return true;
    return false;
  }

  private int slotOf(String qualifier, String name) {
    if (qualifier == null) {
      int m = mergedNames.indexOf(name);
      if (m >= 0) return mergedSlots.get(m);
    }
    int found = -1;
    for (Rel r : rels) {
      if (qualifier != null && !qualifier.equals(r.alias())) continue;
      int i = r.names().indexOf(name);
      if (i < 0) continue;
      if (found >= 0) throw Errors.ambiguousColumn(name);
      found = r.offset() + i;
    }
    return found;
  }

  PgType typeAt(int slot) {
    Rel r = relAt(slot);
    return r.types().get(slot - r.offset());
  }

  int typmodAt(int slot) {
    Rel r = relAt(slot);
    return r.typmods().get(slot - r.offset());
  }

  String nameAt(int slot) {
    Rel r = relAt(slot);
    return r.names().get(slot - r.offset());
  }

  Rel relAt(int slot) {
    for (Rel r : rels) if (slot >= r.offset() && slot < r.offset() + r.width()) return r;
    throw new IllegalArgumentException("slot " + slot);
  }

  /** {@code *}: merged join columns first, then each relation's visible columns not merged. */
  List<Integer> starSlots() {
    List<Integer> out = new ArrayList<>(mergedSlots);
    for (Rel r : rels) {
      for (int i = 0; i < r.width(); i++) {
        int slot = r.offset() + i;
        if (r.hidden().get(i) || out.contains(slot)) continue;
        if (mergedNames.contains(r.names().get(i))) continue;
        out.add(slot);
      }
    }
    return out;
  }
}
