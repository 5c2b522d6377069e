package org.opendsql.core.types;

/**
 * The PostgreSQL types this database stores or computes, with their catalog OIDs. The Java value
 * class of each is fixed: INT2 Short, INT4 Integer, INT8 Long, FLOAT4 Float, FLOAT8 Double,
 * NUMERIC BigDecimal, BOOL Boolean, TEXT/VARCHAR/BPCHAR/NAME String, TIMESTAMPTZ and TIMESTAMP
 * java.time.Instant / LocalDateTime, DATE LocalDate, UUID java.util.UUID, BYTEA byte[],
 * UNKNOWN String (an untyped literal or parameter not yet resolved), OID Long.
 */
public enum PgType {
  BOOL(16, "boolean", 1),
  BYTEA(17, "bytea", -1),
  NAME(19, "name", 64),
  INT8(20, "bigint", 8),
  INT2(21, "smallint", 2),
  INT4(23, "integer", 4),
  TEXT(25, "text", -1),
  OID(26, "oid", 4),
  FLOAT4(700, "real", 4),
  FLOAT8(701, "double precision", 8),
  UNKNOWN(705, "unknown", -2),
  BPCHAR(1042, "character", -1),
  VARCHAR(1043, "character varying", -1),
  DATE(1082, "date", 4),
  TIMESTAMP(1114, "timestamp without time zone", 8),
  TIMESTAMPTZ(1184, "timestamp with time zone", 8),
  NUMERIC(1700, "numeric", -1),
  UUID(2950, "uuid", 16),
  /** The result of a function that returns nothing (setseed): its one value prints as an empty string. */
  VOID(2278, "void", 4);

  private final int oid;
  private final String sqlName;
  private final int typlen;

  PgType(int oid, String sqlName, int typlen) {
    this.oid = oid;
    this.sqlName = sqlName;
    this.typlen = typlen;
  }

  public int oid() { return oid; }
  public String sqlName() { return sqlName; }
  /** pg_type.typlen: the wire's RowDescription "type size" (-1 varlena, -2 cstring). */
  public int typlen() { return typlen; }

  public static PgType byOid(int oid) {
    for (PgType t : values()) {
      if (t.oid == oid) return t;
    }
    return null;
  }
}
