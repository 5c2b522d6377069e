package org.opendsql.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

/** json and jsonb input and output as PostgreSQL 15's json_in, jsonb_in and jsonb_out answer. */
class JsonInputTest {
  private static String jsonb(String text) {
    return JsonbText.format(JsonInput.parseJsonb(text));
  }

  private static String state(Runnable r) {
    return assertThrows(DbException.class, r::run).state().code();
  }

  @Test
  void duplicateKeysKeepTheLastValue() {
    assertEquals("{\"a\": 2}", jsonb("{\"a\":1,\"a\":2}"));
    assertEquals("{\"a\": {\"b\": 3}}", jsonb("{\"a\":{\"b\":1},\"a\":{\"b\":3}}"));
  }

  @Test
  void objectKeysSortShorterFirstThenByBytes() {
    assertEquals("{\"b\": 4, \"aa\": 5, \"bb\": 1, \"ccc\": 3}", jsonb("{\"bb\":1,\"ccc\":3,\"b\":4,\"aa\":5}"));
    // é is two bytes in UTF-8, so it sorts with the two-character keys.
    assertEquals("{\"e\": 2, \"ee\": 3, \"é\": 1}", jsonb("{\"é\":1,\"e\":2,\"ee\":3}"));
  }

  @Test
  void numbersKeepTheirNumericText() {
    assertEquals("[1, 2.50, 100, 0.01, 0, 0.0, 12.3]", jsonb("[1, 2.50, 1e2, 1E-2, -0, -0.0, 1.23e1]"));
  }

  @Test
  void outputPutsASpaceAfterColonsAndCommasAndEscapesControlCharacters() {
    assertEquals("{\"a\": [1, {\"b\": null}], \"c\": \"x\\ny\\u0001\"}", jsonb("{ \"c\" : \"x\\ny\\u0001\", \"a\":[1,{\"b\":null}]}"));
  }

  @Test
  void jsonKeepsItsTextVerbatim() {
    assertEquals("{\"b\":1,  \"a\":1, \"a\" : 2}", JsonInput.validateJson("{\"b\":1,  \"a\":1, \"a\" : 2}"));
  }

  @Test
  void surrogatePairsDecodeAndUnpairedOnesFailOnlyWhenDecoded() {
    assertEquals("\"\uD83D\uDE00\"", jsonb("\"\\ud83d\\ude00\""));
    assertEquals("22P02", state(() -> JsonInput.parseJsonb("\"\\ud83d\"")));
    assertEquals("22P02", state(() -> JsonInput.parseJsonb("\"\\ude00\"")));
    assertEquals("\"\\ude00\"", JsonInput.validateJson("\"\\ude00\""));
  }

  @Test
  void nulCharacterIsUntranslatableInJsonbButKeptInJson() {
    assertEquals("22P05", state(() -> JsonInput.parseJsonb("\"\\u0000\"")));
    assertEquals("\"\\u0000\"", JsonInput.validateJson("\"\\u0000\""));
  }

  @Test
  void malformedInputIsInvalidTextRepresentation() {
    for (String bad : new String[] {"", "  ", "{\"a\":1", "[1,]", "01", "1.", ".5", "+1", "NaN", "TRUE", "{a:1}",
        "\"abc", "\"\\x\"", "\"\\u12\"", "[1 2]", "{\"a\" 1}", "{} x", "\"a\tb\"", "-", "1e"}) {
      assertEquals("22P02", state(() -> JsonInput.validateJson(bad)), bad);
    }
  }

  @Test
  void deepNestingParsesWithoutRecursionUpToTheLimit() {
    int n = 10_000;
    String deep = "[".repeat(n) + "]".repeat(n);
    assertEquals(deep, JsonInput.validateJson(deep));
    Jsonb v = JsonInput.parseJsonb(deep);
    for (int i = 0; i < n - 1; i++) v = ((Jsonb.Arr) v).items().get(0);
    assertEquals(new Jsonb.Arr(java.util.List.of()), v);
    String tooDeep = "[".repeat(JsonInput.MAX_DEPTH + 1) + "]".repeat(JsonInput.MAX_DEPTH + 1);
    assertEquals("54001", state(() -> JsonInput.validateJson(tooDeep)));
  }

  @Test
  void prettyIndentsByFourSpacesAndOpensEmptyNestedContainers() {
    assertEquals("{\n    \"a\": [\n    ],\n    \"c\": [\n        1,\n        {\n            \"d\": null\n        }\n    ]\n}",
        JsonbText.pretty(JsonInput.parseJsonb("{\"a\":[],\"c\":[1,{\"d\":null}]}")));
    assertEquals("1", JsonbText.pretty(JsonInput.parseJsonb("1")));
  }

  @Test
  void numbersEqualByValueWhateverTheirScale() {
    assertEquals(JsonInput.parseJsonb("{\"a\":[1.0]}"), JsonInput.parseJsonb("{\"a\":[1]}"));
    assertEquals(JsonInput.parseJsonb("1.00").hashCode(), JsonInput.parseJsonb("1").hashCode());
  }
}
