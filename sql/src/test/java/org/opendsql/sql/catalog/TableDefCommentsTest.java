package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.types.PgType;

class TableDefCommentsTest {
  private static TableDef items() {
    return new TableDef(1000, "items", List.of(new ColumnDef(1, "id", PgType.INT4, -1, true, null, false),
        new ColumnDef(2, "name", PgType.TEXT, -1, false, null, false),
        new ColumnDef(3, "qty", PgType.INT4, -1, false, null, false)), new int[] {0}, false);
  }

  @Test
  void commentsSurviveSerializationAndRenames() {
    TableDef t = items().withComment("", "the items").withComment("c3", "units");
    TableDef back = TableDef.deserialize(t.withName("stock").serialize());
    assertEquals("stock", back.name());
    assertEquals("the items", back.comment(""));
    assertEquals("units", back.comment("c3"));
  }

  @Test
  void droppingAColumnDropsItsCommentOnlyAndNullRemovesOne() {
    TableDef t = items().withComment("c2", "called").withComment("c3", "units");
    TableDef dropped = t.withoutColumn(1);
    assertNull(dropped.comment("c2"));
    assertEquals("units", dropped.comment("c3"));
    assertNull(t.withComment("c3", null).comment("c3"));
  }

  @Test
  void aViewKeepsItsQueryThroughAChange() {
    TableDef v = TableDef.view(1001, "v", List.of(new ColumnDef(1, "a", PgType.INT4, -1, false, null, false)), "SELECT 1 AS a");
    TableDef renamed = v.withName("w").withComment("", "a view");
    assertEquals("SELECT 1 AS a", renamed.viewSql());
    assertEquals("a view", TableDef.deserialize(renamed.serialize()).comment(""));
  }
}
