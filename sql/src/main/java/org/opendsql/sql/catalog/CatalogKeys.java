package org.opendsql.sql.catalog;

import java.util.List;
import org.opendsql.core.types.PgType;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.codec.KeyCodec;

/** Where the catalog lives in the keyspace. */
public final class CatalogKeys {
  private CatalogKeys() {}

  public static final long SYSTEM_TABLE_ID = 1;
  /** Index of the system table holding table definitions, keyed by name. */
  public static final long TABLES_INDEX = 1;
  /** Index of the system table holding the next table id. */
  public static final long COUNTER_INDEX = 2;
  /** Index of the system table holding advisory locks, keyed by (key space, key). */
  public static final long ADVISORY_LOCKS_INDEX = 3;
  /** Index of the system table holding sequence definitions, keyed by name. */
  public static final long SEQUENCES_INDEX = 4;
  /** Index of the system table holding each sequence's counter row, keyed by sequence id. */
  public static final long SEQUENCE_VALUES_INDEX = 5;
  /** Index of the system table holding user schemas, keyed by name (public is not stored). */
  public static final long SCHEMAS_INDEX = 9;
  /** Index of the system table holding roles, keyed by name (admin is not stored). */
  public static final long ROLES_INDEX = 10;
  /** Index of the system table holding granted privileges, keyed by (object kind, object, grantee). */
  public static final long GRANTS_INDEX = 11;
  /** Index of the system table mapping token identities to roles, keyed by (role, identity). */
  public static final long IAM_MAPPINGS_INDEX = 12;
  /** Index of the system table holding background jobs (CREATE INDEX ASYNC), keyed by job id. */
  public static final long JOBS_INDEX = 6;
  /** Index of the system table holding each job's progress and claim, keyed by job id: written by every chunk. */
  public static final long JOB_PROGRESS_INDEX = 7;
  /** Index of the system table holding each table's row count as ANALYZE found it, keyed by table id. */
  public static final long STATS_INDEX = 13;
  /** Ids below this are reserved for system tables. */
  public static final long FIRST_USER_TABLE_ID = 1000;

  public static byte[] tableKey(String name) {
    return KeyCodec.key(SYSTEM_TABLE_ID, TABLES_INDEX, List.of(PgType.TEXT), List.of(name));
  }

  public static byte[] tablesPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, TABLES_INDEX);
  }

  public static byte[] tablesEnd() {
    return Bytes.prefixEnd(tablesPrefix());
  }

  public static byte[] advisoryLockKey(int space, long id) {
    return KeyCodec.key(SYSTEM_TABLE_ID, ADVISORY_LOCKS_INDEX, List.of(PgType.INT4, PgType.INT8), List.of(space, id));
  }

  public static byte[] sequenceKey(String name) {
    return KeyCodec.key(SYSTEM_TABLE_ID, SEQUENCES_INDEX, List.of(PgType.TEXT), List.of(name));
  }

  public static byte[] sequencesPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, SEQUENCES_INDEX);
  }

  /**
   * Keyed by id, not name: a sequence dropped and created again under its name starts from a new
   * row, and a nextval that read the old definition cannot advance the new one's counter.
   */
  public static byte[] sequenceValueKey(long sequenceId) {
    return KeyCodec.key(SYSTEM_TABLE_ID, SEQUENCE_VALUES_INDEX, List.of(PgType.INT8), List.of(sequenceId));
  }

  public static byte[] schemaKey(String name) {
    return KeyCodec.key(SYSTEM_TABLE_ID, SCHEMAS_INDEX, List.of(PgType.TEXT), List.of(name));
  }

  public static byte[] schemasPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, SCHEMAS_INDEX);
  }

  public static byte[] schemasEnd() {
    return Bytes.prefixEnd(schemasPrefix());
  }

  public static byte[] roleKey(String name) {
    return KeyCodec.key(SYSTEM_TABLE_ID, ROLES_INDEX, List.of(PgType.TEXT), List.of(name));
  }

  public static byte[] rolesPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, ROLES_INDEX);
  }

  /** {@code kind}: "t" a table (or view), "s" a schema; {@code object} its catalog name. */
  public static byte[] grantKey(String kind, String object, String grantee) {
    return KeyCodec.key(SYSTEM_TABLE_ID, GRANTS_INDEX, List.of(PgType.TEXT, PgType.TEXT, PgType.TEXT), List.of(kind, object, grantee));
  }

  /** Every grant on one object. */
  public static byte[] grantsOnPrefix(String kind, String object) {
    return KeyCodec.key(SYSTEM_TABLE_ID, GRANTS_INDEX, List.of(PgType.TEXT, PgType.TEXT), List.of(kind, object));
  }

  public static byte[] grantsPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, GRANTS_INDEX);
  }

  public static byte[] iamMappingKey(String role, String identity) {
    return KeyCodec.key(SYSTEM_TABLE_ID, IAM_MAPPINGS_INDEX, List.of(PgType.TEXT, PgType.TEXT), List.of(role, identity));
  }

  public static byte[] iamMappingsPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, IAM_MAPPINGS_INDEX);
  }

  public static byte[] jobKey(String jobId) {
    return KeyCodec.key(SYSTEM_TABLE_ID, JOBS_INDEX, List.of(PgType.TEXT), List.of(jobId));
  }

  public static byte[] jobsPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, JOBS_INDEX);
  }

  public static byte[] jobsEnd() {
    return Bytes.prefixEnd(jobsPrefix());
  }

  public static byte[] jobProgressKey(String jobId) {
    return KeyCodec.key(SYSTEM_TABLE_ID, JOB_PROGRESS_INDEX, List.of(PgType.TEXT), List.of(jobId));
  }

  public static byte[] jobProgressPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, JOB_PROGRESS_INDEX);
  }

  public static byte[] statsKey(long tableId) {
    return KeyCodec.key(SYSTEM_TABLE_ID, STATS_INDEX, List.of(PgType.INT8), List.of(tableId));
  }

  public static byte[] statsPrefix() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, STATS_INDEX);
  }

  public static byte[] counterKey() {
    return KeyCodec.prefix(SYSTEM_TABLE_ID, COUNTER_INDEX);
  }
}
