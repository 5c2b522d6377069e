package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
  @Test
  void quotedTextAndCommentsAreNotWords() {
    List<Lexer.Tok> t = Lexer.tokens("SET /* x */ application_name TO 'a b' -- tail");
    assertEquals(List.of("SET", "application_name", "TO"),
        t.stream().filter(k -> k.kind() == Lexer.Kind.WORD).map(Lexer.Tok::text).toList());
  }
}
