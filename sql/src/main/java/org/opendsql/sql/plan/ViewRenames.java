package org.opendsql.sql.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.opendsql.core.error.Errors;

/**
 * A view's query after a table it reads, or a column of one, is renamed. PostgreSQL binds a view
 * to its relations and columns by OID, so the view follows a rename; here a view keeps its query
 * as text, which is therefore rewritten in the renaming transaction: the table's name where the
 * query names it, qualifiers that name it, and its columns where they mean that table's (a
 * renamed output column keeps its name through an alias, as PostgreSQL's view keeps it).
 *
 * <p>A column reference is bound as the planner binds it: to the FROM items of the innermost
 * SELECT around it that has such a name, outwards. The nesting of SELECTs is read from the
 * parser's token positions.
 */
public final class ViewRenames {
  private ViewRenames() {}

  /** How the rewrite sees the catalog. */
  public interface Names {
    /** The catalog name a relation name as the view writes it ({@code t}, {@code s.t}) means, or null. */
    String resolve(String written);

    /** The columns of a relation (catalog name), or null if unknown. */
    List<String> columns(String catalogName);
  }

  /** {@code sql} with relation {@code catalogName} renamed to {@code newName} (its own schema's). */
  public static String renameTable(String sql, String catalogName, String newName, Names names) {
    return rewrite(sql, catalogName, null, newName, names);
  }

  /** {@code sql} with column {@code from} of relation {@code catalogName} renamed to {@code to}. */
  public static String renameColumn(String sql, String catalogName, String from, String to, Names names) {
    return rewrite(sql, catalogName, from, to, names);
  }

  /** A FROM item of one SELECT: the name it is referred to by, and the relation it reads (or null). */
  private record Item(String refName, String relation, List<String> columns, boolean aliased, Table table) {}

  private record Level(PlainSelect select, int from, int to, List<Item> items) {}

  private static String rewrite(String sql, String catalogName, String column, String to, Names names) {
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(sql);
    } catch (JSQLParserException e) {
      throw Errors.internal("view query does not parse: " + e.getMessage());
    }
    int[] lineStarts = lineStarts(sql);
    List<PlainSelect> selects = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    List<AllTableColumns> stars = new ArrayList<>();
    Set<String> withNames = new HashSet<>();
    TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
      @Override
      public <S> Void visit(PlainSelect ps, S context) {
        selects.add(ps);
        return super.visit(ps, context);
      }

      @Override
      public <S> Void visit(Column c, S context) {
        columns.add(c);
        return null;
      }

      @Override
      public <S> Void visit(AllTableColumns c, S context) {
        stars.add(c);
        return null;
      }

      @Override
      public <S> Void visit(WithItem<?> w, S context) {
        withNames.add(Binder.ident(w.getAliasName()));
        return super.visit(w, context);
      }
    };
    finder.getTables(st);
    List<Level> levels = new ArrayList<>();
    for (PlainSelect ps : selects) {
      Node node = ps.getASTNode();
      if (node == null) continue;
      List<Item> items = new ArrayList<>();
      addItem(ps.getFromItem(), items, withNames, names);
      if (ps.getJoins() != null) for (Join j : ps.getJoins()) addItem(j.getFromItem(), items, withNames, names);
      levels.add(new Level(ps, offset(lineStarts, node.jjtGetFirstToken().beginLine, node.jjtGetFirstToken().beginColumn),
          offset(lineStarts, node.jjtGetLastToken().endLine, node.jjtGetLastToken().endColumn), items));
    }
    // Innermost first: a reference binds to the nearest SELECT that has its name.
    levels.sort(Comparator.comparingInt(l -> l.to() - l.from()));
    Set<Column> renamedColumns = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Column c : columns) {
      if (c.getASTNode() == null) continue;
      int at = offset(lineStarts, c.getASTNode().jjtGetFirstToken().beginLine, c.getASTNode().jjtGetFirstToken().beginColumn);
      Item item = bind(c, at, levels);
      if (item == null || !catalogName.equals(item.relation())) continue;
      if (column == null) {
        if (c.getTable() != null && !item.aliased()) c.setTable(renamedQualifier(c.getTable(), to));
      } else if (Binder.ident(c.getColumnName()).equals(column)) {
        c.setColumnName(quote(to));
        renamedColumns.add(c);
      }
    }
    if (column == null) {
      for (AllTableColumns star : stars) {
        Table q = star.getTable();
        if (q == null || q.getASTNode() == null) continue;
        int at = offset(lineStarts, q.getASTNode().jjtGetFirstToken().beginLine, q.getASTNode().jjtGetFirstToken().beginColumn);
        Item item = byName(Binder.ident(q.getName()), at, levels);
        if (item != null && catalogName.equals(item.relation()) && !item.aliased()) star.setTable(renamedQualifier(q, to));
      }
      for (Level l : levels) {
        for (Item i : l.items()) if (catalogName.equals(i.relation())) i.table().setName(quote(to));
      }
    } else {
      for (Level l : levels) keepOutputNames(l.select(), renamedColumns, column);
    }
    return st.toString();
  }

  private static void addItem(FromItem f, List<Item> out, Set<String> withNames, Names names) {
    if (f instanceof ParenthesedFromItem p) {
      // (a JOIN b): its relations are the SELECT's own FROM items.
      addItem(p.getFromItem(), out, withNames, names);
      if (p.getJoins() != null) for (Join j : p.getJoins()) addItem(j.getFromItem(), out, withNames, names);
    } else if (f instanceof Table t) {
      String written = Planner.tableName(t);
      String relation = t.getSchemaName() == null && withNames.contains(written) ? null : names.resolve(written);
      String ref = t.getAlias() != null ? Binder.ident(t.getAlias().getName()) : Binder.ident(t.getName());
      out.add(new Item(ref, relation, relation == null ? null : names.columns(relation), t.getAlias() != null, t));
    } else if (f instanceof ParenthesedSelect sub && sub.getAlias() != null) {
      List<String> cols = null;
      if (sub.getSelect() instanceof PlainSelect ps) {
        cols = new ArrayList<>();
        for (SelectItem<?> si : ps.getSelectItems()) {
          if (si.getAlias() != null) cols.add(Binder.ident(si.getAlias().getName()));
          else if (si.getExpression() instanceof Column c) cols.add(Binder.ident(c.getColumnName()));
        }
      }
      out.add(new Item(Binder.ident(sub.getAlias().getName()), null, cols, true, null));
    }
  }

  /** The FROM item a column reference means: by its qualifier, or by the column's name. */
  private static Item bind(Column c, int at, List<Level> levels) {
    if (c.getTable() != null && c.getTable().getName() != null) return byName(Binder.ident(c.getTable().getName()), at, levels);
    String name = Binder.ident(c.getColumnName());
    for (Level l : levels) {
      if (at < l.from() || at > l.to()) continue;
      for (Item i : l.items()) if (i.columns() != null && i.columns().contains(name)) return i;
    }
    return null;
  }

  private static Item byName(String ref, int at, List<Level> levels) {
    for (Level l : levels) {
      if (at < l.from() || at > l.to()) continue;
      for (Item i : l.items()) if (i.refName().equals(ref)) return i;
    }
    return null;
  }

  /** A select item that was just the renamed column keeps its output name under an alias. */
  private static void keepOutputNames(PlainSelect ps, Set<Column> renamed, String oldName) {
    for (SelectItem<?> si : ps.getSelectItems()) {
      if (si.getAlias() == null && si.getExpression() instanceof Column c && renamed.contains(c)) {
        si.setAlias(new Alias(quote(oldName), true));
      }
    }
  }

  private static Table renamedQualifier(Table q, String to) {
    return new Table(q.getSchemaName(), quote(to));
  }

  private static String quote(String name) {
    return org.opendsql.sql.catalog.CatalogSnapshot.quoteIdent(name);
  }

  private static int[] lineStarts(String sql) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < sql.length(); i++) if (sql.charAt(i) == '\n') starts.add(i + 1);
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  // The parser counts lines and columns from 1, a tab as one column.
  private static int offset(int[] lineStarts, int line, int column) {
    return lineStarts[Math.min(line, lineStarts.length) - 1] + column - 1;
  }
}
