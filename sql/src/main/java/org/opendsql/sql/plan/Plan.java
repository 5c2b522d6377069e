package org.opendsql.sql.plan;

import java.util.List;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.ColumnDef;
import org.opendsql.sql.catalog.TableDef;
import org.opendsql.sql.expr.Expr;

/** What the executor runs. */
public sealed interface Plan {
  /** Result columns (empty for statements that return no rows). */
  default List<ColumnDesc> columns() {
    return List.of();
  }

  /** The table the plan was bound against, or null. */
  default TableDef table() {
    return null;
  }

  /**
   * How a table is read: a point read ({@code pointKey}: pk values in key order), point reads of
   * several keys ({@code keySet}: each a full key, from IN lists on key columns; {@code anyKeys}:
   * an array the single key column is compared with by {@code = ANY}), an index range, or a full
   * scan; {@code filter} still applies to every row read.
   */
  record Access(List<Expr> pointKey, Expr filter, IndexRange index, List<List<Expr>> keySet, Expr anyKeys) {
    public Access(List<Expr> pointKey, Expr filter) {
      this(pointKey, filter, null, null, null);
    }

    public Access(List<Expr> pointKey, Expr filter, IndexRange index) {
      this(pointKey, filter, index, null, null);
    }

    public boolean isPoint() {
      return pointKey != null;
    }
  }

  /**
   * A range of an index (the primary key's when {@code index.id()} is the primary index): entries
   * whose first {@code eq.size()} key columns equal {@code eq} and whose next key columns lie
   * between {@code lo} and {@code hi} (either null: unbounded), each a tuple of one or more values
   * compared in key order: {@code (k1, k2) > ($1, $2)} bounds two columns at once. With {@code in}
   * (an IN list on the next key column) the range is one prefix per list value instead. The
   * access's filter still applies.
   */
  record IndexRange(org.opendsql.sql.catalog.IndexDef index, List<Expr> eq, List<Expr> lo, boolean loInclusive,
      List<Expr> hi, boolean hiInclusive, List<Expr> in) {
    public IndexRange(org.opendsql.sql.catalog.IndexDef index, List<Expr> eq, List<Expr> lo, boolean loInclusive,
        List<Expr> hi, boolean hiInclusive) {
      this(index, eq, lo, loInclusive, hi, hiInclusive, null);
    }
  }

  /**
   * One aggregate call: {@code kind} is its name (count, sum, string_agg, ...), {@code args} its
   * arguments evaluated on input rows ({@code arg} the first, null for {@code count(*)}; a
   * {@code count} with several args counts a row value {@code (a, b)}), {@code filter} the FILTER
   * (WHERE ...) condition or null, {@code orderBy} the ORDER BY inside the call (empty if none).
   * With DISTINCT or ORDER BY the group's inputs are held, sorted and deduplicated before the
   * aggregate reads them.
   */
  record AggCall(String kind, Expr arg, boolean distinct, PgType type, List<Expr> args, Expr filter,
      List<AggOrder> orderBy) {
    public AggCall {
      args = args == null ? (arg == null ? List.of() : List.of(arg)) : List.copyOf(args);
      orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }

    public AggCall(String kind, Expr arg, boolean distinct, PgType type) {
      this(kind, arg, distinct, type, null, null, null);
    }
  }

  /** A sort key inside an aggregate call: {@code string_agg(x, ',' ORDER BY y DESC NULLS LAST)}. */
  record AggOrder(Expr expr, boolean asc, boolean nullsFirst) {}

  record SortKey(int outputIndex, boolean asc, boolean nullsFirst) {}

  /**
   * {@code outputs} are evaluated on table rows, or on {@code [group values..., aggregate
   * values...]} when {@code aggregated}; the first {@code visible} are returned, the rest are
   * hidden sort keys. {@code forUpdate}: the keys of the table rows read (those passing the
   * filter) join the transaction's conflict set. {@code columnsRead}: the table slots the
   * statement reads, ascending, or null for all of them (see {@link ColumnUse}).
   */
  record Select(TableDef table, Access access, boolean aggregated, List<Expr> groupBy,
      List<AggCall> aggs, Expr having, List<Expr> outputs, int visible, List<ColumnDesc> columns,
      List<SortKey> sort, boolean distinct, Expr limit, Expr offset, boolean forUpdate, int[] columnsRead)
      implements Plan {}

  /**
   * {@code rows.get(i)[slot]}: the value for that column, or null to use its default. With a
   * {@code source} (INSERT ... SELECT) there is one template row, evaluated on each source row.
   */
  record Insert(TableDef table, List<Expr[]> rows, Expr[] defaults, List<Expr> returning,
      List<ColumnDesc> columns, Query source, OnConflict onConflict) implements Plan {}

  /**
   * ON CONFLICT: when a row already holds the proposed row's key in an arbiter (the primary key
   * if {@code primaryArbiter}, and the unique {@code arbiterIndexes}), skip the row, or update
   * that row with {@code setValues} evaluated on {@code [existing row..., proposed row (EXCLUDED)...]}
   * where {@code where} holds.
   */
  record OnConflict(boolean doNothing, int[] setSlots, List<Expr> setValues, Expr where, boolean primaryArbiter,
      List<org.opendsql.sql.catalog.IndexDef> arbiterIndexes) {}

  /**
   * Without a {@code source}, the rows {@code access} reads; with one (UPDATE ... FROM, a subquery
   * in WHERE), its rows {@code [target row..., other columns...]}, on which SET and RETURNING are
   * evaluated. Each target row is updated once.
   */
  record Update(TableDef table, Access access, int[] setSlots, List<Expr> setValues,
      List<Expr> returning, List<ColumnDesc> columns, Query source) implements Plan {}

  record Delete(TableDef table, Access access, List<Expr> returning, List<ColumnDesc> columns, Query source)
      implements Plan {}

  /**
   * CREATE TABLE; {@code identities}: the sequence each identity column gets, complete but for
   * its id and name, which the executor assigns.
   */
  record CreateTable(String name, boolean ifNotExists, List<ColumnDef> columnDefs, int[] pk,
      boolean hiddenPk, List<org.opendsql.sql.catalog.IndexDef> indexes, List<org.opendsql.sql.catalog.CheckDef> checks,
      List<IdentitySequence> identities, List<ForeignKey> foreignKeys) implements Plan {
    public CreateTable(String name, boolean ifNotExists, List<ColumnDef> columnDefs, int[] pk, boolean hiddenPk,
        List<org.opendsql.sql.catalog.IndexDef> indexes) {
      this(name, ifNotExists, columnDefs, pk, hiddenPk, indexes, List.of(), List.of(), List.of());
    }

    public CreateTable(String name, boolean ifNotExists, List<ColumnDef> columnDefs, int[] pk, boolean hiddenPk,
        List<org.opendsql.sql.catalog.IndexDef> indexes, List<org.opendsql.sql.catalog.CheckDef> checks,
        List<IdentitySequence> identities) {
      this(name, ifNotExists, columnDefs, pk, hiddenPk, indexes, checks, identities, List.of());
    }
  }

  /**
   * A FOREIGN KEY as written: {@code name} null for PostgreSQL's default, the referencing
   * {@code columns}, the referenced table as the planner names relations, its columns (null: its
   * primary key), and the ON DELETE / ON UPDATE actions as pg_constraint's letters.
   */
  record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns, char onDelete,
      char onUpdate) {}

  /** ALTER TABLE ADD [CONSTRAINT name] FOREIGN KEY (...) REFERENCES ...: existing rows are checked. */
  record AddForeignKey(ForeignKey key) implements AlterAction {}

  /** The implicit sequence of the identity column in {@code slot}. */
  record IdentitySequence(int slot, org.opendsql.sql.catalog.SequenceDef template) {}

  record CreateSequence(String name, boolean ifNotExists, SequenceOptions options) implements Plan {}

  record AlterSequence(String name, boolean ifExists, SequenceOptions options) implements Plan {}

  record DropSequence(List<String> names, boolean ifExists) implements Plan {}

  /** CREATE [UNIQUE] INDEX: {@code name} null to let PostgreSQL's naming rule choose. */
  /** {@code async}: CREATE INDEX ASYNC, answered by one row naming the build's job. */
  record CreateIndex(String tableName, String name, boolean unique, List<String> keyColumns, List<String> include,
      boolean ifNotExists, boolean async) implements Plan {
    @Override
    public List<ColumnDesc> columns() {
      return async ? List.of(ColumnDesc.computed("job_id", org.opendsql.core.types.PgType.TEXT)) : List.of();
    }
  }

  /** SELECT (or, {@code call}, CALL) sys.wait_for_job(id): waits for the job to end; true when it completed. */
  record WaitForJob(Expr jobId, List<ColumnDesc> columns, boolean call) implements Plan {}

  record DropIndex(String name, boolean ifExists) implements Plan {}

  /** What COMMENT ON names: a relation of some kind, a column of one, or a table's constraint. */
  enum CommentTarget { TABLE, VIEW, INDEX, COLUMN, CONSTRAINT }

  /**
   * COMMENT ON {@code target} {@code relation}[.{@code member}] IS {@code text} (null removes it);
   * for a constraint {@code member} is its name and {@code relation} its table.
   */
  record Comment(CommentTarget target, String relation, String member, String text) implements Plan {}

  record DropTable(String name, boolean ifExists) implements Plan {}

  /** ANALYZE [table, ...]: the row counts pg_class.reltuples shows; {@code tables} empty: every table. */
  record Analyze(List<String> tables) implements Plan {}

  /** CREATE ROLE / CREATE USER name [WITH] [LOGIN | NOLOGIN]. */
  record CreateRole(String name, boolean login) implements Plan {}

  /** DROP ROLE / DROP USER [IF EXISTS] name [, ...]. */
  record DropRole(List<String> names, boolean ifExists) implements Plan {}

  /** What GRANT and REVOKE act on: tables (views included), every table of schemas, or schemas. */
  enum GrantTarget { TABLES, ALL_TABLES_IN_SCHEMAS, SCHEMAS }

  /**
   * GRANT privileges ON objects TO roles, or REVOKE ... FROM roles: {@code privileges} as {@link
   * org.opendsql.sql.catalog.Privileges} bits; {@code public} among {@code grantees} means every role.
   */
  record Grant(boolean revoke, int privileges, GrantTarget target, List<String> objects, List<String> grantees)
      implements Plan {}

  /** DSQL's AWS IAM GRANT role TO 'identity' / AWS IAM REVOKE role FROM 'identity'. */
  record IamGrant(boolean revoke, String role, String identity) implements Plan {}

  /** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]; {@code authorization} null when not given. */
  record CreateSchema(String name, boolean ifNotExists, String authorization) implements Plan {}

  /** DROP SCHEMA [IF EXISTS] name [RESTRICT]: only an empty schema goes. */
  record DropSchema(String name, boolean ifExists) implements Plan {}

  /**
   * CREATE [OR REPLACE] VIEW name [(columns)] AS query: {@code query} as the parser reads it back
   * (what the view expands to), {@code text} as written (what pg_views shows).
   */
  record CreateView(String name, boolean orReplace, List<String> columnNames, net.sf.jsqlparser.statement.select.Select query,
      String text) implements Plan {}

  record DropView(List<String> names, boolean ifExists) implements Plan {}

  /**
   * ALTER TABLE [IF EXISTS] {@code tableName} with its actions in order (PostgreSQL applies them as
   * one change): column and constraint text is kept as written and checked against the table's
   * definition when the statement runs.
   */
  record AlterTable(String tableName, boolean ifExists, List<AlterAction> actions) implements Plan {}

  /** One action of an ALTER TABLE. */
  sealed interface AlterAction {}

  /** ADD [COLUMN] [IF NOT EXISTS] name type [DEFAULT expr] [NOT NULL | NULL] [UNIQUE] [PRIMARY KEY] [CHECK (expr)]. */
  record AddColumn(String name, String typeText, boolean ifNotExists, String defaultSql, boolean notNull,
      boolean unique, boolean primaryKey, List<String> checks) implements AlterAction {}

  record DropColumn(String name, boolean ifExists) implements AlterAction {}

  record RenameColumn(String from, String to) implements AlterAction {}

  record RenameTable(String to) implements AlterAction {}

  /** ALTER [COLUMN] c SET DEFAULT expr ({@code sql}) or DROP DEFAULT ({@code sql} null). */
  record SetDefault(String column, String sql) implements AlterAction {}

  record SetNotNull(String column, boolean notNull) implements AlterAction {}

  enum ConstraintKind { UNIQUE, PRIMARY_KEY, CHECK }

  /** ADD [CONSTRAINT name] UNIQUE (cols) | PRIMARY KEY (cols) | CHECK (expr); {@code name} null: PostgreSQL's default. */
  record AddConstraint(String name, ConstraintKind kind, List<String> columns, String checkSql) implements AlterAction {}

  record DropConstraint(String name, boolean ifExists) implements AlterAction {}

  record RenameConstraint(String from, String to) implements AlterAction {}

  /** TRUNCATE of {@code tables} (distinct names, in statement order). */
  record Truncate(List<String> tables, boolean restartIdentity) implements Plan {
    public Truncate(List<String> tables) {
      this(tables, false);
    }
  }

  enum TxnKind { BEGIN, COMMIT, ROLLBACK }

  record Txn(TxnKind kind, boolean readOnly) implements Plan {}

  enum AdvisoryKind { LOCK, TRY_LOCK, UNLOCK, XACT_LOCK, TRY_XACT_LOCK, UNLOCK_ALL }

  /**
   * {@code SELECT pg_advisory_lock(k)} and its kin: {@code args} one bigint key or two integer
   * keys (a separate key space, as in PostgreSQL), evaluated once.
   */
  record Advisory(AdvisoryKind kind, List<Expr> args, List<ColumnDesc> columns) implements Plan {}

  enum SavepointKind { SAVEPOINT, RELEASE, ROLLBACK_TO }

  /** SAVEPOINT name, RELEASE [SAVEPOINT] name, ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name. */
  record Savepoint(SavepointKind kind, String name) implements Plan {}

  /** SET name = value (value null: reset to default); {@code local} for SET LOCAL. */
  record Set(String name, String value, boolean local) implements Plan {}

  record Show(String name, List<ColumnDesc> columns) implements Plan {}

  record Empty() implements Plan {}


  /** EXPLAIN [ANALYZE]: the plan of {@code inner}, run first when {@code analyze}. */
  record Explain(Plan inner, boolean analyze) implements Plan {
    @Override
    public List<ColumnDesc> columns() {
      return List.of(ColumnDesc.computed("QUERY PLAN", org.opendsql.core.types.PgType.TEXT));
    }
  }

  /**
   * One INSERT, UPDATE or DELETE of a WITH clause: {@code id} numbers its rows for the queries
   * that read them; {@code beforeMain} when the main statement reads them (directly or through
   * other WITH queries), else it runs after the main statement.
   */
  record ModifyingStep(int id, Plan dml, boolean beforeMain) {}

  /**
   * A statement with data-modifying WITH queries, or an INSERT, UPDATE or DELETE with WITH: the
   * steps and the main statement, all reading one snapshot taken before any of them writes, whose
   * table scans ({@code scans}, shared by every part) are read once.
   */
  record ModifyingWith(List<ModifyingStep> steps, Plan main, List<Rel.Scan> scans) implements Plan {
    @Override
    public List<ColumnDesc> columns() {
      return main.columns();
    }
  }

  /**
   * A query the relational engine runs: the tree, the table scans its evaluation reads, the views
   * it expanded (a prepared statement is planned again when one of them changed) and, of those,
   * the ones the statement names itself ({@code namedViews}: its reader needs SELECT on them; the
   * relations a view reads are checked against the view's owner, admin).
   */
  record Query(RelQuery query, List<Rel.Scan> scans, List<TableDef> views, List<TableDef> namedViews) implements Plan {
    public Query(RelQuery query, List<Rel.Scan> scans) {
      this(query, scans, List.of(), List.of());
    }

    @Override
    public List<ColumnDesc> columns() {
      return query.columns();
    }
  }
}
