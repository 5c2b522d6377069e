package org.opendsql.sql.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.TimeZones;

/**
 * A session's run-time parameters (GUCs). Only values this engine honours are accepted: a value
 * it would not act on (READ COMMITTED, a DateStyle other than ISO) is refused rather than
 * recorded and ignored. GUC_REPORT parameters are reported back through {@link #drain()}.
 */
public final class Settings {
  private record Def(String name, String value, boolean report, boolean readOnly, String description,
      UnaryOperator<String> check) {}

  private static final Map<String, Def> DEFS = new LinkedHashMap<>();

  private static void def(String name, String value, boolean report, boolean readOnly, String description,
      UnaryOperator<String> check) {
    DEFS.put(name.toLowerCase(Locale.ROOT), new Def(name, value, report, readOnly, description, check));
  }

  private static UnaryOperator<String> oneOf(String param, String canonical, String... accepted) {
    return v -> {
      String x = v.trim().toLowerCase(Locale.ROOT);
      for (String a : accepted) if (x.equals(a)) return canonical;
      throw Errors.unsupported(param + " other than " + canonical);
    };
  }

  private static final UnaryOperator<String> ANY = v -> v;

  static {
    def("server_version", "15.0", true, true, "Shows the server version.", null);
    def("server_version_num", "150000", false, true, "Shows the server version as an integer.", null);
    def("server_encoding", "UTF8", true, true, "Shows the server (database) character set encoding.", null);
    def("client_encoding", "UTF8", true, false, "Sets the client's character set encoding.",
        oneOf("client_encoding", "UTF8", "utf8", "utf-8", "unicode"));
    def("DateStyle", "ISO, MDY", true, false, "Sets the display format for date and time values.", v -> {
      String x = v.toUpperCase(Locale.ROOT);
      if (!x.contains("ISO") && !x.isBlank() && !x.equals("MDY")) throw Errors.unsupported("DateStyle other than ISO");
      // The field order decides how 01/02/2024 reads; only MDY's is implemented.
      if (x.contains("DMY") || x.contains("YMD") || x.contains("EURO") || x.contains("EUROPEAN")) {
        throw Errors.unsupported("DateStyle field order other than MDY");
      }
      return "ISO, MDY";
    });
    def("IntervalStyle", "postgres", true, false, "Sets the display format for interval values.",
        oneOf("IntervalStyle", "postgres", "postgres"));
    def("TimeZone", "UTC", true, false, "Sets the time zone for displaying and interpreting time stamps.",
        v -> TimeZones.parse(v).setting());
    def("integer_datetimes", "on", true, true, "Shows whether datetimes are integer based.", null);
    def("standard_conforming_strings", "on", true, false, "Causes '...' strings to treat backslashes literally.",
        oneOf("standard_conforming_strings", "on", "on", "true"));
    def("is_superuser", "off", true, true, "Shows whether the current user is a superuser.", null);
    def("session_authorization", "", true, true, "Sets the session user name.", null);
    def("default_transaction_read_only", "off", true, false, "Sets the default read-only status of new transactions.",
        oneOf("default_transaction_read_only", "off", "off", "false"));
    def("in_hot_standby", "off", true, true, "Shows whether hot standby is currently active.", null);
    def("application_name", "", true, false, "Sets the application name to be reported in statistics and logs.", ANY);
    def("extra_float_digits", "1", false, false, "Sets the number of digits displayed for floating-point values.", v -> {
      try {
        int d = Integer.parseInt(v.trim());
        if (d < -15 || d > 3) throw new NumberFormatException();
        if (d < 1) throw Errors.unsupported("extra_float_digits below 1 (floats print their shortest exact form)");
        return Integer.toString(d);
      } catch (NumberFormatException e) {
        throw Errors.invalidParameterValue("extra_float_digits", v);
      }
    });
    def("search_path", "\"$user\", public", false, false, "Sets the schema search order for names that are not schema-qualified.", ANY);
    def("transaction_isolation", "repeatable read", false, false, "Sets the current transaction's isolation level.",
        oneOf("transaction_isolation", "repeatable read", "repeatable read", "repeatable_read"));
    def("default_transaction_isolation", "repeatable read", false, false, "Sets the transaction isolation level of each new transaction.",
        oneOf("default_transaction_isolation", "repeatable read", "repeatable read", "repeatable_read"));
    def("transaction_read_only", "off", false, false, "Sets the current transaction's read-only status.",
        oneOf("transaction_read_only", "off", "off", "false"));
    def("client_min_messages", "notice", false, false, "Sets the message levels that are sent to the client.", v -> {
      String x = v.trim().toLowerCase(Locale.ROOT);
      if (!List.of("debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log", "notice", "warning", "error").contains(x)) {
        throw Errors.invalidParameterValue("client_min_messages", v);
      }
      return x;
    });
    def("statement_timeout", "0", false, false, "Sets the maximum allowed duration of any statement.",
        oneOf("statement_timeout", "0", "0"));
    def("idle_in_transaction_session_timeout", "0", false, false, "Sets the maximum allowed idle time between queries, when in a transaction.",
        oneOf("idle_in_transaction_session_timeout", "0", "0"));
    // No transaction ever waits for a lock under optimistic concurrency, so every lock_timeout is honoured.
    def("lock_timeout", "0", false, false, "Sets the maximum allowed duration of any wait for a lock.", ANY);
    def("bytea_output", "hex", false, false, "Sets the output format for bytea.", oneOf("bytea_output", "hex", "hex"));
    def("max_identifier_length", "63", false, true, "Shows the maximum identifier length.", null);
    def("max_index_keys", "32", false, true, "Shows the maximum number of index keys.", null);
    // Checked against the session's user in set(): the only role a session can take is its own.
    def("role", "none", false, false, "Sets the current session user identifier.", ANY);
  }

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> local = new HashMap<>();
  private final Map<String, String> changes = new LinkedHashMap<>();
  /** {@link #all()} until a value changes: every statement hands it to the catalog. */
  private List<Object[]> allRows;

  private final String user;

  public Settings(String user) {
    this.user = user;
    values.put("session_authorization", user);
  }

  /** The canonical spelling of a parameter name (for SHOW's column), or the name itself. */
  public static String canonical(String name) {
    Def d = DEFS.get(name.toLowerCase(Locale.ROOT));
    return d == null ? name.toLowerCase(Locale.ROOT) : d.name;
  }

  private static Def find(String name) {
    Def d = DEFS.get(name.toLowerCase(Locale.ROOT));
    if (d == null) {
      throw Errors.unrecognizedParameter(name);
    }
    return d;
  }

  public String get(String name) {
    Def d = find(name);
    String key = d.name.toLowerCase(Locale.ROOT);
    if (local.containsKey(key)) return local.get(key);
    return values.getOrDefault(key, d.value);
  }

  /** SET (value null: back to the default). {@code txnLocal} values vanish at transaction end. */
  public void set(String name, String value, boolean txnLocal) {
    Def d = find(name);
    if (d.readOnly) {
      throw Errors.parameterCannotBeChanged(name);
    }
    String key = d.name.toLowerCase(Locale.ROOT);
    String v = value == null ? d.value : d.check.apply(value);
    if (key.equals("role")) v = role(v);
    String before = get(key);
    allRows = null;
    if (txnLocal) local.put(key, v);
    else {
      values.put(key, v);
      local.remove(key);
    }
    if (d.report && !v.equals(before)) changes.put(d.name, v);
  }

  /**
   * SET ROLE: tools restore "the role they found" (Flyway sets its own user back, pgjdbc pools
   * RESET ROLE), so the session's own user and NONE are honoured; there are no other roles to
   * take on, and pretending to switch would run with the wrong privileges.
   */
  private String role(String v) {
    String x = v.trim();
    if (x.equalsIgnoreCase("none") || x.equals(user)) return x.equalsIgnoreCase("none") ? "none" : x;
    throw Errors.unsupported("SET ROLE to a role other than the session user");
  }

  /** Drops SET LOCAL values at transaction end, reporting the ones that revert. */
  public void endTransaction() {
    if (local.isEmpty()) return;
    Map<String, String> dropped = new HashMap<>(local);
    local.clear();
    allRows = null;
    dropped.forEach((k, v) -> {
      Def d = DEFS.get(k);
      String now = get(k);
      if (d.report && !now.equals(v)) changes.put(d.name, now);
    });
  }

  /** The values at a SAVEPOINT: ROLLBACK TO it undoes SET and SET LOCAL since, as in PostgreSQL. */
  public record Mark(Map<String, String> values, Map<String, String> local) {}

  public Mark mark() {
    return new Mark(new HashMap<>(values), new HashMap<>(local));
  }

  public void restore(Mark m) {
    Map<String, String> before = new HashMap<>();
    for (Def d : DEFS.values()) before.put(d.name, get(d.name));
    values.clear();
    allRows = null;
    values.putAll(m.values());
    local.clear();
    local.putAll(m.local());
    before.forEach((name, was) -> {
      String now = get(name);
      if (DEFS.get(name.toLowerCase(Locale.ROOT)).report && !now.equals(was)) changes.put(name, now);
    });
  }

  public Map<String, String> drain() {
    Map<String, String> out = new LinkedHashMap<>(changes);
    changes.clear();
    return out;
  }

  /** SHOW ALL rows: name, setting, description. */
  public List<Object[]> all() {
    if (allRows != null) return allRows;
    List<Object[]> rows = new ArrayList<>();
    for (Def d : DEFS.values()) rows.add(new Object[] {d.name, get(d.name), d.description});
    allRows = java.util.Collections.unmodifiableList(rows);
    return allRows;
  }
}
