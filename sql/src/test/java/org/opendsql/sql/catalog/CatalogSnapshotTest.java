package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;

class CatalogSnapshotTest {
  /** orders(customer bigint, no int, note varchar(20) default 'x', total numeric(10,2)), pk (customer, no), two indexes. */
  private static TableDef orders(long id) {
    List<ColumnDef> cols = List.of(
        new ColumnDef(1, "customer", PgType.INT8, -1, true, null, false),
        new ColumnDef(2, "no", PgType.INT4, -1, true, null, false),
        new ColumnDef(3, "note", PgType.VARCHAR, 24, false, "'x'", false),
        new ColumnDef(4, "total", PgType.NUMERIC, ((10 << 16) | 2) + 4, false, "-1", false));
    return new TableDef(id, "orders", cols, new int[] {0, 1}, false, List.of(
        new IndexDef(2, "orders_note_key", new int[] {2}, new int[0], true, true),
        new IndexDef(3, "orders_by_note", new int[] {2}, new int[] {3}, false)));
  }

  private static TableDef keyless(long id) {
    List<ColumnDef> cols = List.of(new ColumnDef(1, "a", PgType.TEXT, -1, false, null, false),
        new ColumnDef(2, "rowid", PgType.INT8, -1, true, null, true));
    return new TableDef(id, "Keyless", cols, new int[] {1}, true);
  }

  private static CatalogSnapshot snapshot(TableDef... tables) {
    return CatalogSnapshot.of(List.of(tables), SessionFacts.defaults("alice", "postgres"));
  }

  @Test
  void userObjectOidsDeriveFromTheTableIdSoEverySnapshotAgrees() {
    CatalogSnapshot a = snapshot(orders(1000), keyless(1001));
    CatalogSnapshot b = snapshot(keyless(1001), orders(1000));
    CatalogSnapshot.Relation t = a.lookup("public", "orders");
    assertEquals(CatalogSnapshot.FIRST_USER_OID, t.oid());
    assertEquals(t.oid(), b.lookup("public", "orders").oid());
    assertEquals(t.oid() + CatalogSnapshot.OID_STRIDE, a.lookup("public", "Keyless").oid());
    assertEquals(List.of("orders_pkey", "orders_note_key", "orders_by_note"),
        a.indexes().stream().map(CatalogSnapshot.Index::name).toList());
    assertEquals(List.of(t.oid() + 1, t.oid() + 2, t.oid() + 3), a.indexes().stream().map(CatalogSnapshot.Index::oid).toList());
  }

  @Test
  void systemRelationsKeepPostgresFixedOids() {
    CatalogSnapshot s = snapshot();
    assertEquals(1259, s.lookup("pg_catalog", "pg_class").oid());
    assertEquals(1247, s.lookup(null, "pg_type").oid());
    assertEquals(CatalogSnapshot.PG_CATALOG, s.lookup(null, "pg_type").namespace());
    assertEquals('v', s.lookup("information_schema", "tables").kind());
    assertNull(s.lookup(null, "tables"), "information_schema is not on the search path");
  }

  @Test
  void hiddenKeyColumnsAreNotAttributesAndNotNullCoversTheKey() {
    CatalogSnapshot s = snapshot(orders(1000), keyless(1001));
    CatalogSnapshot.Relation k = s.lookup("public", "Keyless");
    assertEquals(1, k.columns().size());
    assertEquals(1, CatalogSnapshot.attnum(keyless(1001), 0));
    assertTrue(s.indexes().stream().noneMatch(ix -> ix.table() == k), "a table without a primary key has no index");
    assertTrue(s.lookup("public", "orders").column(2).notNull());
  }

  @Test
  void primaryKeysAndUniqueConstraintsAreConstraintsButPlainIndexesAreNot() {
    CatalogSnapshot s = snapshot(orders(1000));
    assertEquals(List.of("orders_pkey:p", "orders_note_key:u"),
        s.constraints().stream().map(c -> c.name() + ":" + c.type()).toList());
    CatalogSnapshot.Constraint pk = s.constraints().get(0);
    assertEquals("PRIMARY KEY (customer, no)", s.constraintDef(pk.oid(), false));
    assertEquals("UNIQUE (note)", s.constraintDef(s.constraints().get(1).oid(), false));
    assertNull(s.constraintDef(12345, false));
  }

  @Test
  void indexDefinitionsReadLikePostgresDeparsesThem() {
    CatalogSnapshot s = snapshot(orders(1000), keyless(1001));
    long pk = s.lookup("public", "orders_pkey").oid();
    long byNote = s.lookup("public", "orders_by_note").oid();
    assertEquals("CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (customer, no)", s.indexDef(pk, 0, false));
    assertEquals("CREATE INDEX orders_by_note ON orders USING btree (note) INCLUDE (total)", s.indexDef(byNote, 0, true));
    assertEquals("total", s.indexDef(byNote, 2, false));
    assertEquals("", s.indexDef(byNote, 3, false));
    assertNull(s.indexDef(1, 0, false));
  }

  @Test
  void visibilityFollowsTheSearchPath() {
    CatalogSnapshot onPath = snapshot(orders(1000));
    assertTrue(onPath.visible(onPath.lookup("public", "orders")));
    assertEquals("orders", onPath.relationText(onPath.lookup("public", "orders").oid()));
    CatalogSnapshot off = CatalogSnapshot.of(List.of(orders(1000)), new SessionFacts("alice", "postgres", List.of(), List.of()));
    CatalogSnapshot.Relation r = off.lookup("public", "orders");
    assertFalse(off.visible(r));
    assertEquals("public.orders", off.relationText(r.oid()));
    assertNull(off.lookup(null, "orders"));
    assertNotNull(off.lookup(null, "pg_class"), "pg_catalog is searched even when the path does not list it");
  }

  @Test
  void quotedAndQualifiedNamesSplitAsSqlFoldsThem() {
    assertEquals(List.of("public", "My \"T\""), CatalogSnapshot.nameParts("Public.\"My \"\"T\"\"\""));
    assertEquals(List.of("orders"), CatalogSnapshot.nameParts(" ORDERS "));
    assertEquals("\"Keyless\"", CatalogSnapshot.quoteIdent("Keyless"));
    assertEquals("\"select\"", CatalogSnapshot.quoteIdent("select"));
    assertEquals("a_1", CatalogSnapshot.quoteIdent("a_1"));
  }

  @Test
  void formatTypeMatchesPostgresForModifiersArraysAndUnknownOids() {
    assertEquals("character varying(20)", CatalogSnapshot.formatType(1043, 24, true));
    assertEquals("character varying(20)[]", CatalogSnapshot.formatType(1015, 24, true));
    assertEquals("bpchar", CatalogSnapshot.formatType(1042, -1, true));
    assertEquals("character", CatalogSnapshot.formatType(1042, -1, false));
    assertEquals("numeric(10,2)", CatalogSnapshot.formatType(1700, ((10 << 16) | 2) + 4, true));
    assertEquals("timestamp(3) with time zone", CatalogSnapshot.formatType(1184, 3, true));
    assertEquals("\"char\"", CatalogSnapshot.formatType(18, -1, true));
    assertEquals("???", CatalogSnapshot.formatType(99999, -1, true));
    assertEquals("_int4", CatalogSnapshot.typname(PgType.INT4_ARRAY));
    assertEquals(PgType.VARCHAR, CatalogSnapshot.typeByName("varchar"));
  }

  @Test
  void defaultsDeparseWithTheCastsPostgresShows() {
    CatalogSnapshot.Relation t = snapshot(orders(1000)).lookup("public", "orders");
    assertEquals("'x'::character varying", CatalogSnapshot.defaultExpr(t.column(3)));
    assertEquals("-1", CatalogSnapshot.defaultExpr(t.column(4)), "numeric keeps a negative literal as written");
    CatalogSnapshot.Column i = new CatalogSnapshot.Column("i", PgType.INT4, -1, 1, false, "-1");
    assertEquals("'-1'::integer", CatalogSnapshot.defaultExpr(i));
    assertEquals("CURRENT_DATE", CatalogSnapshot.defaultExpr(new CatalogSnapshot.Column("d", PgType.DATE, -1, 1, false, "current_date")));
    assertEquals("true", CatalogSnapshot.defaultExpr(new CatalogSnapshot.Column("b", PgType.BOOL, -1, 1, false, "TRUE")));
  }

  @Test
  void keywordsAreFifteensAndQuoteIdentQuotesAllButUnreservedOnes() {
    assertEquals(460, CatalogSnapshot.keywords().size());
    assertEquals(77, CatalogSnapshot.keywords().stream().filter(k -> k[1].equals("R")).count());
    assertEquals("\"between\"", CatalogSnapshot.quoteIdent("between"), "a C keyword");
    assertEquals("\"authorization\"", CatalogSnapshot.quoteIdent("authorization"), "a T keyword");
    assertEquals("abort", CatalogSnapshot.quoteIdent("abort"), "an unreserved keyword");
  }

  @Test
  void checkConstraintsAreListedWithTheColumnsTheyNameAndPrintAsPostgresPrettyPrintsThem() {
    TableDef t = orders(1000).withChecks(List.of(new CheckDef("total_ok", "total > 0 AND \"no\" < 10")));
    CatalogSnapshot s = snapshot(t);
    CatalogSnapshot.Constraint c = s.constraints().stream().filter(x -> x.type() == 'c').findFirst().orElseThrow();
    assertEquals("total_ok", c.name());
    assertNull(c.index());
    assertEquals(List.of(2, 4), java.util.Arrays.stream(c.columns()).boxed().toList());
    assertEquals("CHECK (total > 0 AND \"no\" < 10)", s.constraintDef(c.oid(), true));
    assertEquals("CHECK ((total > 0 AND \"no\" < 10))", s.constraintDef(c.oid(), false));
  }

  @Test
  void viewsAreRelationsOfKindVWithTheirQueryAsDefinition() {
    TableDef v = TableDef.view(1002, "cheap", List.of(new ColumnDef(1, "no", PgType.INT4, -1, false, null, false)),
        "SELECT no FROM orders WHERE total < 10");
    CatalogSnapshot s = snapshot(orders(1000), v);
    CatalogSnapshot.Relation r = s.lookup(null, "cheap");
    assertEquals('v', r.kind());
    assertTrue(s.indexes().stream().noneMatch(ix -> ix.table() == r));
    assertEquals(" SELECT no FROM orders WHERE total < 10;", s.viewDef(r.oid()));
    assertNull(s.viewDef(s.lookup(null, "orders").oid()), "a table is not a view");
  }

  @Test
  void sequencesAreRelationsOfKindSAndAnIdentityColumnOwnsItsSequence() {
    SequenceDef seq = new SequenceDef(1001, "orders_no_seq", PgType.INT4, 1, 1, Integer.MAX_VALUE, 1, 1, false, "orders", "no");
    TableDef t = orders(1000);
    ColumnDef no = t.column(1);
    t = t.withColumn(1, new ColumnDef(no.id(), no.name(), no.type(), no.typmod(), true, null, false,
        ColumnDef.Identity.ALWAYS, "orders_no_seq"));
    CatalogSnapshot s = CatalogSnapshot.of(List.of(t), List.of(seq), SessionFacts.defaults("alice", "postgres"));
    CatalogSnapshot.Relation r = s.lookup(null, "orders_no_seq");
    assertEquals('S', r.kind());
    assertEquals(CatalogSnapshot.tableOid(1001), r.oid());
    assertEquals("a", s.lookup(null, "orders").column(2).identity());
    assertEquals("public.orders_no_seq", s.serialSequence("orders", "no"));
    assertNull(s.serialSequence("orders", "note"));
    assertEquals(1, s.ownerships().size());
    assertTrue(s.ownerships().get(0).identity());
  }

  @Test
  void aNextvalDefaultPrintsItsArgumentAsRegclass() {
    assertEquals("nextval('s'::regclass)",
        CatalogSnapshot.defaultExpr(new CatalogSnapshot.Column("a", PgType.INT8, -1, 1, false, "nextval('s')")));
    assertEquals("nextval('s'::regclass)",
        CatalogSnapshot.defaultExpr(new CatalogSnapshot.Column("a", PgType.INT8, -1, 1, false, "NEXTVAL( 's'::regclass )")));
  }
}
