package org.opendsql.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualifiedNamesTest {
  @Test
  void publicRelationsAreKeyedByTheirBareName() {
    assertEquals("t", QualifiedNames.canonical("public.t"));
    assertEquals("app.t", QualifiedNames.canonical("app.t"));
    assertEquals("app.t", QualifiedNames.in("app", "t"));
    assertEquals("t", QualifiedNames.in("public", "t"));
  }

  @Test
  void theFirstDotSplitsSchemaFromName() {
    assertEquals("app", QualifiedNames.schemaOf("app.t"));
    assertEquals("public", QualifiedNames.schemaOf("t"));
    assertEquals("t", QualifiedNames.relname("app.t"));
    assertEquals("t", QualifiedNames.relname("t"));
  }

  @Test
  void anUnqualifiedNameIsTriedInEachSchemaOfThePathInOrder() {
    assertEquals(List.of("app.t", "t"), QualifiedNames.candidates("t", List.of("app", "public")));
    assertEquals(List.of("t"), QualifiedNames.candidates("public.t", List.of("app", "public")));
    assertEquals(List.of("other.t"), QualifiedNames.candidates("other.t", List.of("app", "public")));
    assertEquals(List.of(), QualifiedNames.candidates("t", List.of()));
  }

  @Test
  void anUnqualifiedNameIsCreatedInThePathsFirstSchema() {
    assertEquals("app.t", QualifiedNames.creationName("t", List.of("app", "public")));
    assertEquals("t", QualifiedNames.creationName("t", List.of("public")));
    assertEquals("t", QualifiedNames.creationName("public.t", List.of("app")));
    assertNull(QualifiedNames.creationName("t", List.of()));
  }

  @Test
  void aSchemaDefinitionSurvivesItsBytes() {
    SchemaDef d = new SchemaDef(1234, "app", "admin");
    assertEquals(d, SchemaDef.deserialize(d.serialize()));
  }
}
