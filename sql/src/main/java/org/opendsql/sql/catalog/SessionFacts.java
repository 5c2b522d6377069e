package org.opendsql.sql.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog relations and functions show of the asking session: its user and database, the
 * schemas its search_path lists that exist ({@code schemas}, in order), and its run-time
 * parameters as {@code [name, setting, description]} rows, for pg_settings.
 */
public record SessionFacts(String user, String database, List<String> schemas, List<Object[]> settings) {
  public SessionFacts {
    schemas = List.copyOf(schemas);
    settings = List.copyOf(settings);
  }

  /** The defaults outside a session: search_path {@code "$user", public}. */
  public static SessionFacts defaults(String user, String database) {
    return new SessionFacts(user, database, List.of("public"), List.of());
  }

  /** The schemas names are looked up in: pg_catalog first unless the path lists it elsewhere. */
  public List<String> searchPath() {
    if (schemas.contains("pg_catalog")) return schemas;
    List<String> out = new ArrayList<>(schemas);
    out.add(0, "pg_catalog");
    return out;
  }

  /** The schemas user relations are looked up and created in: the listed ones but the system schemas. */
  public List<String> relationSchemas() {
    List<String> out = new ArrayList<>();
    for (String s : schemas) if (!CatalogSnapshot.isSystemSchema(s)) out.add(s);
    return out;
  }

  /**
   * The existing schemas a search_path value names, in order ({@code $user} is the user's schema);
   * {@code userSchemas}: the schemas CREATE SCHEMA made.
   */
  public static List<String> listedSchemas(String setting, String user, java.util.Set<String> userSchemas) {
    List<String> out = new ArrayList<>();
    for (String raw : setting.split(",")) {
      String s = raw.trim();
      if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
      else s = s.toLowerCase(java.util.Locale.ROOT);
      if (s.equals("$user")) s = user;
      if ((CatalogSnapshot.namespaceOid(s) != 0 || userSchemas.contains(s)) && !out.contains(s)) out.add(s);
    }
    return out;
  }
}
