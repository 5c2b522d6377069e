package org.opendsql.sql.parse;

import java.util.List;
import java.util.Locale;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.ColumnDesc;
import org.opendsql.core.types.IntervalFields;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.config.Settings;
import org.opendsql.sql.plan.Plan;
import org.opendsql.sql.plan.SequenceOptions;

/**
 * Transaction control and run-time settings, which JSqlParser 5.4 parses only partly (no BEGIN,
 * START TRANSACTION, SET x TO y, SET TRANSACTION). Returns null for anything else.
 */
public final class FrontParser {
  private FrontParser() {}

  /** The plan for a utility statement, or null if {@code sql} is not one. */
  public static Plan parse(String sql) {
    List<Lexer.Tok> t = Lexer.tokens(sql);
    if (t.isEmpty()) return new Plan.Empty();
    if (t.get(0).kind() != Lexer.Kind.WORD) return null;
    Cursor c = new Cursor(t);
    String first = c.word();
    switch (first) {
      case "begin": {
        c.optional("work", "transaction");
        boolean ro = modes(c);
        return new Plan.Txn(Plan.TxnKind.BEGIN, ro);
      }
      case "start":
        c.expect("transaction");
        return new Plan.Txn(Plan.TxnKind.BEGIN, modes(c));
      case "commit":
      case "end":
        if (c.peekIs("prepared")) throw Errors.unsupported("COMMIT PREPARED (two-phase commit)");
        c.optional("work", "transaction");
        chain(c);
        c.end();
        return new Plan.Txn(Plan.TxnKind.COMMIT, false);
      case "rollback":
      case "abort":
        if (c.peekIs("prepared")) throw Errors.unsupported("ROLLBACK PREPARED (two-phase commit)");
        c.optional("work", "transaction");
        if (c.peekIs("to")) {
          c.word();
          c.optional("savepoint");
          return savepoint(c, Plan.SavepointKind.ROLLBACK_TO);
        }
        chain(c);
        c.end();
        return new Plan.Txn(Plan.TxnKind.ROLLBACK, false);
      case "truncate":
        return truncate(c);
      case "create":
        if (c.peekIs("temp") || c.peekIs("temporary") || c.peekIs("unlogged")) {
          String mode = c.word();
          if (c.peekIs("sequence")) throw Errors.unsupported(mode.toUpperCase(Locale.ROOT) + " sequences");
          return null;
        }
        if (c.peekIs("role") || c.peekIs("user")) return createRole(c, c.word().equals("user"));
        if (!c.peekIs("sequence")) return null;
        c.word();
        return createSequence(c);
      case "alter":
        if (!c.peekIs("sequence")) return null;
        c.word();
        return alterSequence(c);
      case "drop":
        if (c.peekIs("role") || c.peekIs("user")) {
          c.word();
          return dropRole(c);
        }
        if (!c.peekIs("sequence")) return null;
        c.word();
        return dropSequence(c);
      case "comment":
        return comment(c);
      case "analyze":
      case "analyse":
        return analyze(c);
      case "grant":
        return grant(c, false);
      case "revoke":
        return grant(c, true);
      case "aws":
        return iamGrant(c);
      case "savepoint":
        return savepoint(c, Plan.SavepointKind.SAVEPOINT);
      case "release":
        c.optional("savepoint");
        return savepoint(c, Plan.SavepointKind.RELEASE);
      case "prepare":
        if (c.peekIs("transaction")) throw Errors.unsupported("PREPARE TRANSACTION (two-phase commit)");
        return null;
      case "set":
        return set(c);
      case "reset": {
        String name = c.name();
        c.end();
        if (name.equals("all")) throw Errors.unsupported("RESET ALL");
        return new Plan.Set(name, null, false);
      }
      case "show":
        return show(c);
      default:
        return null;
    }
  }

  /**
   * TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT].
   * With no sequences behind columns and no foreign keys yet, the identity and cascade options
   * have nothing to act on.
   */
  private static Plan truncate(Cursor c) {
    c.optional("table");
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    do {
      c.optional("only");
      String name = c.identifier();
      if (c.skip(".")) name = name + "." + c.identifier();
      // The lexer keeps an unquoted dotted name in one word: schema.table, as the catalog spells it.
      c.optional("*");
      names.add(name);
    } while (c.skip(","));
    boolean restart = false;
    if (c.peekIs("restart") || c.peekIs("continue")) {
      restart = c.word().equals("restart");
      c.expect("identity");
    }
    c.optional("cascade", "restrict");
    c.end();
    return new Plan.Truncate(List.copyOf(names), restart);
  }

  /** ANALYZE [VERBOSE] [table [, ...]]: column lists and parenthesized options are not supported. */
  private static Plan analyze(Cursor c) {
    c.optional("verbose");
    if (c.peekIs("(")) throw Errors.unsupported("ANALYZE options");
    List<String> tables = new java.util.ArrayList<>();
    if (!c.atEnd()) {
      do {
        tables.add(c.relationName());
        if (c.peekIs("(")) throw Errors.unsupported("ANALYZE of chosen columns");
      } while (c.skip(","));
    }
    c.end();
    return new Plan.Analyze(tables);
  }

  /** CREATE ROLE name [[WITH] option ...]: LOGIN and NOLOGIN are the options DSQL has. CREATE USER logs in by default. */
  private static Plan createRole(Cursor c, boolean user) {
    String name = c.identifier();
    boolean login = user;
    c.optional("with");
    while (!c.atEnd()) {
      String option = c.word();
      switch (option) {
        case "login" -> login = true;
        case "nologin" -> login = false;
        default -> throw Errors.unsupported("CREATE ROLE option " + option.toUpperCase(Locale.ROOT));
      }
    }
    return new Plan.CreateRole(name, login);
  }

  private static Plan dropRole(Cursor c) {
    boolean ifExists = false;
    if (c.peekIs("if")) {
      c.word();
      c.expect("exists");
      ifExists = true;
    }
    List<String> names = new java.util.ArrayList<>();
    do {
      names.add(c.identifier());
    } while (c.skip(","));
    c.end();
    return new Plan.DropRole(names, ifExists);
  }

  /**
   * GRANT privileges ON [TABLE] t [, ...] | ON ALL TABLES IN SCHEMA s [, ...] | ON SCHEMA s [, ...]
   * TO role [, ...] (REVOKE ... FROM); {@code ALL [PRIVILEGES]} means every privilege of the kind.
   */
  private static Plan grant(Cursor c, boolean revoke) {
    if (revoke && c.peekIs("grant")) throw Errors.unsupported("REVOKE GRANT OPTION FOR");
    List<String> privileges = new java.util.ArrayList<>();
    boolean all = false;
    if (c.skip("all")) {
      c.optional("privileges");
      all = true;
    } else {
      do {
        privileges.add(c.word());
      } while (c.skip(","));
    }
    if (c.peekIs("to") || c.peekIs("from")) throw Errors.unsupported("granting role membership");
    if (c.peekIs("(")) throw Errors.unsupported("column privileges");
    c.expect("on");
    Plan.GrantTarget target = Plan.GrantTarget.TABLES;
    if (c.skip("schema")) {
      target = Plan.GrantTarget.SCHEMAS;
    } else if (c.skip("all")) {
      if (!c.peekIs("tables")) throw Errors.unsupported("GRANT ON ALL " + c.word().toUpperCase(Locale.ROOT));
      c.word();
      c.expect("in");
      c.expect("schema");
      target = Plan.GrantTarget.ALL_TABLES_IN_SCHEMAS;
    } else if (c.peekIs("sequence") || c.peekIs("function") || c.peekIs("database") || c.peekIs("type")
        || c.peekIs("language") || c.peekIs("procedure") || c.peekIs("routine") || c.peekIs("tablespace")
        || c.peekIs("domain") || c.peekIs("foreign") || c.peekIs("large")) {
      throw Errors.unsupported("GRANT ON " + c.word().toUpperCase(Locale.ROOT));
    } else {
      c.optional("table");
    }
    List<String> objects = new java.util.ArrayList<>();
    do {
      objects.add(target == Plan.GrantTarget.TABLES ? c.relationName() : c.identifier());
    } while (c.skip(","));
    boolean schema = target == Plan.GrantTarget.SCHEMAS;
    int mask = all ? (schema ? org.opendsql.sql.catalog.Privileges.SCHEMA_ALL : org.opendsql.sql.catalog.Privileges.TABLE_ALL) : 0;
    for (String p : privileges) {
      int bit = org.opendsql.sql.catalog.Privileges.bit(p, schema);
      if (bit == 0) {
        if (org.opendsql.sql.catalog.Privileges.bit(p, !schema) != 0) {
          throw Errors.invalidPrivilege(p.toUpperCase(Locale.ROOT), schema ? "schema" : "relation");
        }
        throw Errors.unsupported("privilege " + p.toUpperCase(Locale.ROOT));
      }
      mask |= bit;
    }
    c.expect(revoke ? "from" : "to");
    List<String> grantees = new java.util.ArrayList<>();
    do {
      c.optional("group");
      grantees.add(c.identifier());
    } while (c.skip(","));
    if (!revoke && c.peekIs("with")) throw Errors.unsupported("WITH GRANT OPTION");
    if (revoke && c.peekIs("cascade")) throw Errors.unsupported("REVOKE ... CASCADE");
    if (revoke) c.optional("restrict");
    if (c.peekIs("granted")) throw Errors.unsupported("GRANTED BY");
    c.end();
    return new Plan.Grant(revoke, mask, target, objects, grantees);
  }

  /** AWS IAM GRANT role TO 'identity' / AWS IAM REVOKE role FROM 'identity' (DSQL's mapping of IAM identities to roles). */
  private static Plan iamGrant(Cursor c) {
    c.expect("iam");
    boolean revoke = c.peekIs("revoke");
    if (!revoke) c.expect("grant");
    else c.word();
    String role = c.identifier();
    c.expect(revoke ? "from" : "to");
    Lexer.Tok t = c.next();
    if (t.kind() != Lexer.Kind.STRING) throw Errors.syntaxErrorAt(t.text());
    c.end();
    return new Plan.IamGrant(revoke, role, t.text());
  }

  /** CREATE SEQUENCE [IF NOT EXISTS] name options. */
  private static Plan createSequence(Cursor c) {
    boolean ifNotExists = false;
    if (c.peekIs("if")) {
      c.word();
      c.expect("not");
      c.expect("exists");
      ifNotExists = true;
    }
    String name = c.relationName();
    return new Plan.CreateSequence(name, ifNotExists, SequenceOptions.parse(c.rest(), false, false));
  }

  /** ALTER SEQUENCE [IF EXISTS] name options; renaming and the like are not supported. */
  private static Plan alterSequence(Cursor c) {
    boolean ifExists = false;
    if (c.peekIs("if")) {
      c.word();
      c.expect("exists");
      ifExists = true;
    }
    String name = c.relationName();
    for (String form : List.of("rename", "owner", "set")) {
      if (c.peekIs(form)) throw Errors.unsupported("ALTER SEQUENCE " + form.toUpperCase(Locale.ROOT));
    }
    if (c.atEnd()) throw Errors.syntaxErrorAtEnd();
    return new Plan.AlterSequence(name, ifExists, SequenceOptions.parse(c.rest(), true, false));
  }

  /** DROP SEQUENCE [IF EXISTS] name [, ...] [RESTRICT]: nothing depends on a sequence here for CASCADE to drop. */
  private static Plan dropSequence(Cursor c) {
    boolean ifExists = false;
    if (c.peekIs("if")) {
      c.word();
      c.expect("exists");
      ifExists = true;
    }
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    do {
      names.add(c.relationName());
    } while (c.skip(","));
    if (c.peekIs("cascade")) throw Errors.unsupported("DROP SEQUENCE ... CASCADE");
    c.optional("restrict");
    c.end();
    return new Plan.DropSequence(List.copyOf(names), ifExists);
  }

  /**
   * COMMENT ON {TABLE | VIEW | INDEX} name | COLUMN relation.column | CONSTRAINT name ON table
   * IS 'text' | NULL. Other objects (schemas, sequences, functions, ...) keep no comments here.
   */
  private static Plan comment(Cursor c) {
    c.expect("on");
    String kind = c.word();
    Plan.CommentTarget target;
    String relation;
    String member = null;
    switch (kind) {
      case "table", "view", "index" -> {
        target = Plan.CommentTarget.valueOf(kind.toUpperCase(Locale.ROOT));
        relation = c.relationName();
      }
      case "column" -> {
        target = Plan.CommentTarget.COLUMN;
        List<String> parts = c.dottedName();
        if (parts.size() < 2) throw Errors.syntaxErrorAt(c.atEnd() ? "IS" : c.peek().text());
        if (parts.size() > 3) throw Errors.unsupported("cross-database references");
        relation = parts.size() == 3 ? parts.get(0) + "." + parts.get(1) : parts.get(0);
        member = parts.get(parts.size() - 1);
      }
      case "constraint" -> {
        target = Plan.CommentTarget.CONSTRAINT;
        member = c.identifier();
        c.expect("on");
        c.optional("table");
        relation = c.relationName();
      }
      case "materialized" -> throw Errors.unsupported("materialized views");
      default -> throw Errors.unsupported("COMMENT ON " + kind.toUpperCase(Locale.ROOT));
    }
    c.expect("is");
    String text;
    if (c.skip("null")) {
      text = null;
    } else {
      Lexer.Tok t = c.next();
      if (t.kind() != Lexer.Kind.STRING) throw Errors.syntaxErrorAt(t.text());
      text = t.text();
    }
    c.end();
    return new Plan.Comment(target, relation, member, text);
  }

  private static Plan savepoint(Cursor c, Plan.SavepointKind kind) {
    String name = c.identifier();
    c.end();
    return new Plan.Savepoint(kind, name);
  }

  private static void chain(Cursor c) {
    if (c.peekIs("and")) {
      c.word();
      if (c.peekIs("no")) {
        c.word();
        c.expect("chain");
      } else {
        throw Errors.unsupported("AND CHAIN");
      }
    }
  }

  /** Transaction modes; returns whether READ ONLY was asked for. Only REPEATABLE READ exists. */
  private static boolean modes(Cursor c) {
    boolean readOnly = false;
    while (!c.atEnd()) {
      if (c.peekIs(",")) {
        c.next();
        continue;
      }
      String w = c.word();
      switch (w) {
        case "isolation": {
          c.expect("level");
          String a = c.word();
          String level = a.equals("read") || a.equals("repeatable") ? a + " " + c.word() : a;
          if (!level.equals("repeatable read")) {
            if (List.of("serializable", "read committed", "read uncommitted").contains(level)) {
              throw Errors.isolationLevelNotSupported(level.toUpperCase(Locale.ROOT));
            }
            throw Errors.syntaxErrorAt(level);
          }
          break;
        }
        case "read": {
          String m = c.word();
          if (m.equals("only")) readOnly = true;
          else if (!m.equals("write")) throw Errors.syntaxErrorAt(m);
          break;
        }
        case "deferrable":
          throw Errors.unsupported("DEFERRABLE transactions");
        case "not":
          c.expect("deferrable");
          break;
        default:
          throw Errors.syntaxErrorAt(w);
      }
    }
    return readOnly;
  }

  private static Plan set(Cursor c) {
    boolean local = false;
    if (c.peekIs("session")) {
      c.word();
      if (c.peekIs("characteristics")) {
        c.word();
        c.expect("as");
        c.expect("transaction");
        if (modes(c)) throw Errors.unsupported("read-only session default");
        return new Plan.Set("default_transaction_isolation", "repeatable read", false);
      }
      if (c.peekIs("authorization")) throw Errors.unsupported("SET SESSION AUTHORIZATION");
    } else if (c.peekIs("local")) {
      c.word();
      local = true;
    }
    if (c.peekIs("transaction")) {
      c.word();
      if (c.peekIs("snapshot")) throw Errors.unsupported("SET TRANSACTION SNAPSHOT");
      if (modes(c)) throw Errors.unsupported("SET TRANSACTION READ ONLY");
      return new Plan.Set("transaction_isolation", "repeatable read", true);
    }
    String name;
    if (c.peekIs("role") && !c.peekAheadIs(1, "to") && !c.peekAheadIs(1, "=")) {
      // SET ROLE name: the grammar's form without TO; "SET role TO x" takes the generic path.
      c.word();
      name = "role";
    } else if (c.peekIs("time")) {
      c.word();
      c.expect("zone");
      name = "timezone";
    } else if (c.peekIs("names")) {
      c.word();
      name = "client_encoding";
    } else {
      name = c.name();
      if (c.peekIs("to") || c.peekIs("=")) {
        c.next();
      } else {
        throw c.atEnd() ? Errors.syntaxErrorAtEnd() : Errors.syntaxErrorAt(c.peek().text());
      }
    }
    if (c.atEnd()) throw Errors.syntaxErrorAtEnd();
    if (c.peekIs("default") || (name.equals("timezone") && c.peekIs("local"))) {
      c.next();
      c.end();
      return new Plan.Set(name, null, local);
    }
    if (name.equals("timezone") && c.peekIs("interval")) return new Plan.Set(name, intervalZone(c), local);
    StringBuilder value = new StringBuilder();
    while (!c.atEnd()) {
      Lexer.Tok v = c.next();
      if (v.kind() == Lexer.Kind.SYMBOL) {
        if (!v.text().equals(",")) throw Errors.syntaxErrorAt(v.text());
        value.append(", ");
        continue;
      }
      value.append(v.kind() == Lexer.Kind.WORD ? v.text().toLowerCase(Locale.ROOT) : v.text());
    }
    return new Plan.Set(name, value.toString(), local);
  }

  /**
   * SET TIME ZONE INTERVAL '-03:00' HOUR TO MINUTE: a fixed offset east of Greenwich, as the
   * setting's number of hours ({@code -3}, shown as {@code <-03>+03}); months and days are 22023.
   */
  private static String intervalZone(Cursor c) {
    c.word();
    if (c.atEnd()) throw Errors.syntaxErrorAtEnd();
    Lexer.Tok literal = c.next();
    if (literal.kind() != Lexer.Kind.STRING) throw Errors.syntaxErrorAt(literal.text());
    StringBuilder fields = new StringBuilder();
    while (!c.atEnd()) fields.append(c.word()).append(' ');
    Integer range = IntervalFields.parseRange(fields.toString());
    if (range == null) throw Errors.syntaxErrorAt(fields.toString().trim());
    PgInterval v = (PgInterval) PgText.parse(PgType.INTERVAL, literal.text(), java.time.ZoneOffset.UTC,
        IntervalFields.typmod(range, IntervalFields.FULL_PRECISION));
    if (v.months() != 0 || v.days() != 0) throw Errors.intervalTimeZoneHasMonthsOrDays(v.toString());
    return new java.math.BigDecimal(v.micros()).divide(java.math.BigDecimal.valueOf(PgInterval.USECS_PER_HOUR), 12,
        java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString();
  }

  private static Plan show(Cursor c) {
    String name;
    if (c.peekIs("transaction")) {
      c.word();
      c.expect("isolation");
      c.expect("level");
      name = "transaction_isolation";
    } else if (c.peekIs("time")) {
      c.word();
      c.expect("zone");
      name = "timezone";
    } else {
      name = c.name();
    }
    c.end();
    String col = Settings.canonical(name);
    if (name.equals("all")) {
      return new Plan.Show("all", List.of(ColumnDesc.computed("name", PgType.TEXT),
          ColumnDesc.computed("setting", PgType.TEXT), ColumnDesc.computed("description", PgType.TEXT)));
    }
    return new Plan.Show(name, List.of(ColumnDesc.computed(col, PgType.TEXT)));
  }

  private static final class Cursor {
    private final List<Lexer.Tok> toks;
    private int pos;

    Cursor(List<Lexer.Tok> toks) {
      this.toks = toks;
    }

    boolean atEnd() {
      return pos >= toks.size();
    }

    Lexer.Tok peek() {
      return toks.get(pos);
    }

    Lexer.Tok next() {
      if (atEnd()) throw Errors.syntaxErrorAtEnd();
      return toks.get(pos++);
    }

    boolean peekAheadIs(int ahead, String w) {
      if (pos + ahead >= toks.size()) return false;
      Lexer.Tok t = toks.get(pos + ahead);
      return (t.kind() == Lexer.Kind.WORD || t.kind() == Lexer.Kind.SYMBOL) && t.text().equalsIgnoreCase(w);
    }

    boolean peekIs(String w) {
      if (atEnd()) return false;
      Lexer.Tok t = peek();
      return (t.kind() == Lexer.Kind.WORD || t.kind() == Lexer.Kind.SYMBOL) && t.text().equalsIgnoreCase(w);
    }

    String word() {
      Lexer.Tok t = next();
      if (t.kind() != Lexer.Kind.WORD) throw Errors.syntaxErrorAt(t.text());
      return t.text().toLowerCase(Locale.ROOT);
    }

    /** A setting name: a word (folded) or a quoted identifier (verbatim, then folded like PG's GUCs). */
    String name() {
      Lexer.Tok t = next();
      if (t.kind() == Lexer.Kind.WORD || t.kind() == Lexer.Kind.QUOTED_IDENT) return t.text().toLowerCase(Locale.ROOT);
      throw Errors.syntaxErrorAt(t.text());
    }

    /** An SQL identifier: a word, folded to lower case, or a quoted identifier, verbatim. */
    String identifier() {
      Lexer.Tok t = next();
      if (t.kind() == Lexer.Kind.WORD) return t.text().toLowerCase(Locale.ROOT);
      if (t.kind() == Lexer.Kind.QUOTED_IDENT) return t.text();
      throw Errors.syntaxErrorAt(t.text());
    }

    void optional(String... words) {
      for (String w : words) {
        if (peekIs(w)) {
          pos++;
          return;
        }
      }
    }

    /** Consumes {@code w} if it comes next. */
    boolean skip(String w) {
      if (!peekIs(w)) return false;
      pos++;
      return true;
    }

    void expect(String w) {
      if (!peekIs(w)) {
        throw atEnd() ? Errors.syntaxErrorAtEnd() : Errors.syntaxErrorAt(peek().text());
      }
      pos++;
    }

    /** A dotted name's parts: quoted ones verbatim, unquoted ones folded (the lexer keeps {@code a.b} in one word). */
    List<String> dottedName() {
      List<String> parts = new java.util.ArrayList<>();
      do {
        Lexer.Tok t = next();
        if (t.kind() == Lexer.Kind.QUOTED_IDENT) {
          parts.add(t.text());
        } else if (t.kind() == Lexer.Kind.WORD) {
          for (String p : t.text().toLowerCase(Locale.ROOT).split("\\.", -1)) {
            if (p.isEmpty()) throw Errors.syntaxErrorAt(".");
            parts.add(p);
          }
        } else {
          throw Errors.syntaxErrorAt(t.text());
        }
      } while (skip("."));
      return parts;
    }

    /** A relation name, [schema.]name as the catalog spells it: the lexer keeps an unquoted dotted name in one word. */
    String relationName() {
      String name = identifier();
      if (skip(".")) name = name + "." + identifier();
      return name;
    }

    /**
     * The remaining tokens as option words: words folded, quoted identifiers verbatim, a sign
     * joined to its number, a dotted name ("t"."c") joined into one.
     */
    List<String> rest() {
      List<String> out = new java.util.ArrayList<>();
      while (!atEnd()) {
        Lexer.Tok t = next();
        String text = t.kind() == Lexer.Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
        if (t.kind() == Lexer.Kind.SYMBOL && (text.equals("-") || text.equals("+")) && !atEnd()
            && peek().kind() == Lexer.Kind.NUMBER) {
          out.add(text + next().text());
        } else if (t.kind() == Lexer.Kind.SYMBOL && text.equals(".") && !out.isEmpty() && !atEnd()) {
          Lexer.Tok n = next();
          out.set(out.size() - 1, out.get(out.size() - 1) + "." + (n.kind() == Lexer.Kind.WORD ? n.text().toLowerCase(Locale.ROOT) : n.text()));
        } else if (t.kind() == Lexer.Kind.SYMBOL && !text.equals(".")) {
          throw Errors.syntaxErrorAt(text);
        } else {
          out.add(text);
        }
      }
      return out;
    }

    void end() {
      if (!atEnd()) throw Errors.syntaxErrorAt(peek().text());
    }
  }
}
