package org.opendsql.sql.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opendsql.core.types.PgType;

/**
 * The catalog as the system relations and catalog functions present it: every fact about which
 * schemas, relations, columns, indexes, constraints and defaults exist, with their OIDs, comes
 * from here. Built per statement from the table definitions the statement's transaction sees (its
 * own uncommitted DDL included), so schemas, views, sequences or CHECK and FOREIGN KEY
 * constraints only have to be added here to appear in every relation and function.
 *
 * <p>OIDs are stable across statements and sessions: PostgreSQL's fixed OIDs for its own objects
 * (pg_catalog 11, public 2200, btree 403, the types), and for a user table one derived from its id,
 * its indexes', constraints' and defaults' from the table's plus their own index id or column
 * number.
 */
public final class CatalogSnapshot {
  public static final long PG_CATALOG = 11;
  public static final long PG_TOAST = 99;
  public static final long PUBLIC = 2200;
  public static final long INFORMATION_SCHEMA = 13_183;
  public static final long BOOTSTRAP_SUPERUSER = 10;
  /** The role that owns the public schema in PostgreSQL 15. */
  public static final long DATABASE_OWNER_ROLE = 6171;
  public static final long HEAP = 2;
  public static final long BTREE = 403;
  public static final long DATABASE = 5;
  public static final long DEFAULT_COLLATION = 100;
  public static final long DEFAULT_TABLESPACE = 1663;
  public static final long FIRST_USER_OID = 16_384;
  /** OIDs per user table: the table, then its indexes (+index id), constraints (+512+index id), defaults (+2048+attnum). */
  static final long OID_STRIDE = 4096;

  /**
   * A column as pg_attribute shows it; attnum counts the visible columns from 1. {@code identity}:
   * pg_attribute.attidentity ('a' ALWAYS, 'd' BY DEFAULT, '' none).
   */
  public record Column(String name, PgType type, int typmod, int attnum, boolean notNull, String defaultSql,
      String identity) {
    public Column(String name, PgType type, int typmod, int attnum, boolean notNull, String defaultSql) {
      this(name, type, typmod, attnum, notNull, defaultSql, "");
    }
  }

  /**
   * A relation: {@code kind} is pg_class.relkind ('r' table, 'i' index, 'v' view, 'S' sequence);
   * {@code table} is the user table's or view's definition (null for system relations and
   * sequences), {@code index} the index's, {@code sequence} the sequence's.
   */
  public record Relation(long oid, String name, long namespace, char kind, List<Column> columns, TableDef table,
      Index index, SequenceDef sequence) {
    Relation(long oid, String name, long namespace, char kind, List<Column> columns, TableDef table, Index index) {
      this(oid, name, namespace, kind, columns, table, index, null);
    }

    public Column column(int attnum) {
      for (Column c : columns) if (c.attnum() == attnum) return c;
      return null;
    }
  }

  /**
   * An index; the primary key is one too, as in PostgreSQL. {@code keys}, {@code include}: attnums.
   * {@code valid} false while CREATE INDEX ASYNC builds it (pg_index.indisvalid).
   */
  public record Index(long oid, String name, Relation table, int[] keys, int[] include, boolean unique, boolean primary,
      boolean constraint, boolean valid) {}

  /**
   * A table constraint: 'p' primary key, 'u' unique (backed by {@code index}), 'c' check ({@code
   * check} its expression as written, {@code checkColumns} the attnums it names).
   */
  public record Constraint(long oid, String name, char type, Relation table, Index index, String check,
      int[] checkColumns, ForeignKey foreignKey) {
    Constraint(long oid, String name, char type, Relation table, Index index) {
      this(oid, name, type, table, index, null, null, null);
    }

    Constraint(long oid, String name, char type, Relation table, Index index, String check, int[] checkColumns) {
      this(oid, name, type, table, index, check, checkColumns, null);
    }

    /** pg_constraint.conkey: the key's columns, the referencing columns of a foreign key, or the columns a CHECK names. */
    public int[] columns() {
      return foreignKey != null ? foreignKey.columns() : index != null ? index.keys() : checkColumns;
    }
  }

  /**
   * The referencing side of a 'f' constraint: its columns (attnums of the table), the referenced
   * table, its columns, the index that makes them unique there, and the actions' letters.
   */
  public record ForeignKey(int[] columns, Relation refTable, int[] refColumns, Index refIndex, char onUpdate, char onDelete) {}

  /** A pg_description row: the comment on object {@code objoid} of catalog {@code classoid} (a column: objsubid > 0). */
  public record Description(long objoid, long classoid, int objsubid, String text) {}

  /** A sequence owned by a column (an identity column's, or one made OWNED BY it): pg_depend's link. */
  public record Ownership(Relation sequence, Relation table, int attnum, boolean identity) {}

  private final SessionFacts session;
  private final List<Relation> relations = new ArrayList<>();
  private final Map<Long, Relation> byOid = new HashMap<>();
  private final List<Index> indexes = new ArrayList<>();
  private final List<Constraint> constraints = new ArrayList<>();
  private final Map<Long, Constraint> constraintByOid = new HashMap<>();
  private final List<Ownership> ownerships = new ArrayList<>();
  private final List<Description> descriptions = new ArrayList<>();

  private final Map<String, Long> namespaces = new java.util.LinkedHashMap<>(NAMESPACES);

  private CatalogSnapshot(SessionFacts session) {
    this.session = session;
  }

  /** The catalog of {@code tables} (the user tables and views) and the system relations, for {@code session}. */
  public static CatalogSnapshot of(Collection<TableDef> tables, SessionFacts session) {
    return of(tables, List.of(), session);
  }

  /** The catalog of {@code tables}, {@code sequences} and the system relations, for {@code session}. */
  public static CatalogSnapshot of(Collection<TableDef> tables, Collection<SequenceDef> sequences, SessionFacts session) {
    return of(tables, sequences, List.of(), session);
  }

  /** The catalog of {@code tables}, {@code sequences}, the user {@code schemas} and the system relations. */
  public static CatalogSnapshot of(Collection<TableDef> tables, Collection<SequenceDef> sequences,
      Collection<SchemaDef> schemas, SessionFacts session) {
    CatalogSnapshot s = new CatalogSnapshot(session);
    List<SchemaDef> byId = new ArrayList<>(schemas);
    byId.sort(Comparator.comparingLong(SchemaDef::id));
    for (SchemaDef d : byId) s.namespaces.put(d.name(), tableOid(d.id()));
    s.descriptions.add(new Description(PUBLIC, PG_NAMESPACE_OID, 0, "standard public schema"));
    for (SystemRelations.Def d : SystemRelations.all()) {
      List<Column> cols = new ArrayList<>();
      for (int i = 0; i < d.columns().size(); i++) {
        ColumnDef c = d.columns().get(i);
        cols.add(new Column(c.name(), c.type(), c.typmod(), i + 1, false, null));
      }
      s.add(new Relation(d.oid(), d.name(), namespaceOid(d.schema()), d.view() ? 'v' : 'r', cols, null, null));
    }
    List<TableDef> sorted = new ArrayList<>(tables);
    sorted.sort(Comparator.comparingLong(TableDef::id));
    List<SequenceDef> seqs = new ArrayList<>(sequences);
    seqs.sort(Comparator.comparingLong(SequenceDef::id));
    for (SequenceDef q : seqs) s.addSequence(q);
    for (TableDef t : sorted) s.addTable(t);
    // Foreign keys last: the referenced table may have been created after the referencing one.
    for (TableDef t : sorted) s.addForeignKeys(t);
    return s;
  }

  private void add(Relation r) {
    relations.add(r);
    byOid.put(r.oid(), r);
  }

  private void addTable(TableDef t) {
    long oid = tableOid(t.id());
    List<Column> cols = new ArrayList<>();
    int[] attnumBySlot = new int[t.columns().size()];
    int n = 0;
    for (int slot = 0; slot < t.columns().size(); slot++) {
      ColumnDef c = t.columns().get(slot);
      if (c.hidden()) continue;
      attnumBySlot[slot] = ++n;
      String identity = c.identity() == null ? "" : c.identity() == ColumnDef.Identity.ALWAYS ? "a" : "d";
      // An identity column has no default in PostgreSQL's catalogs: its sequence is implied.
      cols.add(new Column(c.name(), c.type(), c.typmod(), n, c.notNull() || (!t.isView() && t.isPk(slot)),
          c.identity() != null ? null : c.defaultSql(), identity));
    }
    Relation table = new Relation(oid, QualifiedNames.relname(t.name()), schemaOid(QualifiedNames.schemaOf(t.name())),
        t.isView() ? 'v' : 'r', cols, t, null);
    add(table);
    if (t.isView()) {
      addDescriptions(t, table, attnumBySlot);
      return;
    }
    for (int slot = 0; slot < t.columns().size(); slot++) {
      ColumnDef c = t.columns().get(slot);
      Relation seq = c.ownedSequence() == null ? null
          : lookupIn(schemaOid(QualifiedNames.schemaOf(c.ownedSequence())), QualifiedNames.relname(c.ownedSequence()));
      if (seq != null && seq.kind() == 'S') ownerships.add(new Ownership(seq, table, attnumBySlot[slot], c.identity() != null));
    }
    if (!t.hiddenPk()) {
      int[] keys = attnums(t.pk(), attnumBySlot);
      addIndex(table, oid + TableDef.PRIMARY_INDEX, table.name() + "_pkey", keys, new int[0], true, true, true, true);
    }
    for (IndexDef ix : t.indexes()) {
      addIndex(table, oid + ix.id(), ix.name(), attnums(ix.keySlots(), attnumBySlot),
          attnums(ix.includeSlots(), attnumBySlot), ix.unique(), false, ix.constraint(), !ix.building());
    }
    // CHECK constraints take OIDs after the index-backed ones' (+512+index id): +1024+position.
    for (int i = 0; i < t.checks().size(); i++) {
      CheckDef check = t.checks().get(i);
      long coid = oid + 1024 + i;
      Constraint c = new Constraint(coid, check.name(), 'c', table, null, check.sql(), namedColumns(check.sql(), cols));
      constraints.add(c);
      constraintByOid.put(coid, c);
    }
    addDescriptions(t, table, attnumBySlot);
  }

  /**
   * A table's foreign keys as 'f' constraints, OIDs after its CHECK constraints': +1536+position.
   * A key whose referenced table or columns are gone is left out.
   */
  private void addForeignKeys(TableDef t) {
    if (t.isView() || t.foreignKeys().isEmpty()) return;
    Relation table = byOid.get(tableOid(t.id()));
    for (int i = 0; i < t.foreignKeys().size(); i++) {
      ForeignKeyDef fk = t.foreignKeys().get(i);
      Relation parent = lookupIn(schemaOid(QualifiedNames.schemaOf(fk.parent())), QualifiedNames.relname(fk.parent()));
      if (parent == null || parent.table() == null) continue;
      int[] cols = new int[fk.columnIds().length];
      int[] refCols = new int[cols.length];
      boolean whole = true;
      for (int k = 0; k < cols.length; k++) {
        int slot = t.slotOfId(fk.columnIds()[k]);
        int refSlot = parent.table().slotOfId(fk.parentColumnIds()[k]);
        whole &= slot >= 0 && refSlot >= 0;
        cols[k] = slot < 0 ? 0 : attnum(t, slot);
        refCols[k] = refSlot < 0 ? 0 : attnum(parent.table(), refSlot);
      }
      if (!whole) continue;
      Index refIndex = null;
      for (Index ix : indexes) {
        if (ix.table() == parent && ix.unique() && sameSet(ix.keys(), refCols)) refIndex = ix;
      }
      long coid = table.oid() + 1536 + i;
      Constraint c = new Constraint(coid, fk.name(), 'f', table, null, null, null,
          new ForeignKey(cols, parent, refCols, refIndex, fk.onUpdate(), fk.onDelete()));
      constraints.add(c);
      constraintByOid.put(coid, c);
    }
    addForeignKeyDescriptions(t, table);
  }

  private void addForeignKeyDescriptions(TableDef t, Relation table) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(t.comments()).entrySet()) {
      if (!e.getKey().startsWith("k")) continue;
      for (Constraint c : constraints) {
        if (c.table() == table && c.type() == 'f' && c.name().equals(e.getKey().substring(1))) {
          descriptions.add(new Description(c.oid(), PG_CONSTRAINT_OID, 0, e.getValue()));
        }
      }
    }
  }

  private static boolean sameSet(int[] a, int[] b) {
    int[] x = a.clone();
    int[] y = b.clone();
    java.util.Arrays.sort(x);
    java.util.Arrays.sort(y);
    return java.util.Arrays.equals(x, y);
  }

  /** The table's comments as pg_description rows (see {@link TableDef#comment} for their keys). */
  private void addDescriptions(TableDef t, Relation table, int[] attnumBySlot) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(t.comments()).entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        descriptions.add(new Description(table.oid(), SystemRelations.PG_CLASS_OID, 0, e.getValue()));
      } else if (key.startsWith("c")) {
        int slot = t.slotOfId(Integer.parseInt(key.substring(1)));
        if (slot >= 0 && attnumBySlot[slot] > 0) {
          descriptions.add(new Description(table.oid(), SystemRelations.PG_CLASS_OID, attnumBySlot[slot], e.getValue()));
        }
      } else if (key.startsWith("i")) {
        long ixOid = table.oid() + Long.parseLong(key.substring(1));
        if (byOid.containsKey(ixOid)) descriptions.add(new Description(ixOid, SystemRelations.PG_CLASS_OID, 0, e.getValue()));
      } else if (key.startsWith("k")) {
        for (Constraint c : constraints) {
          if (c.table() == table && c.name().equals(key.substring(1))) {
            descriptions.add(new Description(c.oid(), PG_CONSTRAINT_OID, 0, e.getValue()));
          }
        }
      }
    }
  }

  /** The attnums of the columns an expression's text names, in attnum order (pg_constraint.conkey of a CHECK). */
  private static int[] namedColumns(String sql, List<Column> cols) {
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String w : sql.split("[^A-Za-z0-9_$\"]+")) {
      if (w.isEmpty()) continue;
      words.add(w.startsWith("\"") ? w.replace("\"", "") : w.toLowerCase(Locale.ROOT));
    }
    return cols.stream().filter(c -> words.contains(c.name())).mapToInt(Column::attnum).toArray();
  }

  /**
   * A sequence as a relation: PostgreSQL shows one as relkind 'S' with the columns last_value,
   * log_cnt and is_called. Its OID comes from its id like a table's (both are drawn from one counter).
   */
  private void addSequence(SequenceDef q) {
    List<Column> cols = List.of(new Column("last_value", PgType.INT8, -1, 1, true, null),
        new Column("log_cnt", PgType.INT8, -1, 2, true, null), new Column("is_called", PgType.BOOL, -1, 3, true, null));
    add(new Relation(tableOid(q.id()), QualifiedNames.relname(q.name()), schemaOid(QualifiedNames.schemaOf(q.name())), 'S',
        cols, null, null, q));
  }

  private Relation lookupIn(long namespace, String name) {
    for (Relation r : relations) if (r.namespace() == namespace && r.name().equals(name)) return r;
    return null;
  }

  private void addIndex(Relation table, long oid, String name, int[] keys, int[] include, boolean unique,
      boolean primary, boolean constraint, boolean valid) {
    List<Column> cols = new ArrayList<>();
    int n = 0;
    for (int a : concat(keys, include)) {
      Column c = table.column(a);
      cols.add(new Column(c.name(), c.type(), c.typmod(), ++n, false, null));
    }
    Index ix = new Index(oid, name, table, keys, include, unique, primary, constraint, valid);
    indexes.add(ix);
    add(new Relation(oid, name, table.namespace(), 'i', cols, null, ix));
    if (constraint) {
      long coid = table.oid() + 512 + (oid - table.oid());
      Constraint c = new Constraint(coid, name, primary ? 'p' : 'u', table, ix);
      constraints.add(c);
      constraintByOid.put(coid, c);
    }
  }

  private static int[] attnums(int[] slots, int[] attnumBySlot) {
    int[] out = new int[slots.length];
    for (int i = 0; i < slots.length; i++) out[i] = attnumBySlot[slots[i]];
    return out;
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The OID of the user table with id {@code tableId}. */
  public static long tableOid(long tableId) {
    return FIRST_USER_OID + (tableId - CatalogKeys.FIRST_USER_TABLE_ID) * OID_STRIDE;
  }

  /** pg_class.oid of a table definition, user table or system relation. */
  public static long relationOid(TableDef t) {
    return SystemRelations.isSystem(t) ? SystemRelations.of(t).oid() : tableOid(t.id());
  }

  /** pg_attribute.attnum of the column in {@code slot}: its position among the visible columns. */
  public static int attnum(TableDef t, int slot) {
    int n = 0;
    for (int i = 0; i <= slot; i++) if (!t.column(i).hidden()) n++;
    return n;
  }

  /** pg_attrdef's OID of a column's default. */
  public static long defaultOid(Relation table, Column c) {
    return table.oid() + 2048 + c.attnum();
  }

  public SessionFacts session() { return session; }
  public List<Relation> relations() { return relations; }
  public List<Index> indexes() { return indexes; }
  public List<Constraint> constraints() { return constraints; }
  public List<Ownership> ownerships() { return ownerships; }
  public List<Description> descriptions() { return descriptions; }

  /** pg_constraint's own OID: the class id of a constraint's comment. */
  public static final long PG_CONSTRAINT_OID = 2606;
  /** pg_namespace's own OID: the class id of a schema's comment. */
  public static final long PG_NAMESPACE_OID = 2615;

  /**
   * obj_description / col_description: the comment on {@code objoid} of catalog {@code classoid}
   * (0: any catalog) and column {@code objsubid} (0: the object itself); null if none.
   */
  public String description(long objoid, long classoid, int objsubid) {
    for (Description d : descriptions) {
      if (d.objoid() == objoid && d.objsubid() == objsubid && (classoid == 0 || d.classoid() == classoid)) return d.text();
    }
    return null;
  }
  public Relation relation(long oid) { return byOid.get(oid); }
  public Constraint constraint(long oid) { return constraintByOid.get(oid); }

  public Index index(long oid) {
    Relation r = byOid.get(oid);
    return r == null ? null : r.index();
  }

  // ---------------------------------------------------------------- schemas and roles

  /** The schemas: name to OID (PostgreSQL's fixed ones). */
  public static final Map<String, Long> NAMESPACES = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Map.of(
      "pg_catalog", PG_CATALOG, "pg_toast", PG_TOAST, "public", PUBLIC, "information_schema", INFORMATION_SCHEMA)));

  /** The OID of schema {@code name}, 0 if there is none. */
  public static long namespaceOid(String name) {
    return NAMESPACES.getOrDefault(name, 0L);
  }

  public static String namespaceName(long oid) {
    for (Map.Entry<String, Long> e : NAMESPACES.entrySet()) if (e.getValue() == oid) return e.getKey();
    return null;
  }

  /** Whether {@code name} is one of PostgreSQL's own schemas, which hold no user relations. */
  public static boolean isSystemSchema(String name) {
    return NAMESPACES.containsKey(name) && !name.equals("public");
  }

  /** Every schema, PostgreSQL's own and then the created ones in creation order: name to OID. */
  public Map<String, Long> namespaces() {
    return java.util.Collections.unmodifiableMap(namespaces);
  }

  /** The OID of schema {@code name} (a created one included), 0 if there is none. */
  public long schemaOid(String name) {
    return namespaces.getOrDefault(name, 0L);
  }

  /** The name of the schema with {@code oid} (a created one included), null if there is none. */
  public String schemaName(long oid) {
    for (Map.Entry<String, Long> e : namespaces.entrySet()) if (e.getValue() == oid) return e.getKey();
    return null;
  }

  /** The owner of a schema: the public schema is pg_database_owner's, as in PostgreSQL 15. */
  public static long namespaceOwner(long oid) {
    return oid == PUBLIC ? DATABASE_OWNER_ROLE : BOOTSTRAP_SUPERUSER;
  }

  /**
   * The roles: admin owns everything (it is the bootstrap superuser here), then pg_database_owner,
   * then the roles CREATE ROLE made.
   */
  public Map<Long, String> roles() {
    Map<Long, String> out = new java.util.LinkedHashMap<>();
    out.put(BOOTSTRAP_SUPERUSER, ADMIN_ROLE);
    out.put(DATABASE_OWNER_ROLE, "pg_database_owner");
    for (RoleDef r : createdRoles) out.put(tableOid(r.id()), r.name());
    return out;
  }

  /** The built-in role every object belongs to. */
  public static final String ADMIN_ROLE = "admin";

  private List<RoleDef> createdRoles = List.of();
  private List<String[]> iamMappings = List.of();

  /** This catalog with the roles CREATE ROLE made and the identity mappings ({role, identity, grantor}). */
  public CatalogSnapshot withRoles(List<RoleDef> roles, List<String[]> mappings) {
    List<RoleDef> sorted = new ArrayList<>(roles);
    sorted.sort(Comparator.comparingLong(RoleDef::id));
    createdRoles = List.copyOf(sorted);
    iamMappings = List.copyOf(mappings);
    return this;
  }

  private Map<String, List<Acl.Grant>> grants = Map.of();

  /** This catalog with the stored grants, by object ({@link #grantObject}). */
  public CatalogSnapshot withGrants(Map<String, List<Acl.Grant>> byObject) {
    grants = Map.copyOf(byObject);
    return this;
  }

  /** The key {@link #withGrants} files an object's grants under: kind ("t" relation, "s" schema) and catalog name. */
  public static String grantObject(String kind, String catalogName) {
    return kind + ":" + catalogName;
  }

  /** The grants stored on an object, the marker a GRANT or REVOKE leaves included. */
  public List<Acl.Grant> grants(String kind, String catalogName) {
    return grants.getOrDefault(grantObject(kind, catalogName), List.of());
  }

  /** What PUBLIC holds on a relation without any GRANT: SELECT on the system catalogs. */
  public static int publicDefault(Relation r) {
    return r.table() == null && r.index() == null && r.sequence() == null ? Privileges.SELECT : 0;
  }

  /** What PUBLIC holds on a schema without any GRANT: USAGE of public and PostgreSQL's own schemas. */
  public static int schemaPublicDefault(String name) {
    return name.equals("public") || isSystemSchema(name) ? Privileges.USAGE : 0;
  }

  /** pg_class.relacl: tables, views and the system catalogs; null for the owner's default rights. */
  public org.opendsql.core.types.PgArray relacl(Relation r) {
    if (r.index() != null || r.sequence() != null) return null;
    List<Acl.Grant> on = r.table() == null ? List.of() : grants("t", r.table().name());
    List<String> items = Acl.render(ADMIN_ROLE, Privileges.TABLE_ALL, publicDefault(r), on, !on.isEmpty());
    return items == null ? null : org.opendsql.core.types.PgArray.of(items);
  }

  /** pg_namespace.nspacl: public is pg_database_owner's; pg_toast has no ACL, as in PostgreSQL. */
  public org.opendsql.core.types.PgArray nspacl(String name) {
    if (name.equals("pg_toast")) return null;
    String owner = name.equals("public") ? "pg_database_owner" : ADMIN_ROLE;
    List<Acl.Grant> on = grants("s", name);
    List<String> items = Acl.render(owner, Privileges.SCHEMA_ALL, schemaPublicDefault(name), on, !on.isEmpty());
    return items == null ? null : org.opendsql.core.types.PgArray.of(items);
  }

  private java.util.Map<Long, Long> rowCounts = Map.of();

  /** This catalog with the row counts ANALYZE left, by table id (pg_class.reltuples). */
  public CatalogSnapshot withRowCounts(java.util.Map<Long, Long> counts) {
    rowCounts = Map.copyOf(counts);
    return this;
  }

  /**
   * pg_class.reltuples: a table's (and its indexes') row count as of its last ANALYZE; before one,
   * -1 for a table and 0 for an index (built, as CREATE INDEX builds here, on an empty table).
   */
  public float reltuples(Relation r) {
    boolean index = r.index() != null;
    TableDef t = index ? r.index().table().table() : r.table();
    if (t == null || t.isView() || SystemRelations.isSystem(t)) return -1f;
    Long n = rowCounts.get(t.id());
    return n != null ? n : index ? 0f : -1f;
  }

  /** Whether role {@code oid} may log in: admin and the roles created WITH LOGIN. */
  public boolean canLogin(long oid) {
    if (oid == BOOTSTRAP_SUPERUSER) return true;
    for (RoleDef r : createdRoles) if (tableOid(r.id()) == oid) return r.login();
    return false;
  }

  /** sys.iam_pg_role_mappings' rows: {role, identity, grantor}. */
  public List<String[]> iamMappings() {
    return iamMappings;
  }

  public String roleName(long oid) {
    return roles().get(oid);
  }

  public long roleOid(String name) {
    for (Map.Entry<Long, String> e : roles().entrySet()) if (e.getValue().equals(name)) return e.getKey();
    return 0;
  }

  // ---------------------------------------------------------------- names

  /** Whether {@code r} is found by its unqualified name (its schema comes first in the search path among those that have the name). */
  public boolean visible(Relation r) {
    Relation found = lookup(null, r.name());
    return found != null && found.oid() == r.oid();
  }

  /** The relation named {@code name} in {@code schema}, or along the search path when schema is null. */
  public Relation lookup(String schema, String name) {
    List<String> path = schema == null ? session.searchPath() : List.of(schema);
    for (String s : path) {
      long ns = schemaOid(s);
      for (Relation r : relations) if (r.namespace() == ns && r.name().equals(name)) return r;
    }
    return null;
  }

  /** The name a relation OID prints as: qualified when the search path would not find it. */
  public String relationText(long oid) {
    Relation r = byOid.get(oid);
    if (r == null) return Long.toString(oid);
    return visible(r) ? quoteIdent(r.name()) : quoteIdent(schemaName(r.namespace())) + "." + quoteIdent(r.name());
  }

  /** Splits a possibly qualified, possibly quoted name ({@code public."My T"}) into its parts, folded as SQL folds them. */
  public static List<String> nameParts(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    String s = text.trim();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        parts.add(cur.toString());
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(wasQuoted ? c : Character.toLowerCase(c));
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  public static String quoteIdent(String s) {
    boolean safe = !s.isEmpty() && ((s.charAt(0) >= 'a' && s.charAt(0) <= 'z') || s.charAt(0) == '_');
    for (int i = 0; safe && i < s.length(); i++) {
      char c = s.charAt(i);
      safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    return safe && !RESERVED.contains(s) ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** The words quote_ident quotes: every keyword but the unreserved ones, as PostgreSQL's quote_identifier does. */
  private static final java.util.Set<String> RESERVED = keywordsWhere(k -> !k[1].equals("U"));

  /** PostgreSQL 15's keywords, as pg_get_keywords lists them: word, category code, and whether it can be a bare column label. */
  public static List<String[]> keywords() {
    return KEYWORDS;
  }

  private static final List<String[]> KEYWORDS = loadKeywords();

  private static List<String[]> loadKeywords() {
    try (java.io.InputStream in = CatalogSnapshot.class.getResourceAsStream("keywords.txt")) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) out.add(line.trim().split(" "));
      }
      return List.copyOf(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static java.util.Set<String> keywordsWhere(java.util.function.Predicate<String[]> p) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String[] k : loadKeywords()) if (p.test(k)) out.add(k[0]);
    return java.util.Set.copyOf(out);
  }

  // ---------------------------------------------------------------- deparsing

  /** pg_get_indexdef(oid, column, pretty): the CREATE INDEX statement, or one column's name (column > 0; '' past the last). */
  public String indexDef(long oid, int column, boolean pretty) {
    Index ix = index(oid);
    if (ix == null) return null;
    if (column > 0) {
      int[] all = concat(ix.keys(), ix.include());
      return column <= all.length ? quoteIdent(ix.table().column(all[column - 1]).name()) : "";
    }
    // The pretty form names the table as the search path finds it, the plain one always qualified.
    String table = pretty ? relationText(ix.table().oid())
        : quoteIdent(schemaName(ix.table().namespace())) + "." + quoteIdent(ix.table().name());
    StringBuilder sb = new StringBuilder("CREATE ");
    if (ix.unique()) sb.append("UNIQUE ");
    sb.append("INDEX ").append(quoteIdent(ix.name())).append(" ON ").append(table).append(" USING btree (").append(columnList(ix.table(), ix.keys())).append(')');
    if (ix.include().length > 0) sb.append(" INCLUDE (").append(columnList(ix.table(), ix.include())).append(')');
    return sb.toString();
  }

  /**
   * pg_get_constraintdef(oid, pretty): {@code PRIMARY KEY (a, b)}, {@code UNIQUE (c) INCLUDE (d)},
   * {@code CHECK (expr)}. A CHECK's expression is shown as written (PostgreSQL shows its own
   * deparse, which adds casts to constants and, unless pretty, parentheses around each operator).
   */
  public String constraintDef(long oid, boolean pretty) {
    Constraint c = constraintByOid.get(oid);
    if (c == null) return null;
    if (c.type() == 'c') return pretty ? "CHECK (" + c.check() + ")" : "CHECK ((" + c.check() + "))";
    if (c.type() == 'f') {
      ForeignKey fk = c.foreignKey();
      StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(columnList(c.table(), fk.columns())).append(") REFERENCES ")
          .append(relationText(fk.refTable().oid())).append('(').append(columnList(fk.refTable(), fk.refColumns())).append(')');
      if (fk.onUpdate() != 'a') sb.append(" ON UPDATE ").append(ForeignKeyDef.actionWords(fk.onUpdate()));
      if (fk.onDelete() != 'a') sb.append(" ON DELETE ").append(ForeignKeyDef.actionWords(fk.onDelete()));
      return sb.toString();
    }
    String s = (c.type() == 'p' ? "PRIMARY KEY (" : "UNIQUE (") + columnList(c.table(), c.index().keys()) + ")";
    if (c.index().include().length > 0) s += " INCLUDE (" + columnList(c.table(), c.index().include()) + ")";
    return s;
  }

  /**
   * pg_get_viewdef(oid): the view's query as it was written, ended by a semicolon (PostgreSQL
   * prints its own deparse, one output column per line).
   */
  public String viewDef(long oid) {
    Relation r = byOid.get(oid);
    if (r == null || r.kind() != 'v' || r.table() == null) return null;
    return " " + r.table().viewSql().strip() + ";";
  }

  /**
   * pg_get_serial_sequence(table, column): the sequence the column owns, schema-qualified, or null.
   * The table's name is read as regclass text reads it; the column's as an identifier's text.
   */
  public String serialSequence(String table, String column) {
    List<String> parts = nameParts(table);
    Relation t = parts.size() == 1 ? lookup(null, parts.get(0)) : lookup(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    if (t == null) throw org.opendsql.core.error.Errors.undefinedRelation(table);
    String col = nameParts(column).get(0);
    boolean found = false;
    for (Column c : t.columns()) found |= c.name().equals(col);
    if (!found) throw org.opendsql.core.error.Errors.undefinedColumn(col);
    for (Ownership o : ownerships) {
      if (o.table().oid() == t.oid() && o.table().column(o.attnum()).name().equals(col)) {
        return quoteIdent(schemaName(o.sequence().namespace())) + "." + quoteIdent(o.sequence().name());
      }
    }
    return null;
  }

  private static String columnList(Relation table, int[] attnums) {
    List<String> names = new ArrayList<>();
    for (int a : attnums) names.add(quoteIdent(table.column(a).name()));
    return String.join(", ", names);
  }

  /**
   * A column default as pg_get_expr prints it: literals take the cast PostgreSQL's deparser shows
   * ({@code 'x'::text}, {@code '-1'::integer}); numbers, booleans and calls as written.
   */
  private static final java.util.regex.Pattern NEXTVAL =
      java.util.regex.Pattern.compile("(?i)nextval\\s*\\(\\s*'((?:[^']|'')*)'\\s*(?:::\\s*regclass\\s*)?\\)");

  public static String defaultExpr(Column c) {
    String d = c.defaultSql().trim();
    String lower = d.toLowerCase(Locale.ROOT);
    PgType t = c.type();
    if (lower.equals("true") || lower.equals("false")) return lower;
    if (lower.equals("current_date") || lower.equals("current_timestamp") || lower.equals("localtimestamp")
        || lower.equals("current_user") || lower.equals("current_time") || lower.equals("localtime")) {
      return d.toUpperCase(Locale.ROOT);
    }
    if (d.startsWith("'") && d.endsWith("'") && d.length() >= 2 && d.indexOf('\'', 1) == d.length() - 1) {
      return d + "::" + formatType(t.oid(), -1, true);
    }
    // nextval's argument is a regclass, which PostgreSQL stores and prints as a cast.
    java.util.regex.Matcher seq = NEXTVAL.matcher(d);
    if (seq.matches()) return "nextval('" + seq.group(1) + "'::regclass)";
    if (d.matches("-\\d+") && (t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8)) {
      return "'" + d + "'::" + formatType(t.oid(), -1, true);
    }
    return d;
  }

  // ---------------------------------------------------------------- types

  /** The types pg_type lists: every type this engine has, by OID. */
  public static List<PgType> types() {
    List<PgType> out = new ArrayList<>(List.of(PgType.values()));
    out.sort(Comparator.comparingInt(PgType::oid));
    return out;
  }

  /** pg_type.typname: PostgreSQL's internal name ({@code int4}, {@code _varchar}, {@code "char"}'s {@code char}). */
  public static String typname(PgType t) {
    if (t.isArray()) return "_" + typname(t.elementType());
    return switch (t) {
      case BOOL -> "bool";
      case INT2 -> "int2";
      case INT4 -> "int4";
      case INT8 -> "int8";
      case FLOAT4 -> "float4";
      case FLOAT8 -> "float8";
      case BPCHAR -> "bpchar";
      case VARCHAR -> "varchar";
      case TIME -> "time";
      case TIMETZ -> "timetz";
      case TIMESTAMP -> "timestamp";
      case TIMESTAMPTZ -> "timestamptz";
      case CHAR -> "char";
      default -> t.sqlName();
    };
  }

  public static PgType typeByName(String typname) {
    for (PgType t : PgType.values()) if (typname(t).equals(typname)) return t;
    return null;
  }

  /**
   * format_type(oid, typmod): the SQL name with the modifier; {@code typmodGiven} false for a NULL
   * modifier (bpchar then prints as character, with -1 as bpchar, as PostgreSQL does).
   */
  public static String formatType(long oid, int typmod, boolean typmodGiven) {
    PgType t = oid > Integer.MAX_VALUE ? null : PgType.byOid((int) oid);
    if (t == null) return "???";
    if (t.isArray()) return formatType(t.elementType().oid(), typmod, typmodGiven) + "[]";
    if (t == PgType.BPCHAR && typmod < 0) return typmodGiven ? "bpchar" : "character";
    if (typmod < 0) return t.sqlName();
    return new ColumnDef(0, "", t, typmod, false, null, false).typeDisplay();
  }
}
