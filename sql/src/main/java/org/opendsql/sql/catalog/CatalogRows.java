package org.opendsql.sql.catalog;

import static org.opendsql.sql.catalog.CatalogSnapshot.BOOTSTRAP_SUPERUSER;
import static org.opendsql.sql.catalog.CatalogSnapshot.PG_CATALOG;

import java.util.Map;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.CatalogSnapshot.Column;
import org.opendsql.sql.catalog.CatalogSnapshot.Constraint;
import org.opendsql.sql.catalog.CatalogSnapshot.Index;
import org.opendsql.sql.catalog.CatalogSnapshot.Relation;

/** The rows of each system relation, as PostgreSQL 15 fills them for the objects this engine has. */
final class CatalogRows {
  private CatalogRows() {}

  static void fill(String key, CatalogSnapshot s, SystemRelations.Rows out) {
    switch (key) {
      case "pg_catalog.pg_namespace" -> {
        for (Map.Entry<String, Long> e : s.namespaces().entrySet()) {
          out.add("oid", e.getValue(), "nspname", e.getKey(), "nspowner", CatalogSnapshot.namespaceOwner(e.getValue()),
              "nspacl", s.nspacl(e.getKey()));
        }
      }
      case "pg_catalog.pg_class" -> {
        for (Relation r : s.relations()) pgClass(s, r, out);
      }
      case "pg_catalog.pg_attribute" -> {
        for (Relation r : s.relations()) for (Column c : r.columns()) pgAttribute(r, c, out);
      }
      case "pg_catalog.pg_type" -> {
        for (PgType t : CatalogSnapshot.types()) pgType(t, out);
      }
      case "pg_catalog.pg_index" -> {
        for (Index ix : s.indexes()) pgIndex(ix, out);
      }
      case "sys.iam_pg_role_mappings" -> {
        for (String[] m : s.iamMappings()) {
          out.add("iam_oid", (long) (m[1].hashCode() & 0x7fffffff), "arn", m[1], "pg_role_oid", s.roleOid(m[0]),
              "pg_role_name", m[0], "grantor_pg_role_oid", s.roleOid(m[2]), "grantor_pg_role_name", m[2]);
        }
      }
      case "pg_catalog.pg_constraint" -> {
        for (Constraint c : s.constraints()) pgConstraint(c, out);
      }
      case "pg_catalog.pg_attrdef" -> {
        for (Relation r : s.relations()) {
          for (Column c : r.columns()) {
            if (c.defaultSql() == null) continue;
            out.add("oid", CatalogSnapshot.defaultOid(r, c), "adrelid", r.oid(), "adnum", (short) c.attnum(),
                "adbin", CatalogSnapshot.defaultExpr(c));
          }
        }
      }
      case "pg_catalog.pg_database" -> out.add("oid", CatalogSnapshot.DATABASE, "datname", s.session().database(),
          "datdba", BOOTSTRAP_SUPERUSER, "encoding", 6, "datlocprovider", "c", "datistemplate", false,
          "datallowconn", true, "datconnlimit", -1, "datfrozenxid", 716L, "datminmxid", 1L,
          "dattablespace", CatalogSnapshot.DEFAULT_TABLESPACE, "datcollate", "C", "datctype", "C");
      case "pg_catalog.pg_authid" -> {
        for (Map.Entry<Long, String> e : s.roles().entrySet()) {
          boolean admin = e.getKey() == BOOTSTRAP_SUPERUSER;
          out.add("oid", e.getKey(), "rolname", e.getValue(), "rolsuper", admin, "rolinherit", true,
              "rolcreaterole", admin, "rolcreatedb", admin, "rolcanlogin", s.canLogin(e.getKey()), "rolreplication", admin,
              "rolbypassrls", admin, "rolconnlimit", -1);
        }
      }
      case "pg_catalog.pg_roles" -> {
        for (Map.Entry<Long, String> e : s.roles().entrySet()) {
          boolean admin = e.getKey() == BOOTSTRAP_SUPERUSER;
          out.add("oid", e.getKey(), "rolname", e.getValue(), "rolsuper", admin, "rolinherit", true,
              "rolcreaterole", admin, "rolcreatedb", admin, "rolcanlogin", s.canLogin(e.getKey()), "rolreplication", admin,
              "rolbypassrls", admin, "rolconnlimit", -1, "rolpassword", "********");
        }
      }
      case "pg_catalog.pg_user" -> out.add("usename", s.session().user(), "usesysid", BOOTSTRAP_SUPERUSER,
          "usecreatedb", true, "usesuper", true, "userepl", true, "usebypassrls", true, "passwd", "********");
      case "pg_catalog.pg_am" -> {
        out.add("oid", CatalogSnapshot.HEAP, "amname", "heap", "amhandler", SystemRelations.proc("heap_tableam_handler"), "amtype", "t");
        out.add("oid", CatalogSnapshot.BTREE, "amname", "btree", "amhandler", SystemRelations.proc("bthandler"), "amtype", "i");
        out.add("oid", 405L, "amname", "hash", "amhandler", SystemRelations.proc("hashhandler"), "amtype", "i");
        out.add("oid", 783L, "amname", "gist", "amhandler", SystemRelations.proc("gisthandler"), "amtype", "i");
        out.add("oid", 2742L, "amname", "gin", "amhandler", SystemRelations.proc("ginhandler"), "amtype", "i");
        out.add("oid", 4000L, "amname", "spgist", "amhandler", SystemRelations.proc("spghandler"), "amtype", "i");
        out.add("oid", 3580L, "amname", "brin", "amhandler", SystemRelations.proc("brinhandler"), "amtype", "i");
      }
      case "pg_catalog.pg_settings" -> {
        for (Object[] setting : s.session().settings()) {
          out.add("name", setting[0], "setting", setting[1], "short_desc", setting[2], "context", "user",
              "vartype", "string", "source", "default", "boot_val", setting[1], "reset_val", setting[1],
              "pending_restart", false);
        }
      }
      case "pg_catalog.pg_tables" -> {
        for (Relation r : s.relations()) {
          if (r.kind() != 'r') continue;
          out.add("schemaname", s.schemaName(r.namespace()), "tablename", r.name(),
              "tableowner", s.roleName(BOOTSTRAP_SUPERUSER), "hasindexes", hasIndexes(s, r), "hasrules", false,
              "hastriggers", false, "rowsecurity", false);
        }
      }
      case "pg_catalog.pg_indexes" -> {
        for (Index ix : s.indexes()) {
          out.add("schemaname", s.schemaName(ix.table().namespace()), "tablename", ix.table().name(),
              "indexname", ix.name(), "indexdef", s.indexDef(ix.oid(), 0, false));
        }
      }
      case "pg_catalog.pg_views" -> {
        for (Relation r : s.relations()) {
          if (r.kind() != 'v') continue;
          out.add("schemaname", s.schemaName(r.namespace()), "viewname", r.name(),
              "viewowner", s.roleName(BOOTSTRAP_SUPERUSER), "definition", s.viewDef(r.oid()));
        }
      }
      case "information_schema.views" -> {
        for (Relation r : s.relations()) {
          if (r.kind() != 'v' || r.table() == null) continue;
          out.add("table_catalog", s.session().database(), "table_schema", schemaOf(s, r), "table_name", r.name(),
              "view_definition", s.viewDef(r.oid()), "check_option", "NONE", "is_updatable", "NO",
              "is_insertable_into", "NO", "is_trigger_updatable", "NO", "is_trigger_deletable", "NO",
              "is_trigger_insertable_into", "NO");
        }
      }
      case "pg_catalog.pg_sequence" -> {
        for (Relation r : s.relations()) {
          SequenceDef q = r.sequence();
          if (q == null) continue;
          out.add("seqrelid", r.oid(), "seqtypid", (long) q.type().oid(), "seqstart", q.start(), "seqincrement", q.increment(),
              "seqmax", q.max(), "seqmin", q.min(), "seqcache", q.cache(), "seqcycle", q.cycle());
        }
      }
      case "pg_catalog.pg_sequences" -> {
        // last_value needs the counter row, which this snapshot does not read: NULL, as for a sequence never used.
        for (Relation r : s.relations()) {
          SequenceDef q = r.sequence();
          if (q == null) continue;
          out.add("schemaname", schemaOf(s, r), "sequencename", r.name(), "sequenceowner", s.roleName(BOOTSTRAP_SUPERUSER),
              "data_type", new org.opendsql.core.types.RegValue(q.type().oid(), CatalogSnapshot.formatType(q.type().oid(), -1, false)),
              "start_value", q.start(), "min_value", q.min(), "max_value", q.max(), "increment_by", q.increment(),
              "cycle", q.cycle(), "cache_size", q.cache());
        }
      }
      case "information_schema.sequences" -> {
        for (Relation r : s.relations()) {
          SequenceDef q = r.sequence();
          if (q == null) continue;
          int bits = q.type() == PgType.INT2 ? 16 : q.type() == PgType.INT4 ? 32 : 64;
          out.add("sequence_catalog", s.session().database(), "sequence_schema", schemaOf(s, r), "sequence_name", r.name(),
              "data_type", q.type().sqlName(), "numeric_precision", bits, "numeric_precision_radix", 2, "numeric_scale", 0,
              "start_value", Long.toString(q.start()), "minimum_value", Long.toString(q.min()),
              "maximum_value", Long.toString(q.max()), "increment", Long.toString(q.increment()),
              "cycle_option", q.cycle() ? "YES" : "NO");
        }
      }
      case "pg_catalog.pg_depend" -> {
        // An owned sequence depends on its column: automatically (OWNED BY) or internally (identity).
        for (CatalogSnapshot.Ownership o : s.ownerships()) {
          out.add("classid", SystemRelations.PG_CLASS_OID, "objid", o.sequence().oid(), "objsubid", 0,
              "refclassid", SystemRelations.PG_CLASS_OID, "refobjid", o.table().oid(), "refobjsubid", o.attnum(),
              "deptype", o.identity() ? "i" : "a");
        }
      }
      case "pg_catalog.pg_description" -> {
        for (CatalogSnapshot.Description d : s.descriptions()) {
          out.add("objoid", d.objoid(), "classoid", d.classoid(), "objsubid", d.objsubid(), "description", d.text());
        }
      }
      case "pg_catalog.pg_collation" -> {
        out.add("oid", CatalogSnapshot.DEFAULT_COLLATION, "collname", "default", "collnamespace", PG_CATALOG,
            "collowner", BOOTSTRAP_SUPERUSER, "collprovider", "d", "collisdeterministic", true, "collencoding", -1);
        out.add("oid", 950L, "collname", "C", "collnamespace", PG_CATALOG, "collowner", BOOTSTRAP_SUPERUSER,
            "collprovider", "c", "collisdeterministic", true, "collencoding", -1, "collcollate", "C", "collctype", "C");
        out.add("oid", 951L, "collname", "POSIX", "collnamespace", PG_CATALOG, "collowner", BOOTSTRAP_SUPERUSER,
            "collprovider", "c", "collisdeterministic", true, "collencoding", -1, "collcollate", "POSIX",
            "collctype", "POSIX");
      }
      case "pg_catalog.pg_tablespace" -> {
        out.add("oid", CatalogSnapshot.DEFAULT_TABLESPACE, "spcname", "pg_default", "spcowner", BOOTSTRAP_SUPERUSER);
        out.add("oid", 1664L, "spcname", "pg_global", "spcowner", BOOTSTRAP_SUPERUSER);
      }
      case "pg_catalog.pg_language" -> {
        out.add("oid", 12L, "lanname", "internal", "lanowner", BOOTSTRAP_SUPERUSER, "lanispl", false,
            "lanpltrusted", false, "lanplcallfoid", 0L, "laninline", 0L, "lanvalidator", 2246L);
        out.add("oid", 13L, "lanname", "c", "lanowner", BOOTSTRAP_SUPERUSER, "lanispl", false,
            "lanpltrusted", false, "lanplcallfoid", 0L, "laninline", 0L, "lanvalidator", 2247L);
        out.add("oid", 14L, "lanname", "sql", "lanowner", BOOTSTRAP_SUPERUSER, "lanispl", false,
            "lanpltrusted", true, "lanplcallfoid", 0L, "laninline", 0L, "lanvalidator", 2248L);
      }
      case "information_schema.tables" -> {
        for (Relation r : s.relations()) {
          if (r.kind() != 'r' && r.kind() != 'v') continue;
          boolean system = r.table() == null;
          out.add("table_catalog", s.session().database(), "table_schema", s.schemaName(r.namespace()),
              "table_name", r.name(), "table_type", r.kind() == 'v' ? "VIEW" : "BASE TABLE",
              "is_insertable_into", system ? "NO" : "YES", "is_typed", "NO");
        }
      }
      case "information_schema.columns" -> {
        for (Relation r : s.relations()) {
          if (r.kind() != 'r' && r.kind() != 'v') continue;
          for (Column c : r.columns()) infoColumn(s, r, c, out);
        }
      }
      case "information_schema.schemata" -> {
        for (Map.Entry<String, Long> e : s.namespaces().entrySet()) {
          out.add("catalog_name", s.session().database(), "schema_name", e.getKey(),
              "schema_owner", s.roleName(CatalogSnapshot.namespaceOwner(e.getValue())));
        }
      }
      case "information_schema.table_constraints" -> {
        for (Constraint c : s.constraints()) {
          out.add("constraint_catalog", s.session().database(), "constraint_schema", schemaOf(s, c.table()),
              "constraint_name", c.name(), "table_catalog", s.session().database(), "table_schema", schemaOf(s, c.table()),
              "table_name", c.table().name(), "constraint_type", c.type() == 'p' ? "PRIMARY KEY" : c.type() == 'u' ? "UNIQUE" : c.type() == 'f' ? "FOREIGN KEY" : "CHECK",
              "is_deferrable", "NO", "initially_deferred", "NO", "enforced", "YES",
              "nulls_distinct", c.type() == 'u' ? "YES" : null);
        }
        // PostgreSQL shows each NOT NULL column as a CHECK constraint named after the OIDs.
        for (Relation r : s.relations()) {
          if (r.table() == null || r.kind() != 'r') continue;
          for (Column col : r.columns()) {
            if (!col.notNull()) continue;
            out.add("constraint_catalog", s.session().database(), "constraint_schema", schemaOf(s, r),
                "constraint_name", r.namespace() + "_" + r.oid() + "_" + col.attnum() + "_not_null",
                "table_catalog", s.session().database(), "table_schema", schemaOf(s, r), "table_name", r.name(),
                "constraint_type", "CHECK", "is_deferrable", "NO", "initially_deferred", "NO", "enforced", "YES");
          }
        }
      }
      case "information_schema.key_column_usage" -> {
        for (Constraint c : s.constraints()) {
          if (c.index() == null && c.foreignKey() == null) continue;
          int[] keys = c.columns();
          for (int i = 0; i < keys.length; i++) {
            Integer inUnique = null;
            if (c.foreignKey() != null) {
              // The referenced column's place in the referenced table's unique key.
              int[] unique = c.foreignKey().refIndex() != null ? c.foreignKey().refIndex().keys() : c.foreignKey().refColumns();
              for (int u = 0; u < unique.length; u++) if (unique[u] == c.foreignKey().refColumns()[i]) inUnique = u + 1;
            }
            out.add("constraint_catalog", s.session().database(), "constraint_schema", schemaOf(s, c.table()),
                "constraint_name", c.name(), "table_catalog", s.session().database(), "table_schema", schemaOf(s, c.table()),
                "table_name", c.table().name(), "column_name", c.table().column(keys[i]).name(), "ordinal_position", i + 1,
                "position_in_unique_constraint", inUnique);
          }
        }
      }
      case "information_schema.referential_constraints" -> {
        for (Constraint c : s.constraints()) {
          CatalogSnapshot.ForeignKey fk = c.foreignKey();
          if (fk == null) continue;
          Index unique = fk.refIndex();
          out.add("constraint_catalog", s.session().database(), "constraint_schema", schemaOf(s, c.table()),
              "constraint_name", c.name(), "unique_constraint_catalog", unique == null ? null : s.session().database(),
              "unique_constraint_schema", unique == null ? null : schemaOf(s, fk.refTable()),
              "unique_constraint_name", unique == null ? null : unique.name(), "match_option", "NONE",
              "update_rule", ForeignKeyDef.actionWords(fk.onUpdate()), "delete_rule", ForeignKeyDef.actionWords(fk.onDelete()));
        }
      }
      case "information_schema.constraint_column_usage" -> {
        for (Constraint c : s.constraints()) {
          // A foreign key uses the referenced table's columns.
          Relation used = c.foreignKey() != null ? c.foreignKey().refTable() : c.table();
          for (int k : c.foreignKey() != null ? c.foreignKey().refColumns() : c.columns()) {
            out.add("table_catalog", s.session().database(), "table_schema", schemaOf(s, used),
                "table_name", used.name(), "column_name", used.column(k).name(),
                "constraint_catalog", s.session().database(), "constraint_schema", schemaOf(s, c.table()),
                "constraint_name", c.name());
          }
        }
      }
      case "information_schema.character_sets" -> out.add("character_set_name", "UTF8", "character_repertoire", "UCS",
          "form_of_use", "UTF8", "default_collate_catalog", s.session().database(), "default_collate_schema", "pg_catalog",
          "default_collate_name", "C");
      default -> {
        // Objects of this kind do not exist here (triggers, policies, sequences, ...): no rows.
      }
    }
  }

  private static String schemaOf(CatalogSnapshot s, Relation r) {
    return s.schemaName(r.namespace());
  }

  private static boolean hasIndexes(CatalogSnapshot s, Relation r) {
    for (Index ix : s.indexes()) if (ix.table().oid() == r.oid()) return true;
    return false;
  }

  private static void pgClass(CatalogSnapshot s, Relation r, SystemRelations.Rows out) {
    boolean index = r.kind() == 'i';
    boolean system = r.table() == null && !index;
    out.add("oid", r.oid(), "relname", r.name(), "relnamespace", r.namespace(), "reltype", 0L, "reloftype", 0L,
        "relowner", BOOTSTRAP_SUPERUSER, "relam", index ? CatalogSnapshot.BTREE : r.kind() == 'r' ? CatalogSnapshot.HEAP : 0L,
        "relfilenode", r.kind() == 'v' ? 0L : r.oid(), "reltablespace", 0L, "relpages", 0, "reltuples", s.reltuples(r),
        "relallvisible", 0, "reltoastrelid", 0L, "relhasindex", r.kind() == 'r' && r.table() != null && hasIndex(r),
        "relisshared", false, "relpersistence", "p", "relkind", String.valueOf(r.kind()),
        "relnatts", (short) r.columns().size(), "relchecks", (short) (r.kind() == 'r' && r.table() != null ? r.table().checks().size() : 0), "relhasrules", r.kind() == 'v',
        // PostgreSQL enforces foreign keys with triggers on both tables, and psql looks for keys only then.
        "relhastriggers", r.kind() == 'r' && r.table() != null && (!r.table().foreignKeys().isEmpty() || !r.table().referencedBy().isEmpty()),
        "relhassubclass", false, "relrowsecurity", false, "relforcerowsecurity", false,
        "relispopulated", true, "relreplident", r.kind() == 'r' ? "d" : "n", "relispartition", false,
        "relrewrite", 0L, "relfrozenxid", r.kind() == 'r' ? 716L : 0L, "relminmxid", r.kind() == 'r' ? 1L : 0L,
        "relacl", s.relacl(r));
  }

  private static boolean hasIndex(Relation r) {
    return !r.table().hiddenPk() || !r.table().indexes().isEmpty();
  }

  private static void pgAttribute(Relation r, Column c, SystemRelations.Rows out) {
    PgType t = c.type();
    out.add("attrelid", r.oid(), "attname", c.name(), "atttypid", (long) t.oid(), "attstattarget", -1,
        "attlen", (short) t.typlen(), "attnum", (short) c.attnum(), "attndims", t.isArray() ? 1 : 0, "attcacheoff", -1,
        "atttypmod", c.typmod(), "attbyval", byValue(t), "attalign", align(t), "attstorage", storage(t),
        "attcompression", "", "attnotnull", c.notNull(), "atthasdef", c.defaultSql() != null, "atthasmissing", false,
        "attidentity", c.identity(), "attgenerated", "", "attisdropped", false, "attislocal", true, "attinhcount", 0,
        "attcollation", collatable(t) ? CatalogSnapshot.DEFAULT_COLLATION : 0L);
  }

  private static boolean collatable(PgType t) {
    PgType e = t.isArray() ? t.elementType() : t;
    return e == PgType.TEXT || e == PgType.VARCHAR || e == PgType.BPCHAR;
  }

  private static boolean byValue(PgType t) {
    return t.typlen() > 0 && t.typlen() <= 8 && t != PgType.NAME && t != PgType.UUID && t != PgType.INTERVAL
        && t != PgType.TIMETZ;
  }

  private static String align(PgType t) {
    return switch (t.typlen()) {
      case 1, 2 -> t.typlen() == 2 ? "s" : "c";
      case 4 -> "i";
      case 8 -> "d";
      default -> t.isArray() || t == PgType.NUMERIC || t == PgType.JSONB ? "i" : t == PgType.INTERVAL || t == PgType.TIMETZ
          ? "d" : t == PgType.NAME || t == PgType.UUID ? "c" : "i";
    };
  }

  private static String storage(PgType t) {
    if (t.typlen() > 0 || t == PgType.NAME) return "p";
    return t == PgType.NUMERIC ? "m" : "x";
  }

  private static void pgType(PgType t, SystemRelations.Rows out) {
    String name = CatalogSnapshot.typname(t);
    PgType array = t.arrayType();
    long arrayOid = array != null ? array.oid() : ARRAY_TYPES.getOrDefault(t, 0L);
    boolean isArray = t.isArray();
    out.add("oid", (long) t.oid(), "typname", name, "typnamespace", PG_CATALOG, "typowner", BOOTSTRAP_SUPERUSER,
        "typlen", (short) (t == PgType.UNKNOWN ? -2 : t.typlen()), "typbyval", byValue(t),
        "typtype", t == PgType.RECORD || t == PgType.VOID || t == PgType.UNKNOWN ? "p" : "b",
        "typcategory", category(t), "typispreferred", t == PgType.TEXT || t == PgType.FLOAT8 || t == PgType.BOOL
            || t == PgType.OID || t == PgType.TIMESTAMPTZ || t == PgType.INTERVAL,
        "typisdefined", true, "typdelim", ",", "typrelid", 0L,
        "typsubscript", SystemRelations.proc(isArray ? "array_subscript_handler" : "-"),
        "typelem", isArray ? (long) t.elementType().oid() : 0L, "typarray", arrayOid,
        "typinput", SystemRelations.proc(isArray ? "array_in" : name + "in"),
        "typoutput", SystemRelations.proc(isArray ? "array_out" : name + "out"),
        "typreceive", SystemRelations.proc(isArray ? "array_recv" : name + "recv"),
        "typsend", SystemRelations.proc(isArray ? "array_send" : name + "send"),
        "typmodin", SystemRelations.proc("-"), "typmodout", SystemRelations.proc("-"), "typanalyze", SystemRelations.proc("-"),
        "typalign", align(t), "typstorage", storage(t), "typnotnull", false, "typbasetype", 0L, "typtypmod", -1,
        "typndims", 0, "typcollation", collatable(t) ? CatalogSnapshot.DEFAULT_COLLATION : 0L);
  }

  /** PostgreSQL's array types of the types whose arrays this engine does not have. */
  private static final java.util.Map<PgType, Long> ARRAY_TYPES = java.util.Map.of(PgType.INTERVAL, 1187L,
      PgType.TIME, 1183L, PgType.TIMETZ, 1270L, PgType.CHAR, 1002L, PgType.REGPROC, 1008L, PgType.REGCLASS, 2210L,
      PgType.REGTYPE, 2211L, PgType.REGNAMESPACE, 4090L, PgType.REGROLE, 4097L, PgType.RECORD, 2287L);

  private static String category(PgType t) {
    if (t.isArray()) return "A";
    return switch (t) {
      case BOOL -> "B";
      case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, OID, REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE -> "N";
      case TEXT, VARCHAR, BPCHAR, NAME, CHAR -> "S";
      case DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ -> "D";
      case INTERVAL -> "T";
      case UNKNOWN -> "X";
      case RECORD, VOID -> "P";
      default -> "U";
    };
  }

  private static void pgIndex(Index ix, SystemRelations.Rows out) {
    int n = ix.keys().length + ix.include().length;
    long[] classes = new long[ix.keys().length];
    long[] collations = new long[n];
    int[] options = new int[ix.keys().length];
    int[] all = CatalogSnapshot.concat(ix.keys(), ix.include());
    for (int i = 0; i < n; i++) collations[i] = collatable(ix.table().column(all[i]).type()) ? CatalogSnapshot.DEFAULT_COLLATION : 0;
    out.add("indexrelid", ix.oid(), "indrelid", ix.table().oid(), "indnatts", (short) n,
        "indnkeyatts", (short) ix.keys().length, "indisunique", ix.unique(), "indnullsnotdistinct", false,
        "indisprimary", ix.primary(), "indisexclusion", false, "indimmediate", true, "indisclustered", false,
        "indisvalid", ix.valid(), "indcheckxmin", false,
        // Ready (maintained by writes) from the DDL on, as PostgreSQL's concurrent builds are once ready; valid only once built.
        "indisready", true, "indislive", true, "indisreplident", false,
        "indkey", SystemRelations.shorts(all), "indcollation", SystemRelations.oids(collations),
        "indclass", SystemRelations.oids(classes), "indoption", SystemRelations.shorts(options));
  }

  private static void pgConstraint(Constraint c, SystemRelations.Rows out) {
    CatalogSnapshot.ForeignKey fk = c.foreignKey();
    long indid = c.index() != null ? c.index().oid() : fk != null && fk.refIndex() != null ? fk.refIndex().oid() : 0L;
    out.add("oid", c.oid(), "conname", c.name(), "connamespace", c.table().namespace(), "contype", String.valueOf(c.type()),
        "condeferrable", false, "condeferred", false, "convalidated", true, "conrelid", c.table().oid(), "contypid", 0L,
        "conindid", indid, "conparentid", 0L, "confrelid", fk != null ? fk.refTable().oid() : 0L,
        "confupdtype", fk != null ? String.valueOf(fk.onUpdate()) : " ", "confdeltype", fk != null ? String.valueOf(fk.onDelete()) : " ",
        "confmatchtype", fk != null ? "s" : " ", "conislocal", true, "coninhcount", 0, "connoinherit", c.type() != 'c' && c.type() != 'f',
        "conkey", SystemRelations.shorts(c.columns()), "confkey", fk != null ? SystemRelations.shorts(fk.refColumns()) : null,
        "conbin", c.check());
  }

  private static void infoColumn(CatalogSnapshot s, Relation r, Column c, SystemRelations.Rows out) {
    PgType t = c.type();
    int mod = c.typmod();
    Integer charMax = (t == PgType.VARCHAR || t == PgType.BPCHAR) && mod >= 0 ? mod - 4 : null;
    Integer octets = t == PgType.TEXT || t == PgType.VARCHAR || t == PgType.BPCHAR
        ? (charMax != null ? charMax * 4 : 1_073_741_824) : null;
    Integer precision = switch (t) {
      case INT2 -> 16;
      case INT4 -> 32;
      case INT8 -> 64;
      case FLOAT4 -> 24;
      case FLOAT8 -> 53;
      case NUMERIC -> mod >= 0 ? (mod - 4) >> 16 : null;
      default -> null;
    };
    Integer radix = precision == null && t != PgType.NUMERIC ? null : t == PgType.NUMERIC ? 10 : 2;
    Integer scale = switch (t) {
      case INT2, INT4, INT8 -> 0;
      case NUMERIC -> mod >= 0 ? (mod - 4) & 0xFFFF : null;
      default -> null;
    };
    Integer dtPrecision = switch (t) {
      case DATE -> 0;
      case TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ -> mod >= 0 ? mod : 6;
      case INTERVAL -> 6;
      default -> null;
    };
    String dataType = t.isArray() ? "ARRAY" : t == PgType.CHAR ? "\"char\"" : t.sqlName();
    SequenceDef seq = null;
    if (!c.identity().isEmpty()) {
      for (CatalogSnapshot.Ownership o : s.ownerships()) {
        if (o.table().oid() == r.oid() && o.attnum() == c.attnum()) seq = o.sequence().sequence();
      }
    }
    out.add("table_catalog", s.session().database(), "table_schema", schemaOf(s, r), "table_name", r.name(),
        "column_name", c.name(), "ordinal_position", c.attnum(),
        "column_default", c.defaultSql() == null ? null : CatalogSnapshot.defaultExpr(c),
        "is_nullable", c.notNull() ? "NO" : "YES", "data_type", dataType, "character_maximum_length", charMax,
        "character_octet_length", octets, "numeric_precision", precision, "numeric_precision_radix", radix,
        "numeric_scale", scale, "datetime_precision", dtPrecision,
        "udt_catalog", s.session().database(), "udt_schema", "pg_catalog", "udt_name", CatalogSnapshot.typname(t),
        "dtd_identifier", Integer.toString(c.attnum()), "is_self_referencing", "NO",
        "is_identity", c.identity().isEmpty() ? "NO" : "YES",
        "identity_generation", c.identity().isEmpty() ? null : c.identity().equals("a") ? "ALWAYS" : "BY DEFAULT",
        "identity_start", seq == null ? null : Long.toString(seq.start()),
        "identity_increment", seq == null ? null : Long.toString(seq.increment()),
        "identity_maximum", seq == null ? null : Long.toString(seq.max()),
        "identity_minimum", seq == null ? null : Long.toString(seq.min()),
        "identity_cycle", seq != null && seq.cycle() ? "YES" : "NO", "is_generated", "NEVER",
        "is_updatable", r.table() != null && r.kind() == 'r' ? "YES" : "NO");
  }
}
