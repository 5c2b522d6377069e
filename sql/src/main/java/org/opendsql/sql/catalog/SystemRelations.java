package org.opendsql.sql.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.core.types.PgArray;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RegValue;

/**
 * The pg_catalog and information_schema relations: PostgreSQL 15's names, columns and column
 * types, and their rows made from a {@link CatalogSnapshot}. Read-only: their rows exist only
 * while a statement reads them. A relation whose kind of object this engine does not have
 * (triggers, policies, publications, ...) exists with no rows, so the queries tools send that join
 * it work. Types PostgreSQL uses only in its catalogs take the nearest type here: aclitem[] and
 * "char"[] text[], pg_node_tree text, int2vector int2[], oidvector oid[], xid bigint, and
 * information_schema's domains their base types.
 */
public final class SystemRelations {
  /** pg_class's own OID: the class id of a relation in pg_depend and pg_description. */
  public static final long PG_CLASS_OID = 1259;

  private SystemRelations() {}

  /** A relation: the table definition the planner binds to (its id marks it as a system relation) and its OID. */
  public record Def(String schema, String name, boolean view, long oid, List<ColumnDef> columns, TableDef table) {}

  /** Table ids of system relations: below the user tables', above the storage system table's. */
  private static final long FIRST_ID = 100;

  private static final Map<String, Def> BY_KEY = new LinkedHashMap<>();

  private static void d(String schema, String name, boolean view, long oid, String spec) {
    List<ColumnDef> cols = new ArrayList<>();
    int id = 0;
    for (String c : spec.split(" ")) {
      String[] p = c.split(":");
      int typmod = p[1].equals("yes_or_no") ? 3 + 4 : -1;
      cols.add(new ColumnDef(++id, p[0], type(p[1]), typmod, false, null, false));
    }
    TableDef t = new TableDef(FIRST_ID + BY_KEY.size(), schema + "." + name, cols, new int[0], true);
    BY_KEY.put(schema + "." + name, new Def(schema, name, view, oid, List.copyOf(cols), t));
  }

  private static PgType type(String name) {
    return switch (name) {
      case "oid" -> PgType.OID;
      case "name" -> PgType.NAME;
      case "char" -> PgType.CHAR;
      case "bool" -> PgType.BOOL;
      case "int2" -> PgType.INT2;
      case "int4" -> PgType.INT4;
      case "int8", "xid" -> PgType.INT8;
      case "float4" -> PgType.FLOAT4;
      case "text", "pg_node_tree" -> PgType.TEXT;
      case "text[]", "aclitem[]", "char[]" -> PgType.TEXT_ARRAY;
      case "oid[]", "oidvector" -> PgType.OID_ARRAY;
      case "int2[]", "int2vector" -> PgType.INT2_ARRAY;
      case "regproc" -> PgType.REGPROC;
      case "regtype" -> PgType.REGTYPE;
      case "timestamptz" -> PgType.TIMESTAMPTZ;
      case "bytea" -> PgType.BYTEA;
      case "varchar", "yes_or_no" -> PgType.VARCHAR;
      default -> throw new IllegalArgumentException(name);
    };
  }

  static {
    d("pg_catalog", "pg_namespace", false, 2615, "oid:oid nspname:name nspowner:oid nspacl:aclitem[]");
    d("pg_catalog", "pg_class", false, 1259, "oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid relfilenode:oid reltablespace:oid relpages:int4 reltuples:float4 relallvisible:int4 reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char relkind:char relnatts:int2 relchecks:int2 relhasrules:bool relhastriggers:bool relhassubclass:bool relrowsecurity:bool relforcerowsecurity:bool relispopulated:bool relreplident:char relispartition:bool relrewrite:oid relfrozenxid:xid relminmxid:xid relacl:aclitem[] reloptions:text[] relpartbound:pg_node_tree");
    d("pg_catalog", "pg_attribute", false, 1249, "attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 attndims:int4 attcacheoff:int4 atttypmod:int4 attbyval:bool attalign:char attstorage:char attcompression:char attnotnull:bool atthasdef:bool atthasmissing:bool attidentity:char attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4 attcollation:oid attacl:aclitem[] attoptions:text[] attfdwoptions:text[] attmissingval:text");
    d("pg_catalog", "pg_type", false, 1247, "oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char typcategory:char typispreferred:bool typisdefined:bool typdelim:char typrelid:oid typsubscript:regproc typelem:oid typarray:oid typinput:regproc typoutput:regproc typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc typanalyze:regproc typalign:char typstorage:char typnotnull:bool typbasetype:oid typtypmod:int4 typndims:int4 typcollation:oid typdefaultbin:pg_node_tree typdefault:text typacl:aclitem[]");
    d("pg_catalog", "pg_index", false, 2610, "indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool indnullsnotdistinct:bool indisprimary:bool indisexclusion:bool indimmediate:bool indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool indisreplident:bool indkey:int2vector indcollation:oidvector indclass:oidvector indoption:int2vector indexprs:pg_node_tree indpred:pg_node_tree");
    d("pg_catalog", "pg_constraint", false, 2606, "oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool convalidated:bool conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid confupdtype:char confdeltype:char confmatchtype:char conislocal:bool coninhcount:int4 connoinherit:bool conkey:int2[] confkey:int2[] conpfeqop:oid[] conppeqop:oid[] conffeqop:oid[] confdelsetcols:int2[] conexclop:oid[] conbin:pg_node_tree");
    d("pg_catalog", "pg_attrdef", false, 2604, "oid:oid adrelid:oid adnum:int2 adbin:pg_node_tree");
    d("pg_catalog", "pg_description", false, 2609, "objoid:oid classoid:oid objsubid:int4 description:text");
    d("pg_catalog", "pg_shdescription", false, 2396, "objoid:oid classoid:oid description:text");
    d("pg_catalog", "pg_database", false, 1262, "oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool datallowconn:bool datconnlimit:int4 datfrozenxid:xid datminmxid:xid dattablespace:oid datcollate:text datctype:text daticulocale:text datcollversion:text datacl:aclitem[]");
    d("pg_catalog", "pg_authid", false, 1260, "oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool rolreplication:bool rolbypassrls:bool rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz");
    d("pg_catalog", "pg_roles", true, 12001, "rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool rolreplication:bool rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:text[] oid:oid");
    d("pg_catalog", "pg_user", true, 12002, "usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool usebypassrls:bool passwd:text valuntil:timestamptz useconfig:text[]");
    d("pg_catalog", "pg_auth_members", false, 1261, "roleid:oid member:oid grantor:oid admin_option:bool");
    d("pg_catalog", "pg_am", false, 2601, "oid:oid amname:name amhandler:regproc amtype:char");
    d("pg_catalog", "pg_proc", false, 1255, "oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 prorows:float4 provariadic:oid prosupport:regproc prokind:char prosecdef:bool proleakproof:bool proisstrict:bool proretset:bool provolatile:char proparallel:char pronargs:int2 pronargdefaults:int2 prorettype:oid proargtypes:oidvector proallargtypes:oid[] proargmodes:text[] proargnames:text[] proargdefaults:pg_node_tree protrftypes:oid[] prosrc:text probin:text prosqlbody:pg_node_tree proconfig:text[] proacl:aclitem[]");
    d("pg_catalog", "pg_settings", true, 12003, "name:text setting:text unit:text category:text short_desc:text extra_desc:text context:text vartype:text source:text min_val:text max_val:text enumvals:text[] boot_val:text reset_val:text sourcefile:text sourceline:int4 pending_restart:bool");
    d("pg_catalog", "pg_tables", true, 12004, "schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool hasrules:bool hastriggers:bool rowsecurity:bool");
    d("pg_catalog", "pg_indexes", true, 12005, "schemaname:name tablename:name indexname:name tablespace:name indexdef:text");
    d("pg_catalog", "pg_views", true, 12006, "schemaname:name viewname:name viewowner:name definition:text");
    d("pg_catalog", "pg_matviews", true, 12007, "schemaname:name matviewname:name matviewowner:name tablespace:name hasindexes:bool ispopulated:bool definition:text");
    d("pg_catalog", "pg_sequence", false, 2224, "seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 seqcache:int8 seqcycle:bool");
    d("pg_catalog", "pg_sequences", true, 12008, "schemaname:name sequencename:name sequenceowner:name data_type:regtype start_value:int8 min_value:int8 max_value:int8 increment_by:int8 cycle:bool cache_size:int8 last_value:int8");
    d("pg_catalog", "pg_inherits", false, 2611, "inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool");
    d("pg_catalog", "pg_collation", false, 3456, "oid:oid collname:name collnamespace:oid collowner:oid collprovider:char collisdeterministic:bool collencoding:int4 collcollate:text collctype:text colliculocale:text collversion:text");
    d("pg_catalog", "pg_extension", false, 3079, "oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text extconfig:oid[] extcondition:text[]");
    d("pg_catalog", "pg_tablespace", false, 1213, "oid:oid spcname:name spcowner:oid spcacl:aclitem[] spcoptions:text[]");
    d("pg_catalog", "pg_trigger", false, 2620, "oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char tgisinternal:bool tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid tgdeferrable:bool tginitdeferred:bool tgnargs:int2 tgattr:int2vector tgargs:bytea tgqual:pg_node_tree tgoldtable:name tgnewtable:name");
    d("pg_catalog", "pg_policy", false, 3256, "oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:oid[] polqual:pg_node_tree polwithcheck:pg_node_tree");
    d("pg_catalog", "pg_rewrite", false, 2618, "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool ev_qual:pg_node_tree ev_action:pg_node_tree");
    d("pg_catalog", "pg_depend", false, 2608, "classid:oid objid:oid objsubid:int4 refclassid:oid refobjid:oid refobjsubid:int4 deptype:char");
    d("pg_catalog", "pg_enum", false, 3501, "oid:oid enumtypid:oid enumsortorder:float4 enumlabel:name");
    d("pg_catalog", "pg_statistic_ext", false, 3381, "oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:int4 stxkeys:int2vector stxkind:char[] stxexprs:pg_node_tree");
    d("pg_catalog", "pg_foreign_table", false, 3118, "ftrelid:oid ftserver:oid ftoptions:text[]");
    d("pg_catalog", "pg_partitioned_table", false, 3350, "partrelid:oid partstrat:char partnatts:int2 partdefid:oid partattrs:int2vector partclass:oidvector partcollation:oidvector partexprs:pg_node_tree");
    d("pg_catalog", "pg_publication", false, 6104, "oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool pubupdate:bool pubdelete:bool pubtruncate:bool pubviaroot:bool");
    d("pg_catalog", "pg_publication_rel", false, 6106, "oid:oid prpubid:oid prrelid:oid prqual:pg_node_tree prattrs:int2vector");
    d("pg_catalog", "pg_publication_namespace", false, 6237, "oid:oid pnpubid:oid pnnspid:oid");
    d("pg_catalog", "pg_language", false, 2612, "oid:oid lanname:name lanowner:oid lanispl:bool lanpltrusted:bool lanplcallfoid:oid laninline:oid lanvalidator:oid lanacl:aclitem[]");
    d("information_schema", "tables", true, 13001, "table_catalog:name table_schema:name table_name:name table_type:varchar self_referencing_column_name:name reference_generation:varchar user_defined_type_catalog:name user_defined_type_schema:name user_defined_type_name:name is_insertable_into:yes_or_no is_typed:yes_or_no commit_action:varchar");
    d("information_schema", "columns", true, 13002, "table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int4 column_default:varchar is_nullable:yes_or_no data_type:varchar character_maximum_length:int4 character_octet_length:int4 numeric_precision:int4 numeric_precision_radix:int4 numeric_scale:int4 datetime_precision:int4 interval_type:varchar interval_precision:int4 character_set_catalog:name character_set_schema:name character_set_name:name collation_catalog:name collation_schema:name collation_name:name domain_catalog:name domain_schema:name domain_name:name udt_catalog:name udt_schema:name udt_name:name scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int4 dtd_identifier:name is_self_referencing:yes_or_no is_identity:yes_or_no identity_generation:varchar identity_start:varchar identity_increment:varchar identity_maximum:varchar identity_minimum:varchar identity_cycle:yes_or_no is_generated:varchar generation_expression:varchar is_updatable:yes_or_no");
    d("information_schema", "schemata", true, 13003, "catalog_name:name schema_name:name schema_owner:name default_character_set_catalog:name default_character_set_schema:name default_character_set_name:name sql_path:varchar");
    d("information_schema", "table_constraints", true, 13004, "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name constraint_type:varchar is_deferrable:yes_or_no initially_deferred:yes_or_no enforced:yes_or_no nulls_distinct:yes_or_no");
    d("information_schema", "key_column_usage", true, 13005, "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int4 position_in_unique_constraint:int4");
    d("information_schema", "referential_constraints", true, 13006, "constraint_catalog:name constraint_schema:name constraint_name:name unique_constraint_catalog:name unique_constraint_schema:name unique_constraint_name:name match_option:varchar update_rule:varchar delete_rule:varchar");
    d("information_schema", "constraint_column_usage", true, 13007, "table_catalog:name table_schema:name table_name:name column_name:name constraint_catalog:name constraint_schema:name constraint_name:name");
    d("information_schema", "views", true, 13008, "table_catalog:name table_schema:name table_name:name view_definition:varchar check_option:varchar is_updatable:yes_or_no is_insertable_into:yes_or_no is_trigger_updatable:yes_or_no is_trigger_deletable:yes_or_no is_trigger_insertable_into:yes_or_no");
    d("information_schema", "sequences", true, 13009, "sequence_catalog:name sequence_schema:name sequence_name:name data_type:varchar numeric_precision:int4 numeric_precision_radix:int4 numeric_scale:int4 start_value:varchar minimum_value:varchar maximum_value:varchar increment:varchar cycle_option:yes_or_no");
    d("information_schema", "routines", true, 13010, "specific_catalog:name specific_schema:name specific_name:name routine_catalog:name routine_schema:name routine_name:name routine_type:varchar data_type:varchar type_udt_catalog:name type_udt_schema:name type_udt_name:name routine_body:varchar routine_definition:varchar external_name:varchar external_language:varchar is_deterministic:yes_or_no sql_data_access:varchar is_null_call:yes_or_no security_type:varchar");
    // DSQL's sys schema: not a PostgreSQL schema, so pg_class and pg_namespace do not list it.
    d("sys", "iam_pg_role_mappings", true, 14002, "iam_oid:oid arn:text pg_role_oid:oid pg_role_name:name grantor_pg_role_oid:oid grantor_pg_role_name:name");
    d("sys", "jobs", true, 14001, "job_id:text status:text details:text job_type:text class_id:oid object_id:oid object_name:text start_time:timestamptz update_time:timestamptz table_name:text rows_processed:int8");
    d("information_schema", "character_sets", true, 13011, "character_set_catalog:name character_set_schema:name character_set_name:name character_repertoire:name form_of_use:name default_collate_catalog:name default_collate_schema:name default_collate_name:name");

  }

  /** The relations the PostgreSQL catalogs list (pg_catalog's and information_schema's, not DSQL's sys). */
  public static List<Def> all() {
    return BY_KEY.values().stream().filter(d -> !d.schema().equals("sys")).toList();
  }

  /** sys.jobs: DSQL's view of the background jobs. */
  public static final String SYS_JOBS = "sys.jobs";

  /** sys.jobs' rows, one per job; object_id is the index's OID as pg_class shows it. */
  public static List<Object[]> jobRows(List<org.opendsql.sql.job.IndexJob> jobs,
      Map<String, org.opendsql.sql.job.JobProgress> progress) {
    Rows out = new Rows(BY_KEY.get(SYS_JOBS));
    for (org.opendsql.sql.job.IndexJob j : jobs) {
      org.opendsql.sql.job.JobProgress p = progress.get(j.id());
      out.add("job_id", j.id(), "status", j.status().sqlName(), "details", j.details(),
          "job_type", org.opendsql.sql.job.IndexJob.INDEX_BUILD, "class_id", PG_CLASS_OID,
          "object_id", CatalogSnapshot.tableOid(j.tableId()) + j.indexId(), "object_name", j.index(),
          "start_time", java.time.Instant.ofEpochMilli(j.startMs()), "update_time", java.time.Instant.ofEpochMilli(j.updateMs()),
          "table_name", j.table(), "rows_processed", p == null ? 0L : p.rowsProcessed());
    }
    return out.rows;
  }

  /** The relation {@code schema.name} ("pg_catalog.pg_class"), or null. */
  public static Def find(String key) {
    return BY_KEY.get(key);
  }

  /** The relation an unqualified name finds in pg_catalog (searched before any other schema), or null. */
  public static Def inPgCatalog(String name) {
    return BY_KEY.get("pg_catalog." + name);
  }

  /** Whether {@code t} is a system relation's definition rather than a user table's. */
  public static boolean isSystem(TableDef t) {
    return t.id() >= FIRST_ID && t.id() < CatalogKeys.FIRST_USER_TABLE_ID;
  }

  public static Def of(TableDef t) {
    return BY_KEY.get(t.name());
  }

  // ---------------------------------------------------------------- rows

  /** The rows of {@code def} as {@code s} shows the catalog, laid out by its columns. */
  public static List<Object[]> rows(Def def, CatalogSnapshot s) {
    Rows out = new Rows(def);
    CatalogRows.fill(def.schema() + "." + def.name(), s, out);
    return out.rows;
  }

  /** Collects rows given as column name and value pairs; columns not named are NULL. */
  public static final class Rows {
    private final Map<String, Integer> slots = new java.util.HashMap<>();
    private final int width;
    final List<Object[]> rows = new ArrayList<>();

    Rows(Def def) {
      for (int i = 0; i < def.columns().size(); i++) slots.put(def.columns().get(i).name(), i);
      width = def.columns().size();
    }

    public void add(Object... namesAndValues) {
      Object[] row = new Object[width];
      for (int i = 0; i < namesAndValues.length; i += 2) {
        Integer slot = slots.get((String) namesAndValues[i]);
        if (slot == null) throw new IllegalArgumentException("no column " + namesAndValues[i]);
        row[slot] = namesAndValues[i + 1];
      }
      rows.add(row);
    }
  }

  static PgArray shorts(int[] values) {
    List<Object> items = new ArrayList<>();
    for (int v : values) items.add((short) v);
    return PgArray.of(items);
  }

  static PgArray oids(long... values) {
    List<Object> items = new ArrayList<>();
    for (long v : values) items.add(v);
    return PgArray.of(items);
  }

  /** A function as a regproc value: "-" for none; the functions pg_type and pg_am name have stable OIDs. */
  static RegValue proc(String name) {
    return new RegValue(name.equals("-") ? 0 : procOid(name), name);
  }

  /** OIDs of the built-in functions the catalog rows name (type input/output, access method handlers). */
  private static final Map<String, Long> PROCS = new java.util.TreeMap<>();

  static {
    List<String> names = new ArrayList<>(List.of("array_in", "array_out", "array_recv", "array_send",
        "array_subscript_handler", "heap_tableam_handler", "bthandler", "hashhandler", "gisthandler", "ginhandler",
        "spghandler", "brinhandler"));
    for (PgType t : PgType.values()) {
      if (t.isArray()) continue;
      String n = CatalogSnapshot.typname(t);
      for (String suffix : List.of("in", "out", "recv", "send")) names.add(n + suffix);
    }
    java.util.Collections.sort(names);
    for (String n : names) PROCS.putIfAbsent(n, 9000L + PROCS.size());
  }

  /** The OID of built-in function {@code name} (schema pg_catalog may prefix it), 0 if this catalog does not name it. */
  public static long procOid(String name) {
    String n = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
    return PROCS.getOrDefault(n, 0L);
  }
}
