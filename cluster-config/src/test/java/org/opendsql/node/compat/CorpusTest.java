package org.opendsql.node.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendsql.node.compat.Corpus.Order;

/** The corpus format and the comparison rules, without any server. */
class CorpusTest {
  @Test
  void statementsEndWithASemicolonAtTheEndOfALineAndMaySpanLines() {
    Corpus.File f = Corpus.parse("t.sql", """
        -- a plain comment
        CREATE TABLE t (a int);

        SELECT a,
          -- a comment inside is not sent
          a + 1 FROM t;
        SELECT 'x;y' FROM t;
        """);
    assertEquals(3, f.statements().size());
    assertEquals(2, f.statements().get(0).line());
    assertEquals("SELECT a,\n  a + 1 FROM t", f.statements().get(1).sql());
    assertEquals(4, f.statements().get(1).line());
    assertEquals("SELECT 'x;y' FROM t", f.statements().get(2).sql());
    assertEquals(Set.of("t"), f.createdTables());
  }

  @Test
  void directivesApplyToTheNextStatementOnly() {
    Corpus.File f = Corpus.parse("t.sql", """
        -- unordered
        SELECT a FROM t ORDER BY b;
        -- error 22012
        SELECT 1/0;
        -- ordered
        SELECT a FROM t;
        SELECT a FROM t ORDER BY a;
        SELECT a FROM t;
        """);
    List<Corpus.Statement> s = f.statements();
    assertEquals(Order.UNORDERED, s.get(0).order());
    assertEquals("22012", s.get(1).expectedError());
    assertNull(s.get(2).expectedError());
    assertEquals(Order.ORDERED, s.get(2).order());
    assertEquals(Order.ORDERED, s.get(3).order());
    assertEquals(Order.UNORDERED, s.get(4).order());
  }

  @Test
  void anUnterminatedStatementIsACorpusError() {
    assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "SELECT 1\n"));
    assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "SELECT 1;\n-- unordered\n"));
  }

  @Test
  void onlyATopLevelOrderByFixesTheOrder() {
    assertTrue(Corpus.hasTopLevelOrderBy("SELECT a FROM t ORDER BY a"));
    assertTrue(Corpus.hasTopLevelOrderBy("SELECT a FROM t UNION SELECT b FROM u order\n  by 1"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT row_number() OVER (ORDER BY a) FROM t"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT string_agg(a, ',' ORDER BY a) FROM t"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3) s"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT 'order by' FROM t"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT \"order by\" FROM t -- order by a"));
    assertFalse(Corpus.hasTopLevelOrderBy("SELECT E'it\\'s order by' FROM t"));
  }

  @Test
  void rowsCompareInOrderOnlyWhenOrdered() {
    Outcome pg = Outcome.rows(cols(), List.of(row("1"), row("2")));
    Outcome swapped = Outcome.rows(cols(), List.of(row("2"), row("1")));
    assertNull(Outcome.difference(pg, swapped, Order.UNORDERED));
    assertEquals("same rows in a different order", Outcome.difference(pg, swapped, Order.ORDERED));
  }

  @Test
  void multisetsCountDuplicatesAndNulls() {
    Outcome pg = Outcome.rows(cols(), List.of(row("1"), row("1"), row((String) null)));
    Outcome ours = Outcome.rows(cols(), List.of(row("1"), row((String) null), row((String) null)));
    String d = Outcome.difference(pg, ours, Order.UNORDERED);
    assertEquals("missing ('1'); unexpected (NULL)", d);
  }

  @Test
  void columnNamesAndTypesAreCompared() {
    Outcome pg = Outcome.rows(cols(), List.of(row("1")));
    Outcome renamed = Outcome.rows(List.of(new Outcome.Column("b", "int4")), List.of(row("1")));
    Outcome retyped = Outcome.rows(List.of(new Outcome.Column("a", "int8")), List.of(row("1")));
    assertTrue(Outcome.difference(pg, renamed, Order.UNORDERED).startsWith("columns"));
    assertTrue(Outcome.difference(pg, retyped, Order.UNORDERED).startsWith("columns"));
  }

  @Test
  void errorsCompareBySqlstateOnlyAndCountsByValue() {
    assertNull(Outcome.difference(Outcome.error("22012", "division by zero"), Outcome.error("22012", "other text"), Order.UNORDERED));
    assertEquals("SQLSTATE 22012 expected, got XX000",
        Outcome.difference(Outcome.error("22012", "x"), Outcome.error("XX000", "x"), Order.UNORDERED));
    assertEquals("expected error, got count", Outcome.difference(Outcome.error("22012", "x"), Outcome.count(0), Order.UNORDERED));
    assertEquals("update count 2 expected, got 1", Outcome.difference(Outcome.count(2), Outcome.count(1), Order.UNORDERED));
  }

  private static List<Outcome.Column> cols() {
    return List.of(new Outcome.Column("a", "int4"));
  }

  private static List<String> row(String... values) {
    return Arrays.asList(values);
  }
}
