package org.opendsql.sql.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;
import org.opendsql.core.types.JsonInput;
import org.opendsql.core.types.Jsonb;
import org.opendsql.core.types.JsonbText;

/** jsonb's operators as PostgreSQL 15 answers them. */
class JsonbOpsTest {
  private static Jsonb j(String text) {
    return JsonInput.parseJsonb(text);
  }

  private static String text(Jsonb v) {
    return v == null ? null : JsonbText.format(v);
  }

  private static List<Object> path(String... steps) {
    return new ArrayList<>(Arrays.asList(steps));
  }

  @Test
  void orderIsNullStringNumberBooleanArrayObjectAndCountsComeFirst() {
    List<String> in = List.of("{\"a\":1,\"b\":1}", "{\"b\":0}", "{}", "[0,0]", "[1]", "[]", "true", "false", "2.5", "1",
        "\"b\"", "\"aa\"", "null", "{\"a\":1}");
    List<Jsonb> values = new ArrayList<>(in.stream().map(JsonbOpsTest::j).toList());
    values.sort(JsonbOps::compare);
    // An empty top-level array sorts before a raw scalar (a one-element pseudo array), which sorts before [1].
    assertEquals(List.of("[]", "null", "\"aa\"", "\"b\"", "1", "2.5", "false", "true", "[1]", "[0, 0]", "{}",
        "{\"a\": 1}", "{\"b\": 0}", "{\"a\": 1, \"b\": 1}"), values.stream().map(JsonbOpsTest::text).toList());
  }

  @Test
  void containmentLooksIntoNestedArraysAndObjects() {
    assertTrue(JsonbOps.contains(j("{\"a\":[1,2,{\"b\":3}],\"c\":1}"), j("{\"a\":[{\"b\":3}]}")));
    assertTrue(JsonbOps.contains(j("[1,2,3]"), j("[3,1,1]")));
    assertTrue(JsonbOps.contains(j("{\"a\":1.0}"), j("{\"a\":1}")));
    assertFalse(JsonbOps.contains(j("{\"a\":{\"b\":1}}"), j("{\"a\":[]}")));
    assertFalse(JsonbOps.contains(j("{\"a\":\"1\"}"), j("{\"a\":1}")));
    assertFalse(JsonbOps.contains(j("[[1,2]]"), j("[1]")));
  }

  @Test
  void aRawScalarIsContainedInAnArrayButContainsNoArray() {
    assertTrue(JsonbOps.contains(j("[1,2]"), j("1")));
    assertFalse(JsonbOps.contains(j("1"), j("[1]")));
    assertTrue(JsonbOps.contains(j("\"a\""), j("\"a\"")));
    assertFalse(JsonbOps.contains(j("{\"a\":1}"), j("[]")));
  }

  @Test
  void existenceFindsKeysAndStringElementsOnly() {
    assertTrue(JsonbOps.exists(j("{\"a\":1}"), "a"));
    assertTrue(JsonbOps.exists(j("[\"a\",1]"), "a"));
    assertFalse(JsonbOps.exists(j("[1]"), "1"));
    assertFalse(JsonbOps.exists(j("{\"x\":{\"a\":1}}"), "a"));
    assertTrue(JsonbOps.existsKeys(j("{\"a\":1}"), Arrays.asList("a", null), true));
  }

  @Test
  void concatenationMergesObjectsAndOtherwiseMakesArrays() {
    assertEquals("{\"a\": 1, \"b\": 3, \"c\": 4}", text(JsonbOps.concat(j("{\"a\":1,\"b\":2}"), j("{\"b\":3,\"c\":4}"))));
    assertEquals("[1, 2]", text(JsonbOps.concat(j("1"), j("2"))));
    assertEquals("[{\"a\": 1}, 1]", text(JsonbOps.concat(j("{\"a\":1}"), j("[1]"))));
  }

  @Test
  void negativeIndexesCountFromTheEnd() {
    assertEquals("3", text(JsonbOps.element(j("[1,2,3]"), -1)));
    assertNull(JsonbOps.element(j("[1,2,3]"), -4));
    assertEquals("\"x\"", text(JsonbOps.element(j("\"x\""), 0)));
    assertEquals("2", text(JsonbOps.path(j("{\"a\":[1,2]}"), path("a", "-1"))));
    assertNull(JsonbOps.path(j("{\"a\":[1,2]}"), path("a", "x")));
  }

  @Test
  void setCreatesMissingKeysAndIndexesOnlyAtThePathsEnd() {
    Jsonb two = j("2");
    assertEquals("[0, 1, 2]", text(JsonbOps.setPath(j("[1,2]"), path("-5"), j("0"), JsonbOps.PathOp.CREATE, "")));
    assertEquals("[1, 2, 2]", text(JsonbOps.setPath(j("[1,2]"), path("9"), two, JsonbOps.PathOp.CREATE, "")));
    assertEquals("{}", text(JsonbOps.setPath(j("{}"), path("a", "b"), two, JsonbOps.PathOp.CREATE, "")));
    assertEquals("{\"a\": 1}", text(JsonbOps.setPath(j("{\"a\":1}"), path("a", "b"), two, JsonbOps.PathOp.CREATE, "")));
    assertEquals("{\"a\": 1}", text(JsonbOps.setPath(j("{\"a\":1}"), path("c"), two, JsonbOps.PathOp.REPLACE, "")));
    assertEquals("[1, 2, 9, 3]", text(JsonbOps.setPath(j("[1,2,3]"), path("1"), j("9"), JsonbOps.PathOp.INSERT_AFTER, "")));
    assertEquals("[1, [3]]", text(JsonbOps.setPath(j("[1,[2,3]]"), path("1", "0"), null, JsonbOps.PathOp.DELETE, "")));
  }

  @Test
  void setPathErrorsCarryPostgresqlsStates() {
    assertEquals("22023", assertThrows(DbException.class,
        () -> JsonbOps.setPath(j("{\"a\":1}"), path("a"), j("2"), JsonbOps.PathOp.INSERT_BEFORE, "")).state().code());
    assertEquals("22P02", assertThrows(DbException.class,
        () -> JsonbOps.setPath(j("[1]"), path("x"), j("2"), JsonbOps.PathOp.CREATE, "")).state().code());
    assertEquals("22004", assertThrows(DbException.class,
        () -> JsonbOps.setPath(j("[1]"), Arrays.asList("0", null), j("2"), JsonbOps.PathOp.CREATE, "")).state().code());
    assertEquals("22023", assertThrows(DbException.class,
        () -> JsonbOps.setPath(j("1"), path("a"), j("2"), JsonbOps.PathOp.CREATE, "cannot set path in scalar")).state().code());
  }

  @Test
  void stripNullsKeepsArrayNulls() {
    assertEquals("{\"c\": {\"e\": [1, null]}}", text(JsonbOps.stripNulls(j("{\"b\":null,\"c\":{\"d\":null,\"e\":[1,null]}}"))));
  }
}
