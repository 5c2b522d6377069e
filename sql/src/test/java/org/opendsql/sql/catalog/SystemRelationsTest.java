package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.RegValue;

class SystemRelationsTest {
  private static final CatalogSnapshot EMPTY = CatalogSnapshot.of(List.of(), SessionFacts.defaults("alice", "postgres"));

  @Test
  void everyRelationHasItsOwnOidAndTableIdBelowTheUserTables() {
    Set<Long> oids = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (SystemRelations.Def d : SystemRelations.all()) {
      assertTrue(oids.add(d.oid()), "duplicate OID " + d.oid());
      assertTrue(ids.add(d.table().id()));
      assertTrue(SystemRelations.isSystem(d.table()));
      assertTrue(d.oid() < CatalogSnapshot.FIRST_USER_OID);
      assertEquals(d, SystemRelations.of(d.table()));
    }
    assertFalse(SystemRelations.isSystem(new TableDef(CatalogKeys.FIRST_USER_TABLE_ID, "t",
        List.of(new ColumnDef(1, "a", PgType.INT4, -1, true, null, false)), new int[] {0}, false)));
  }

  @Test
  void pgCatalogNamesResolveUnqualifiedInformationSchemaOnlyQualified() {
    assertEquals("pg_class", SystemRelations.inPgCatalog("pg_class").name());
    assertNull(SystemRelations.inPgCatalog("tables"));
    assertEquals("tables", SystemRelations.find("information_schema.tables").name());
    assertNull(SystemRelations.find("pg_catalog.no_such"));
  }

  @Test
  void everyRowHasTheRelationsWidthAndValuesOfItsColumnTypes() {
    TableDef t = new TableDef(1000, "t", List.of(new ColumnDef(1, "a", PgType.INT4, -1, true, "7", false)),
        new int[] {0}, false);
    CatalogSnapshot s = CatalogSnapshot.of(List.of(t), SessionFacts.defaults("alice", "postgres"));
    for (SystemRelations.Def d : SystemRelations.all()) {
      for (Object[] row : SystemRelations.rows(d, s)) {
        assertEquals(d.columns().size(), row.length, d.name());
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) continue;
          Class<?> expected = switch (d.columns().get(i).type()) {
            case OID, INT8 -> Long.class;
            case INT4 -> Integer.class;
            case INT2 -> Short.class;
            case FLOAT4 -> Float.class;
            case BOOL -> Boolean.class;
            case NAME, TEXT, VARCHAR, CHAR -> String.class;
            case REGPROC, REGTYPE -> RegValue.class;
            default -> row[i].getClass();
          };
          assertEquals(expected, row[i].getClass(), d.name() + "." + d.columns().get(i).name());
        }
      }
    }
  }

  @Test
  void emptyRelationsExistForObjectsThisEngineLacks() {
    for (String name : List.of("pg_trigger", "pg_policy", "pg_inherits", "pg_statistic_ext", "pg_publication", "pg_proc")) {
      assertTrue(SystemRelations.rows(SystemRelations.inPgCatalog(name), EMPTY).isEmpty(), name);
    }
    assertEquals(4, SystemRelations.rows(SystemRelations.inPgCatalog("pg_namespace"), EMPTY).size());
  }

  @Test
  void typeIoFunctionsHaveStableOids() {
    long arrayIn = SystemRelations.procOid("array_in");
    assertTrue(arrayIn > 0);
    assertEquals(arrayIn, SystemRelations.procOid("pg_catalog.array_in"));
    assertEquals(0, SystemRelations.procOid("no_such_function"));
  }

  @Test
  void searchPathListsOnlyExistingSchemasAndPgCatalogIsImplicit() {
    assertEquals(List.of("public"), SessionFacts.listedSchemas("\"$user\", public", "alice", java.util.Set.of()));
    assertEquals(List.of("pg_catalog", "public"), SessionFacts.defaults("a", "d").searchPath());
    SessionFacts explicit = new SessionFacts("a", "d", SessionFacts.listedSchemas("public, PG_CATALOG", "a", java.util.Set.of()), List.of());
    assertEquals(List.of("public", "pg_catalog"), explicit.searchPath());
    assertEquals(List.of(), SessionFacts.listedSchemas("\"Public\", nowhere", "a", java.util.Set.of("nowhere2")));
  }

  @Test
  void searchPathFindsCreatedSchemasAndTheUsersOwn() {
    SessionFacts s = new SessionFacts("alice", "d",
        SessionFacts.listedSchemas("\"$user\", public, app, pg_catalog", "alice", java.util.Set.of("alice", "app")), List.of());
    assertEquals(List.of("alice", "public", "app", "pg_catalog"), s.searchPath());
    assertEquals(List.of("alice", "public", "app"), s.relationSchemas());
  }
}
