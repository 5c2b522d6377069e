package org.opendsql.sql.catalog;

import java.util.List;

/**
 * What the catalog relations show of the asking session: its user and database, its schema search
 * path (schemas that exist, in order, pg_catalog first) and its run-time parameters as {@code
 * [name, setting, description]} rows, for pg_settings.
 */
public record SessionFacts(String user, String database, List<String> searchPath, List<Object[]> settings) {
  public SessionFacts {
    searchPath = List.copyOf(searchPath);
    settings = List.copyOf(settings);
  }

  /** The schemas a search_path value names that exist here, pg_catalog first unless listed. */
  public static List<String> searchPath(String setting, String user) {
    List<String> out = new java.util.ArrayList<>();
    for (String raw : setting.split(",")) {
      String s = raw.trim();
      if (s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2) s = s.substring(1, s.length() - 1);
      else s = s.toLowerCase(java.util.Locale.ROOT);
      if (s.equals("$user")) s = user;
      if (CatalogSnapshot.namespaceOid(s) != 0 && !out.contains(s)) out.add(s);
    }
    if (!out.contains("pg_catalog")) out.add(0, "pg_catalog");
    return out;
  }
}
