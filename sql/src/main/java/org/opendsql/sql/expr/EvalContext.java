package org.opendsql.sql.expr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What an expression may read: the current row (slots as the binder laid them out), the
 * statement's parameters, and session facts for functions like now() and current_user, and the
 * session's time zone (TimeZone), in which timestamps with time zone are read, shown and split.
 */
public final class EvalContext {
  public Object[] row;
  public final Object[] params;
  public final Instant txnTime;
  public final String user;
  public final String database;
  public final ZoneId zone;

  public EvalContext(Object[] params, Instant txnTime, String user, String database) {
    this(params, txnTime, user, database, ZoneOffset.UTC);
  }

  public EvalContext(Object[] params, Instant txnTime, String user, String database, ZoneId zone) {
    this.params = params;
    this.txnTime = txnTime;
    this.user = user;
    this.database = database;
    this.zone = zone;
  }

  /**
   * Runs a subquery planned into an expression (the executor's), so expressions never depend on
   * the executor's package. Null where no subquery can occur.
   */
  public interface SubqueryRunner {
    java.util.List<Object[]> run(Object query, EvalContext ctx);
  }

  public SubqueryRunner subqueries;

  /**
   * The session's sequence functions (nextval, currval, setval, lastval), so expressions never
   * depend on the executor's package. Sequence names are as regclass text reads them.
   */
  public interface SequenceAccess {
    long nextval(String name);

    long currval(String name);

    long setval(String name, long value, boolean isCalled);

    long lastval();
  }

  public SequenceAccess sequences;

  /** The session's run-time parameters as set_config changes them: SET's rules, the new value back. */
  public interface SettingAccess {
    String set(String name, String value, boolean local);
  }

  public SettingAccess settings;

  public SettingAccess settings() {
    if (settings == null) throw org.opendsql.core.error.Errors.unsupported("set_config here");
    return settings;
  }

  public SequenceAccess sequences() {
    if (sequences == null) throw org.opendsql.core.error.Errors.unsupported("sequence functions here");
    return sequences;
  }

  /** The asking session as catalog relations show it; null outside a session (the defaults then). */
  public org.opendsql.sql.catalog.SessionFacts catalogSession;

  /**
   * The catalog as the statement's transaction sees it, for catalog functions and reg* casts;
   * loaded before a statement that may need it runs, else null.
   */
  public org.opendsql.sql.catalog.CatalogSnapshot catalog;

  /** The catalog, which a catalog function's statement always has loaded. */
  public org.opendsql.sql.catalog.CatalogSnapshot catalog() {
    if (catalog == null) throw org.opendsql.core.error.Errors.internal("the catalog was not loaded for this statement");
    return catalog;
  }

  /** While a projection with set-returning functions evaluates a row: their values at that row. */
  public Object[] srfValues;

  /** The session's random() generator, which setseed() reseeds; one of its own when the session gives none. */
  public PgPrng random;

  public PgPrng random() {
    if (random == null) random = new PgPrng();
    return random;
  }
  private Object[][] outer = new Object[4][];
  private int outerDepth;

  /** Makes the current row the one correlated references of depth 1 read, while a subquery runs. */
  public void pushOuter(Object[] r) {
    if (outerDepth == outer.length) outer = java.util.Arrays.copyOf(outer, outerDepth * 2);
    outer[outerDepth++] = r;
  }

  public void popOuter() {
    outer[--outerDepth] = null;
  }

  /** The row of the query {@code depth} levels out (1: the immediately enclosing one). */
  public Object[] outerRow(int depth) {
    return outer[outerDepth - depth];
  }

  public EvalContext withRow(Object[] r) {
    this.row = r;
    return this;
  }
}
