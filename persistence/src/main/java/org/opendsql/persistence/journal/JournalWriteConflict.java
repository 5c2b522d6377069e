package org.opendsql.persistence.journal;

/**
 * An append refused by the {@link SingleWriter} rule: nothing of it was written. The writer has
 * been superseded (or raced a superseded one) and must recover before it writes again.
 */
public final class JournalWriteConflict extends IllegalStateException {
  public JournalWriteConflict(String detail) {
    super("journal write refused: " + detail);
  }
}
