package org.opendsql.sql.exec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.SequenceDef;
import org.opendsql.sql.catalog.SequenceState;
import org.opendsql.sql.expr.EvalContext;

/**
 * One session's sequence functions. nextval is non-transactional, as in PostgreSQL: it takes
 * values from the sequence's counter row in a small transaction of its own (read at {@code now},
 * write the advanced counter, retried on 40001), so a value is never handed out twice, whichever
 * session asks, and never handed out again when the asking transaction rolls back. With CACHE n
 * one such transaction reserves n values for this session, which later calls take without
 * touching the store; CACHE 1 costs one transaction per value.
 *
 * <p>Expressions are evaluated synchronously, so a nextval that needs the store waits for it on
 * the calling thread; only the first value of each cached range (every value with CACHE 1) does.
 */
public final class Sequences implements EvalContext.SequenceAccess {
  /** Each retry follows a commit of someone else's that moved the counter: this many means the store is unwell. */
  private static final int MAX_ATTEMPTS = 1000;

  /** Reserved values not yet handed out: {@code left} of them, from {@code next} by {@code increment}. */
  private static final class Range {
    long next;
    long left;
    final long increment;

    Range(long next, long left, long increment) {
      this.next = next;
      this.left = left;
      this.increment = increment;
    }
  }

  private final KvStore kv;
  private final Map<String, Range> cached = new HashMap<>();
  private final Map<String, Long> current = new HashMap<>();
  private String lastUsed;
  private boolean readOnly;

  public Sequences(KvStore kv) {
    this.kv = kv;
  }

  /** Whether the statement about to run belongs to a read-only transaction, where nextval and setval fail. */
  public void readOnly(boolean ro) {
    this.readOnly = ro;
  }

  @Override
  public long nextval(String text) {
    if (readOnly) throw Errors.sequenceReadOnly("nextval");
    String name = relationName(text);
    Range r = cached.get(name);
    if (r == null || r.left == 0) {
      r = reserve(name);
      cached.put(name, r);
    }
    long v = r.next;
    r.left--;
    if (r.left > 0) r.next += r.increment;
    current.put(name, v);
    lastUsed = name;
    return v;
  }

  @Override
  public long currval(String text) {
    String name = relationName(text);
    Long v = current.get(name);
    if (v != null) return v;
    definition(name, kv.now());
    throw Errors.currvalNotDefined(name);
  }

  @Override
  public long lastval() {
    if (lastUsed == null) throw Errors.lastvalNotDefined();
    return current.get(lastUsed);
  }

  @Override
  public long setval(String text, long value, boolean isCalled) {
    if (readOnly) throw Errors.sequenceReadOnly("setval");
    String name = relationName(text);
    for (int attempt = 0; ; attempt++) {
      long ts = kv.now();
      SequenceDef def = definition(name, ts);
      if (value < def.min() || value > def.max()) throw Errors.setvalOutOfBounds(value, name, def.min(), def.max());
      byte[] valueKey = CatalogKeys.sequenceValueKey(def.id());
      if (commit(ts, valueKey, new SequenceState(value, isCalled), name, attempt)) break;
    }
    // As PostgreSQL: values this session had reserved are dropped, and currval follows only a called setval.
    cached.remove(name);
    if (isCalled) current.put(name, value);
    return value;
  }

  /**
   * This session's own DDL changed or dropped the sequence: its reserved values go (as PostgreSQL
   * discards its own cache on ALTER SEQUENCE), and after a drop currval and lastval know it no more.
   */
  public void forget(String name, boolean dropped) {
    cached.remove(name);
    if (dropped) {
      current.remove(name);
      if (name.equals(lastUsed)) lastUsed = null;
    }
  }

  private Range reserve(String name) {
    for (int attempt = 0; ; attempt++) {
      long ts = kv.now();
      SequenceDef def = definition(name, ts);
      byte[] valueKey = CatalogKeys.sequenceValueKey(def.id());
      SequenceState state = SequenceState.of(join(kv.get(valueKey, ts)), def);
      SequenceDef.Reservation r = def.reserve(state, def.cache());
      if (commit(ts, valueKey, r.after(), name, attempt)) return new Range(r.first(), r.count(), def.increment());
    }
  }

  /**
   * Writes the counter row; false when another transaction moved it (or changed the sequence)
   * after {@code ts}: the caller reads again. The definition is a schema key, so an ALTER or DROP
   * committed meanwhile is seen on the retry.
   */
  private boolean commit(long ts, byte[] valueKey, SequenceState state, String name, int attempt) {
    try {
      join(kv.commit(ts, List.of(new Write(valueKey, state.serialize())), List.of(),
          List.of(CatalogKeys.sequenceKey(name))));
      return true;
    } catch (DbException e) {
      if (e.state() != SqlState.SERIALIZATION_FAILURE || attempt + 1 >= MAX_ATTEMPTS) throw e;
      return false;
    }
  }

  /** The sequence's definition at {@code ts}; 42809 for a table, 42P01 for nothing. */
  private SequenceDef definition(String name, long ts) {
    List<byte[]> found = join(kv.getAll(List.of(CatalogKeys.sequenceKey(name), CatalogKeys.tableKey(name)), ts));
    if (found.get(0) != null) return SequenceDef.deserialize(found.get(0));
    if (found.get(1) != null) throw Errors.notASequence(name);
    throw Errors.undefinedRelation(name);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (RuntimeException e) {
      throw DbException.of(e);
    }
  }

  /**
   * A relation name as regclass input reads it: unquoted parts folded to lower case, quoted ones
   * verbatim; a schema other than public does not exist.
   */
  public static String relationName(String text) {
    List<String> parts = new java.util.ArrayList<>();
    String s = text.strip();
    int i = 0;
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            part.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          part.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '.') {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(Character.toLowerCase(ch));
      }
      i++;
    }
    if (quoted || part.isEmpty()) throw Errors.invalidNameSyntax();
    parts.add(part.toString());
    if (parts.size() > 2) throw Errors.unsupported("cross-database references");
    if (parts.size() == 2 && !parts.get(0).equals("public")) throw Errors.undefinedSchema(parts.get(0));
    return parts.get(parts.size() - 1);
  }
}
