package org.opendsql.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The reference schema the catalog ITs describe on both servers: resources/catalog/schema.sql, one statement a line. */
final class CatalogSchema {
  private CatalogSchema() {}

  static List<String> statements() {
    try (InputStream in = CatalogSchema.class.getResourceAsStream("/catalog/schema.sql")) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String s = line.strip();
        if (!s.isEmpty() && !s.startsWith("--")) out.add(s.endsWith(";") ? s.substring(0, s.length() - 1) : s);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
