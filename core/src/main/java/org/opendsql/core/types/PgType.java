package org.opendsql.core.types;

/**
 * The PostgreSQL types this database stores or computes, with their catalog OIDs. The Java value
 * class of each is fixed: INT2 Short, INT4 Integer, INT8 Long, FLOAT4 Float, FLOAT8 Double,
 * NUMERIC BigDecimal, BOOL Boolean, TEXT/VARCHAR/BPCHAR/NAME String, TIMESTAMPTZ and TIMESTAMP
 * java.time.Instant / LocalDateTime, DATE LocalDate, TIME LocalTime, TIMETZ OffsetTime, INTERVAL
 * {@link PgInterval} (see {@link DateTimeText} for infinity and 24:00:00), UUID java.util.UUID, BYTEA byte[],
 * UNKNOWN String (an untyped literal or parameter not yet resolved), OID Long, RECORD
 * {@link RecordValue}, JSON String (its text), JSONB {@link Jsonb}, CHAR String, REGCLASS and the
 * other OID alias types {@link RegValue}.
 */
public enum PgType {
  BOOL(16, "boolean", 1),
  BYTEA(17, "bytea", -1),
  NAME(19, "name", 64),
  /** json keeps its input text verbatim: the value is the String. */
  JSON(114, "json", -1),
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
  TIME(1083, "time without time zone", 8),
  TIMESTAMP(1114, "timestamp without time zone", 8),
  TIMESTAMPTZ(1184, "timestamp with time zone", 8),
  INTERVAL(1186, "interval", 16),
  TIMETZ(1266, "time with time zone", 12),
  NUMERIC(1700, "numeric", -1),
  RECORD(2249, "record", -1),
  UUID(2950, "uuid", 16),
  /** jsonb's value is a parsed, normalized {@link Jsonb}. */
  JSONB(3802, "jsonb", -1),
  /** The result of a function that returns nothing (setseed): its one value prints as an empty string. */
  VOID(2278, "void", 4),
  // One-dimensional and multi-dimensional arrays share a type; the value is a PgArray.
  BOOL_ARRAY(1000, "boolean[]", -1),
  BYTEA_ARRAY(1001, "bytea[]", -1),
  NAME_ARRAY(1003, "name[]", -1),
  INT2_ARRAY(1005, "smallint[]", -1),
  INT4_ARRAY(1007, "integer[]", -1),
  TEXT_ARRAY(1009, "text[]", -1),
  BPCHAR_ARRAY(1014, "character[]", -1),
  VARCHAR_ARRAY(1015, "character varying[]", -1),
  INT8_ARRAY(1016, "bigint[]", -1),
  FLOAT4_ARRAY(1021, "real[]", -1),
  FLOAT8_ARRAY(1022, "double precision[]", -1),
  OID_ARRAY(1028, "oid[]", -1),
  TIMESTAMP_ARRAY(1115, "timestamp without time zone[]", -1),
  DATE_ARRAY(1182, "date[]", -1),
  TIMESTAMPTZ_ARRAY(1185, "timestamp with time zone[]", -1),
  NUMERIC_ARRAY(1231, "numeric[]", -1),
  UUID_ARRAY(2951, "uuid[]", -1),
  JSON_ARRAY(199, "json[]", -1),
  JSONB_ARRAY(3807, "jsonb[]", -1),
  /** Anonymous records' arrays: computed only (a WITH query's SEARCH DEPTH FIRST and CYCLE path columns, ARRAY[ROW(...)]). */
  RECORD_ARRAY(2287, "record[]", -1),
  /** The single-byte "char" of the catalogs (relkind, contype): the value is a String of at most one character. */
  CHAR(18, "\"char\"", 1),
  /** The OID alias types: the value is a {@link RegValue}, which carries the name it prints as. */
  REGPROC(24, "regproc", 4),
  REGCLASS(2205, "regclass", 4),
  REGTYPE(2206, "regtype", 4),
  REGNAMESPACE(4089, "regnamespace", 4),
  REGROLE(4096, "regrole", 4);

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

  /** The element type of an array type, or null for a type that is not an array. */
  public PgType elementType() {
    return switch (this) {
      case BOOL_ARRAY -> BOOL;
      case BYTEA_ARRAY -> BYTEA;
      case NAME_ARRAY -> NAME;
      case INT2_ARRAY -> INT2;
      case INT4_ARRAY -> INT4;
      case TEXT_ARRAY -> TEXT;
      case BPCHAR_ARRAY -> BPCHAR;
      case VARCHAR_ARRAY -> VARCHAR;
      case INT8_ARRAY -> INT8;
      case FLOAT4_ARRAY -> FLOAT4;
      case FLOAT8_ARRAY -> FLOAT8;
      case OID_ARRAY -> OID;
      case TIMESTAMP_ARRAY -> TIMESTAMP;
      case DATE_ARRAY -> DATE;
      case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
      case NUMERIC_ARRAY -> NUMERIC;
      case UUID_ARRAY -> UUID;
      case JSON_ARRAY -> JSON;
      case JSONB_ARRAY -> JSONB;
      case RECORD_ARRAY -> RECORD;
      default -> null;
    };
  }

  /** The array type whose elements are of this type, or null when there is none. */
  public PgType arrayType() {
    for (PgType t : values()) {
      if (t.elementType() == this) return t;
    }
    return null;
  }

  /** regclass, regtype, regproc, regnamespace, regrole: an OID that prints as the object's name. */
  public boolean isReg() {
    return this == REGPROC || this == REGCLASS || this == REGTYPE || this == REGNAMESPACE || this == REGROLE;
  }

  public boolean isArray() {
    return elementType() != null;
  }

  public static PgType byOid(int oid) {
    for (PgType t : values()) {
      if (t.oid == oid) return t;
    }
    return null;
  }
}
