package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.SqlState;
import org.opendsql.sql.plan.Plan;

class CommentSyntaxTest {
  @Test
  void aColumnIsNamedByItsRelationQuotedOrNotAndWithItsSchema() {
    assertEquals(new Plan.Comment(Plan.CommentTarget.COLUMN, "T", "c", "x"),
        FrontParser.parse("COMMENT ON COLUMN \"T\".C IS 'x'"));
    assertEquals(new Plan.Comment(Plan.CommentTarget.COLUMN, "public.t", "c", "it's"),
        FrontParser.parse("comment on column public.t.c is 'it''s'"));
    assertEquals(new Plan.Comment(Plan.CommentTarget.TABLE, "app.t", null, "x"),
        FrontParser.parse("COMMENT ON TABLE app.t IS 'x'"));
  }

  @Test
  void nullRemovesTheCommentAndAConstraintNamesItsTable() {
    Plan.Comment c = (Plan.Comment) FrontParser.parse("COMMENT ON CONSTRAINT t_check ON public.t IS NULL");
    assertEquals(Plan.CommentTarget.CONSTRAINT, c.target());
    assertEquals("public.t", c.relation());
    assertEquals("t_check", c.member());
    assertNull(c.text());
  }

  @Test
  void objectsThatKeepNoCommentsAreUnsupportedAndBadFormsAreSyntaxErrors() {
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED,
        assertThrows(DbException.class, () -> FrontParser.parse("COMMENT ON SCHEMA public IS 'x'")).state());
    assertEquals(SqlState.SYNTAX_ERROR,
        assertThrows(DbException.class, () -> FrontParser.parse("COMMENT ON TABLE t IS 42")).state());
    assertEquals(SqlState.SYNTAX_ERROR,
        assertThrows(DbException.class, () -> FrontParser.parse("COMMENT ON COLUMN t IS 'x'")).state());
  }
}
