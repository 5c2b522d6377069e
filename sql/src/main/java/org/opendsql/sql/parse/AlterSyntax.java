package org.opendsql.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendsql.core.error.Errors;
import org.opendsql.sql.plan.Plan;

/**
 * ALTER TABLE, read from tokens: JSqlParser drops the column of {@code ALTER COLUMN c SET
 * DEFAULT ...} and cannot read {@code ADD CHECK}. Expressions (defaults, checks) and column types
 * are kept as their source text, to be bound against the table when the statement runs.
 */
public final class AlterSyntax {
  private AlterSyntax() {}

  private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("default", "not", "null", "unique", "primary",
      "check", "constraint", "references", "generated", "collate");

  /** The plan of an ALTER TABLE statement, or null when {@code sql} is another statement. */
  public static Plan parse(String sql) {
    List<Lexer.Tok> toks = Lexer.tokens(sql);
    if (toks.size() < 2 || !is(toks.get(0), "alter") || !is(toks.get(1), "table")) return null;
    Reader r = new Reader(sql, toks, 2);
    boolean ifExists = false;
    if (r.peekIs("if")) {
      r.next();
      r.expect("exists");
      ifExists = true;
    }
    r.optional("only");
    String table = r.tableName();
    r.optional("*");
    List<Plan.AlterAction> actions = new ArrayList<>();
    if (r.peekIs("rename")) {
      r.next();
      actions.add(rename(r));
      r.end();
      return new Plan.AlterTable(table, ifExists, actions);
    }
    do {
      actions.add(action(r));
    } while (r.skip(","));
    r.end();
    return new Plan.AlterTable(table, ifExists, actions);
  }

  private static Plan.AlterAction rename(Reader r) {
    if (r.peekIs("to")) {
      r.next();
      return new Plan.RenameTable(r.identifier());
    }
    if (r.peekIs("constraint")) {
      r.next();
      String from = r.identifier();
      r.expect("to");
      return new Plan.RenameConstraint(from, r.identifier());
    }
    r.optional("column");
    String from = r.identifier();
    r.expect("to");
    return new Plan.RenameColumn(from, r.identifier());
  }

  private static Plan.AlterAction action(Reader r) {
    String verb = r.word();
    switch (verb) {
      case "add":
        if (r.peekIs("constraint") || r.peekIs("unique") || r.peekIs("primary") || r.peekIs("check")
            || r.peekIs("foreign") || r.peekIs("exclude")) {
          return addConstraint(r);
        }
        r.optional("column");
        return addColumn(r);
      case "drop":
        if (r.peekIs("constraint")) {
          r.next();
          boolean ifExists = ifExists(r);
          String name = r.identifier();
          r.optional("restrict", "cascade");
          return new Plan.DropConstraint(name, ifExists);
        }
        r.optional("column");
        boolean columnIfExists = ifExists(r);
        String dropped = r.identifier();
        r.optional("restrict", "cascade");
        return new Plan.DropColumn(dropped, columnIfExists);
      case "alter": {
        r.optional("column");
        String column = r.identifier();
        if (r.peekIs("set") || r.peekIs("drop")) {
          boolean set = r.word().equals("set");
          if (r.peekIs("default")) {
            r.next();
            return new Plan.SetDefault(column, set ? r.text(Set.of()) : null);
          }
          if (r.peekIs("not")) {
            r.next();
            r.expect("null");
            return new Plan.SetNotNull(column, set);
          }
        }
        if (r.peekIs("type") || r.peekIs("set")) throw Errors.unsupported("ALTER TABLE ... ALTER COLUMN ... TYPE");
        throw Errors.unsupported("ALTER TABLE ... ALTER COLUMN " + r.rest());
      }
      default:
        throw Errors.unsupported("ALTER TABLE ... " + verb.toUpperCase(Locale.ROOT));
    }
  }

  private static boolean ifExists(Reader r) {
    if (!r.peekIs("if")) return false;
    r.next();
    r.expect("exists");
    return true;
  }

  private static Plan.AlterAction addColumn(Reader r) {
    boolean ifNotExists = false;
    if (r.peekIs("if")) {
      r.next();
      r.expect("not");
      r.expect("exists");
      ifNotExists = true;
    }
    String name = r.identifier();
    String type = r.text(COLUMN_CONSTRAINT_WORDS);
    if (type.isEmpty()) throw r.syntaxError();
    String def = null;
    boolean notNull = false;
    boolean unique = false;
    boolean pk = false;
    List<String> checks = new ArrayList<>();
    while (!r.atEnd() && !r.peekIs(",")) {
      String w = r.word();
      switch (w) {
        case "constraint" -> r.identifier();
        case "default" -> def = r.text(COLUMN_CONSTRAINT_WORDS);
        case "not" -> {
          r.expect("null");
          notNull = true;
        }
        case "null" -> notNull = false;
        case "unique" -> unique = true;
        case "primary" -> {
          r.expect("key");
          pk = true;
        }
        case "check" -> checks.add(r.parenthesized());
        case "references" -> throw Errors.unsupported("foreign keys");
        case "generated" -> throw Errors.unsupported("ALTER TABLE ... ADD COLUMN ... GENERATED");
        case "collate" -> throw Errors.unsupported("COLLATE");
        default -> throw Errors.syntaxErrorAt(w);
      }
    }
    return new Plan.AddColumn(name, type, ifNotExists, def, notNull, unique, pk, checks);
  }

  /** The rest of a FOREIGN KEY: REFERENCES table [(columns)] [ON DELETE action] [ON UPDATE action]. */
  private static Plan.ForeignKey foreignKey(Reader r, String name, List<String> columns) {
    r.expect("references");
    String parent = r.tableName();
    List<String> parentColumns = r.peekIs("(") ? r.columnList() : null;
    StringBuilder rest = new StringBuilder();
    while (r.peekIs("on") || r.peekIs("match") || r.peekIs("deferrable") || r.peekIs("initially")
        || r.peekIs("no") || r.peekIs("set") || r.peekIs("cascade") || r.peekIs("restrict") || r.peekIs("delete")
        || r.peekIs("update") || r.peekIs("action") || r.peekIs("null") || r.peekIs("default") || r.peekIs("simple")
        || r.peekIs("full") || r.peekIs("partial") || r.peekIs("immediate") || r.peekIs("deferred")) {
      rest.append(r.word()).append(' ');
    }
    if (parentColumns != null && parentColumns.size() != columns.size()) throw Errors.foreignKeyColumnCount();
    Plan.ForeignKey fk = org.opendsql.sql.plan.ForeignKeySyntax.columnReference(name, columns.get(0),
        "references x " + rest);
    return new Plan.ForeignKey(name, columns, parent, parentColumns, fk.onDelete(), fk.onUpdate());
  }

  private static Plan.AlterAction addConstraint(Reader r) {
    String name = null;
    if (r.peekIs("constraint")) {
      r.next();
      name = r.identifier();
    }
    String kind = r.word();
    Plan.AlterAction a = switch (kind) {
      case "unique" -> new Plan.AddConstraint(name, Plan.ConstraintKind.UNIQUE, r.columnList(), null);
      case "primary" -> {
        r.expect("key");
        yield new Plan.AddConstraint(name, Plan.ConstraintKind.PRIMARY_KEY, r.columnList(), null);
      }
      case "check" -> new Plan.AddConstraint(name, Plan.ConstraintKind.CHECK, List.of(), r.parenthesized());
      case "foreign" -> {
        r.expect("key");
        yield new Plan.AddForeignKey(foreignKey(r, name, r.columnList()));
      }
      case "exclude" -> throw Errors.unsupported("exclusion constraints");
      default -> throw Errors.syntaxErrorAt(kind);
    };
    if (r.peekIs("not")) throw Errors.unsupported("NOT VALID constraints");
    return a;
  }

  private static boolean is(Lexer.Tok t, String w) {
    return t.kind() == Lexer.Kind.WORD && t.text().equalsIgnoreCase(w);
  }

  private static final class Reader {
    private final String sql;
    private final List<Lexer.Tok> toks;
    private int pos;

    Reader(String sql, List<Lexer.Tok> toks, int pos) {
      this.sql = sql;
      this.toks = toks;
      this.pos = pos;
    }

    boolean atEnd() {
      return pos >= toks.size();
    }

    Lexer.Tok next() {
      if (atEnd()) throw Errors.syntaxErrorAtEnd();
      return toks.get(pos++);
    }

    boolean peekIs(String w) {
      if (atEnd()) return false;
      Lexer.Tok t = toks.get(pos);
      return (t.kind() == Lexer.Kind.WORD || t.kind() == Lexer.Kind.SYMBOL) && t.text().equalsIgnoreCase(w);
    }

    boolean skip(String w) {
      if (!peekIs(w)) return false;
      pos++;
      return true;
    }

    void optional(String... words) {
      for (String w : words) if (skip(w)) return;
    }

    void expect(String w) {
      if (!skip(w)) throw syntaxError();
    }

    RuntimeException syntaxError() {
      return atEnd() ? Errors.syntaxErrorAtEnd() : Errors.syntaxErrorAt(toks.get(pos).text());
    }

    String word() {
      Lexer.Tok t = next();
      if (t.kind() != Lexer.Kind.WORD) throw Errors.syntaxErrorAt(t.text());
      return t.text().toLowerCase(Locale.ROOT);
    }

    String identifier() {
      Lexer.Tok t = next();
      if (t.kind() == Lexer.Kind.WORD && t.text().indexOf('.') < 0) return t.text().toLowerCase(Locale.ROOT);
      if (t.kind() == Lexer.Kind.QUOTED_IDENT) return t.text();
      throw Errors.syntaxErrorAt(t.text());
    }

    /** A table name, maybe schema-qualified ({@code s.t}; see QualifiedNames). */
    String tableName() {
      Lexer.Tok t = next();
      String first;
      if (t.kind() == Lexer.Kind.QUOTED_IDENT) first = t.text();
      else if (t.kind() == Lexer.Kind.WORD) first = t.text().toLowerCase(Locale.ROOT);
      else throw Errors.syntaxErrorAt(t.text());
      if (skip(".")) {
        return first + "." + identifier();
      }
      return first;
    }

    /** ( a, b, ... ) */
    List<String> columnList() {
      expect("(");
      List<String> out = new ArrayList<>();
      do {
        out.add(identifier());
      } while (skip(","));
      expect(")");
      return out;
    }

    /** The source text inside a parenthesized expression. */
    String parenthesized() {
      if (!peekIs("(")) throw syntaxError();
      int open = pos;
      int depth = 0;
      while (!atEnd()) {
        Lexer.Tok t = next();
        if (t.kind() == Lexer.Kind.SYMBOL && t.text().equals("(")) depth++;
        if (t.kind() == Lexer.Kind.SYMBOL && t.text().equals(")") && --depth == 0) {
          return sql.substring(toks.get(open).end(), t.start()).trim();
        }
      }
      throw Errors.syntaxErrorAtEnd();
    }

    /**
     * The source text of the tokens up to the next {@code stop} word or comma outside
     * parentheses, or the end: a type or a DEFAULT expression.
     */
    String text(Set<String> stop) {
      int first = pos;
      int depth = 0;
      while (!atEnd()) {
        Lexer.Tok t = toks.get(pos);
        if (depth == 0 && t.kind() == Lexer.Kind.SYMBOL && t.text().equals(",")) break;
        if (depth == 0 && pos > first && t.kind() == Lexer.Kind.WORD && stop.contains(t.text().toLowerCase(Locale.ROOT))) {
          break;
        }
        if (t.kind() == Lexer.Kind.SYMBOL && (t.text().equals("(") || t.text().equals("["))) depth++;
        if (t.kind() == Lexer.Kind.SYMBOL && (t.text().equals(")") || t.text().equals("]"))) depth--;
        pos++;
      }
      if (pos == first) return "";
      return sql.substring(toks.get(first).start(), toks.get(pos - 1).end()).trim();
    }

    String rest() {
      return atEnd() ? "" : sql.substring(toks.get(pos).start()).trim().toUpperCase(Locale.ROOT);
    }

    void end() {
      if (!atEnd()) throw syntaxError();
    }
  }
}
