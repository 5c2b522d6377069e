package org.opendsql.sql.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * How relation names carry their schema. A relation of the public schema is keyed in the catalog
 * by its bare name, one of another schema by {@code schema.name}; a name the planner hands over is
 * one of those or {@code public.name} (written with the schema, which the search path must not
 * reinterpret). Relation and schema names may not contain a dot, so the first dot always splits
 * schema from name.
 */
public final class QualifiedNames {
  private QualifiedNames() {}

  public static final String PUBLIC = "public";

  /** Whether {@code name} names its schema (as {@code s.t} or {@code public.t}). */
  public static boolean isQualified(String name) {
    return name.indexOf('.') >= 0;
  }

  /** The catalog key text of a qualified or public name: {@code public.t} is {@code t}. */
  public static String canonical(String name) {
    return name.startsWith(PUBLIC + ".") ? name.substring(PUBLIC.length() + 1) : name;
  }

  /** The schema of a catalog name ({@code public} when it has none). */
  public static String schemaOf(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? PUBLIC : name.substring(0, dot);
  }

  /** The relation's own name, without its schema. */
  public static String relname(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** The catalog name of {@code relname} in {@code schema}. */
  public static String in(String schema, String relname) {
    return schema.equals(PUBLIC) ? relname : schema + "." + relname;
  }

  /**
   * The catalog names an unqualified {@code name} may mean, in the order the search path tries
   * them; {@code pathSchemas}: the existing schemas the search path lists (pg_catalog left out).
   * A qualified name means only itself.
   */
  public static List<String> candidates(String name, List<String> pathSchemas) {
    if (isQualified(name)) return List.of(canonical(name));
    List<String> out = new ArrayList<>();
    for (String s : pathSchemas) out.add(in(s, name));
    return out;
  }

  /**
   * The catalog name a CREATE of {@code name} makes: in its own schema when qualified, else in
   * the first existing schema of the search path; null when the path lists none (3F000).
   */
  public static String creationName(String name, List<String> pathSchemas) {
    if (isQualified(name)) return canonical(name);
    return pathSchemas.isEmpty() ? null : in(pathSchemas.get(0), name);
  }
}
