package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;

class TableDefForeignKeysTest {
  private static TableDef child() {
    return new TableDef(1001, "orders", List.of(new ColumnDef(1, "id", PgType.INT4, -1, true, null, false),
        new ColumnDef(2, "customer", PgType.INT4, -1, false, null, false),
        new ColumnDef(3, "note", PgType.TEXT, -1, false, null, false)), new int[] {0}, false);
  }

  @Test
  void foreignKeysAndReferencesSurviveTheBytes() {
    TableDef t = child().withForeignKeys(List.of(new ForeignKeyDef("orders_customer_fkey", new int[] {2}, "app.customers",
        new int[] {1}, 'c', 'a'))).withReferencedBy(List.of("lines", "orders"));
    TableDef back = TableDef.deserialize(t.serialize());
    assertEquals(t.foreignKeys(), back.foreignKeys());
    assertEquals(List.of("lines", "orders"), back.referencedBy());
    assertEquals(1, back.foreignKey("orders_customer_fkey").slots(back)[0]);
  }

  @Test
  void aForeignKeyGoesWithItsColumnAndStaysThroughOtherChanges() {
    TableDef t = child().withForeignKeys(List.of(new ForeignKeyDef("fk", new int[] {2}, "customers", new int[] {1}, 'a', 'a')));
    assertEquals(1, t.withoutColumn(2).foreignKeys().size());
    assertEquals(1, t.withName("orders2").foreignKeys().size());
    assertTrue(t.withoutColumn(1).foreignKeys().isEmpty());
  }
}
