package org.opendsql.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtTopLevelSemicolonsAndTrims() {
    assertEquals(List.of("select 1", "select 2"), StatementSplitter.split(" select 1 ;select 2;"));
  }

  @Test
  void semicolonsInsideStringLiteralsWithDoubledQuotesDoNotSplit() {
    assertEquals(List.of("select 'a;''b;'", "select 2"),
        StatementSplitter.split("select 'a;''b;'; select 2"));
  }

  @Test
  void escapeStringsHonourBackslashEscapedQuotes() {
    assertEquals(List.of("select E'it\\'s; fine'", "select 2"),
        StatementSplitter.split("select E'it\\'s; fine'; select 2"));
    // Without the E prefix a backslash is literal, so the quote closes the string.
    assertEquals(List.of("select 'a\\'", "select 'b'"),
        StatementSplitter.split("select 'a\\'; select 'b'"));
  }

  @Test
  void quotedIdentifiersDoNotSplit() {
    assertEquals(List.of("select 1 as \"a;\"\"b\""),
        StatementSplitter.split("select 1 as \"a;\"\"b\";"));
  }

  @Test
  void dollarQuotesWithAndWithoutTagsDoNotSplit() {
    String fn = "create function f() returns int as $body$ select 1; $x$ ; $body$ language sql";
    assertEquals(List.of(fn, "select $$a;b$$"), StatementSplitter.split(fn + "; select $$a;b$$"));
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    assertEquals(List.of("select $1, $2", "select 3"),
        StatementSplitter.split("select $1, $2; select 3"));
  }

  @Test
  void commentsDoNotSplitAndNestedBlockCommentsAreSkippedWhole() {
    assertEquals(List.of("select 1 -- a;b\n + 1", "select /* x /* ; */ ; */ 2"),
        StatementSplitter.split("select 1 -- a;b\n + 1; select /* x /* ; */ ; */ 2"));
  }

  @Test
  void emptyAndCommentOnlyStatementsAreDropped() {
    assertEquals(List.of(), StatementSplitter.split(""));
    assertEquals(List.of(), StatementSplitter.split(" ; ;\n-- only a comment\n/* and ; this */"));
    assertEquals(List.of("select 1"), StatementSplitter.split(";; select 1 ;; -- end"));
  }

  @Test
  void unterminatedQuoteRunsToTheEndWithoutSplitting() {
    assertEquals(List.of("select 'a; select 2"), StatementSplitter.split("select 'a; select 2"));
  }
}
