package org.opendsql.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;

class ForeignKeySyntaxTest {
  @Test
  void aColumnReferenceNamesItsTableColumnsAndActions() {
    Plan.ForeignKey fk = ForeignKeySyntax.columnReference(null, "pid",
        "REFERENCES app.\"Parents\" (id) ON DELETE CASCADE ON UPDATE SET NULL");
    assertEquals(List.of("pid"), fk.columns());
    assertEquals("app.Parents", fk.parent());
    assertEquals(List.of("id"), fk.parentColumns());
    assertEquals('c', fk.onDelete());
    assertEquals('n', fk.onUpdate());
  }

  @Test
  void withoutColumnsTheParentsPrimaryKeyIsMeantAndActionsDefaultToNoAction() {
    Plan.ForeignKey fk = ForeignKeySyntax.columnReference("named", "c", "references p");
    assertEquals("named", fk.name());
    assertNull(fk.parentColumns());
    assertEquals('a', fk.onDelete());
    assertEquals('a', fk.onUpdate());
    assertEquals('r', ForeignKeySyntax.columnReference(null, "c", "REFERENCES p ON DELETE RESTRICT").onDelete());
    assertEquals('d', ForeignKeySyntax.columnReference(null, "c", "REFERENCES p ON UPDATE SET DEFAULT").onUpdate());
    assertEquals('a', ForeignKeySyntax.columnReference(null, "c", "REFERENCES p ON DELETE NO ACTION MATCH SIMPLE").onDelete());
  }

  @Test
  void matchFullAndDeferrableKeysAreUnsupportedAndNonsenseIsASyntaxError() {
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED, assertThrows(DbException.class,
        () -> ForeignKeySyntax.columnReference(null, "c", "REFERENCES p MATCH FULL")).state());
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED, assertThrows(DbException.class,
        () -> ForeignKeySyntax.columnReference(null, "c", "REFERENCES p DEFERRABLE")).state());
    assertEquals(SqlState.SYNTAX_ERROR, assertThrows(DbException.class,
        () -> ForeignKeySyntax.columnReference(null, "c", "REFERENCES p ON DELETE EXPLODE")).state());
  }
}
