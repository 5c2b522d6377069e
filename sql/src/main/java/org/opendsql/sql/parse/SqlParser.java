package org.opendsql.sql.parse;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;

/**
 * JSqlParser without its executor thread: {@code CCJSqlParserUtil.parse} runs each parse on a
 * new thread for its timeout, which a session actor must not do.
 */
public final class SqlParser {
  private SqlParser() {}

  /**
   * Exactly one statement, or null when {@code sql} holds none (only comments/semicolons). A
   * statement nested deeper than {@code maxDepth} fails with 54001 unparsed: JSqlParser's time
   * grows steeply with nesting (37 s for 5,000 parentheses) and its recursion can exhaust a stack.
   */
  public static Statement parseOne(String sql, int maxDepth) {
    if (Lexer.nestingDepth(sql) > maxDepth) throw Errors.stackDepthExceeded();
    Statements all = parseAll(RowAssignmentSyntax.rewrite(IntervalSyntax.rewrite(GroupingSyntax.rewrite(OperatorSyntax.rewrite(WindowSyntax.rewrite(KeywordSyntax.rewrite(sql)))))));
    if (all.isEmpty()) return null;
    if (all.size() > 1) {
      throw Errors.multipleCommandsInPreparedStatement();
    }
    return all.get(0);
  }

  private static Statements parseAll(String sql) {
    try {
      CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true);
      return p.Statements();
    } catch (ParseException e) {
      throw syntaxError(e.currentToken);
    } catch (TokenMgrException e) {
      throw Errors.syntaxError(e.getMessage().split("\n")[0]);
    } catch (RuntimeException e) {
      throw Errors.syntaxError(e.getMessage());
    }
  }

  private static DbException syntaxError(Token current) {
    Token bad = current == null ? null : current.next;
    if (bad == null || bad.kind == 0 || bad.image == null || bad.image.isEmpty()) {
      return Errors.syntaxErrorAtEnd();
    }
    return Errors.syntaxErrorAt(bad.image);
  }
}
