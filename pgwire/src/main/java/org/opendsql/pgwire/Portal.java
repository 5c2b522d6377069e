package org.opendsql.pgwire;

import org.opendsql.core.session.Cursor;
import org.opendsql.core.session.Prepared;

/**
 * A bound statement. Execution starts lazily at the first Execute, and the cursor is kept
 * between Executes so a max-rows limit can suspend and later resume it.
 */
final class Portal {
  final Prepared statement;
  final Object[] params;
  /** One format code per result column. */
  final short[] resultFormats;
  Cursor cursor;
  /** Set once the cursor reported done; a later Execute repeats the completion. */
  String completedTag;

  Portal(Prepared statement, Object[] params, short[] resultFormats) {
    this.statement = statement;
    this.params = params;
    this.resultFormats = resultFormats;
  }

  void close() {
    Cursor c = cursor;
    cursor = null;
    if (c != null) c.close();
  }
}
