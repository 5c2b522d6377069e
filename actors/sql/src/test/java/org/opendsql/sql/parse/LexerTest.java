package org.opendsql.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
  @Test
  void splitCutsOnlyAtTopLevelSemicolons() {
    String sql = "SELECT 'a;b'; -- c;d\nSELECT \"x;y\" FROM t; /* e; */ SELECT $$f;g$$;;";
    assertEquals(List.of("SELECT 'a;b'", "-- c;d\nSELECT \"x;y\" FROM t", "/* e; */ SELECT $$f;g$$"), Lexer.split(sql));
  }

  @Test
  void commentOnlyInputHasNoStatements() {
    assertEquals(List.of(), Lexer.split(" -- only a comment\n ; /* and this */"));
  }
}
