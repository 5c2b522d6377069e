package org.opendsql.sql.exec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;
import org.opendsql.sql.catalog.CatalogKeys;
import org.opendsql.sql.catalog.QualifiedNames;
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
 * <p>Expressions are evaluated synchronously and no thread may wait for the store, so a call that
 * needs it (a nextval past its reserved values, a setval, the first currval of a sequence)
 * throws a {@link Shortfall}: the session rolls the statement's writes back, lets the shortfall
 * do its store work asynchronously, and runs the statement again, which then finds what it needs
 * here. Each statement run numbers its setval calls, so a retried statement applies each once.
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

  /**
   * A sequence function needs the store: {@link #resolve} does that work without blocking, then
   * the statement runs again.
   */
  public static final class Shortfall extends RuntimeException {
    private final java.util.function.Supplier<CompletionStage<Void>> work;

    Shortfall(java.util.function.Supplier<CompletionStage<Void>> work) {
      super(null, null, false, false);
      this.work = work;
    }

    public CompletionStage<Void> resolve() {
      return work.get();
    }
  }

  private final KvStore kv;
  private final Map<String, Range> cached = new HashMap<>();
  private final Map<String, Long> current = new HashMap<>();
  /** Sequences known to exist (checked for a currval before any nextval of this session). */
  private final java.util.Set<String> known = new java.util.HashSet<>();
  /** The setval calls of the statement being run that are already done: their results in call order. */
  private final List<Long> setvalsDone = new java.util.ArrayList<>();
  private int setvalCalls;
  /** Values nextval gave the current run of the statement, per sequence, in order. */
  private final Map<String, java.util.ArrayDeque<Long>> handedOut = new HashMap<>();
  /** Values an abandoned run of the statement took: the next run takes them again, first. */
  private final Map<String, java.util.ArrayDeque<Long>> returned = new HashMap<>();
  /** How often this statement ran out of a sequence's values: each time, the next reservation doubles. */
  private final Map<String, Integer> shortfalls = new HashMap<>();
  private String lastUsed;
  private boolean readOnly;

  public Sequences(KvStore kv) {
    this.kv = kv;
  }

  /** Whether the statement about to run belongs to a read-only transaction, where nextval and setval fail. */
  public void readOnly(boolean ro) {
    this.readOnly = ro;
  }

  /** A statement starts (not a retry of it): none of its setval calls is done yet. */
  public void beginStatement() {
    setvalsDone.clear();
    setvalCalls = 0;
    handedOut.clear();
    returned.clear();
    shortfalls.clear();
  }

  /**
   * The statement runs again after a shortfall: its setval calls count from the first again, and
   * the values its abandoned run drew come back to it (nobody else can have them), so every run
   * gets further than the one before.
   */
  public void retryStatement() {
    setvalCalls = 0;
    handedOut.forEach((name, values) -> {
      java.util.ArrayDeque<Long> again = new java.util.ArrayDeque<>(values);
      java.util.ArrayDeque<Long> left = returned.get(name);
      if (left != null) again.addAll(left);
      returned.put(name, again);
    });
    handedOut.clear();
  }

  @Override
  public long nextval(String text) {
    if (readOnly) throw Errors.sequenceReadOnly("nextval");
    String name = relationName(text);
    java.util.ArrayDeque<Long> again = returned.get(name);
    long v;
    if (again != null && !again.isEmpty()) {
      v = again.poll();
    } else {
      Range r = cached.get(name);
      if (r == null || r.left == 0) {
        int times = shortfalls.merge(name, 1, Integer::sum);
        throw new Shortfall(() -> reserve(name, 0, times).thenAccept(range -> {
          cached.put(name, range);
          known.add(name);
        }));
      }
      v = r.next;
      r.left--;
      if (r.left > 0) r.next += r.increment;
    }
    handedOut.computeIfAbsent(name, k -> new java.util.ArrayDeque<>()).add(v);
    current.put(name, v);
    lastUsed = name;
    return v;
  }

  @Override
  public long currval(String text) {
    String name = relationName(text);
    Long v = current.get(name);
    if (v != null) return v;
    if (!known.contains(name)) {
      throw new Shortfall(() -> definition(name, kv.now()).thenAccept(def -> known.add(name)));
    }
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
    int call = setvalCalls++;
    if (call < setvalsDone.size()) {
      // As PostgreSQL: values this session had reserved are dropped, and currval follows only a called setval.
      cached.remove(name);
      if (isCalled) current.put(name, value);
      return setvalsDone.get(call);
    }
    throw new Shortfall(() -> store(name, value, isCalled, 0).thenAccept(v -> {
      known.add(name);
      setvalsDone.add(v);
    }));
  }

  private CompletionStage<Long> store(String name, long value, boolean isCalled, int attempt) {
    long ts = kv.now();
    return definition(name, ts).thenCompose(def -> {
      if (value < def.min() || value > def.max()) throw Errors.setvalOutOfBounds(value, name, def.min(), def.max());
      byte[] valueKey = CatalogKeys.sequenceValueKey(def.id());
      return commit(ts, valueKey, new SequenceState(value, isCalled), name, attempt).thenCompose(ok -> ok
          ? CompletableFuture.completedFuture(value) : store(name, value, isCalled, attempt + 1));
    });
  }

  /**
   * This session's own DDL changed or dropped the sequence: its reserved values go (as PostgreSQL
   * discards its own cache on ALTER SEQUENCE), and after a drop currval and lastval know it no more.
   */
  public void forget(String name, boolean dropped) {
    cached.remove(name);
    if (dropped) {
      current.remove(name);
      known.remove(name);
      if (name.equals(lastUsed)) lastUsed = null;
    }
  }

  /**
   * Reserves the sequence's CACHE values, doubled for each earlier shortfall of the statement
   * ({@code times} - 1 of them): a statement that draws many values from a CACHE 1 sequence runs
   * a logarithmic number of times, not once per value. Values reserved and not used are skipped,
   * as a session's unused cache is in PostgreSQL.
   */
  private CompletionStage<Range> reserve(String name, int attempt, int times) {
    long ts = kv.now();
    return definition(name, ts).thenCompose(def -> {
      byte[] valueKey = CatalogKeys.sequenceValueKey(def.id());
      long n = times <= 1 ? def.cache() : Math.min(def.cache() << Math.min(times - 1, 20), Math.max(def.cache(), 1L << 20));
      return kv.get(valueKey, ts).thenCompose(raw -> {
        SequenceDef.Reservation r = def.reserve(SequenceState.of(raw, def), n);
        return commit(ts, valueKey, r.after(), name, attempt).thenCompose(ok -> ok
            ? CompletableFuture.completedFuture(new Range(r.first(), r.count(), def.increment()))
            : reserve(name, attempt + 1, times));
      });
    });
  }

  /**
   * Writes the counter row; false when another transaction moved it (or changed the sequence)
   * after {@code ts}: the caller reads again. The definition is a schema key, so an ALTER or DROP
   * committed meanwhile is seen on the retry.
   */
  private CompletionStage<Boolean> commit(long ts, byte[] valueKey, SequenceState state, String name, int attempt) {
    return kv.commit(ts, List.of(new Write(valueKey, state.serialize())), List.of(), List.of(CatalogKeys.sequenceKey(name)))
        .handle((r, err) -> {
          if (err == null) return true;
          DbException e = DbException.of(err);
          if (e.state() != SqlState.SERIALIZATION_FAILURE || attempt + 1 >= MAX_ATTEMPTS) throw e;
          return false;
        });
  }

  /** The sequence's definition at {@code ts}; 42809 for a table, 42P01 for nothing. */
  private CompletionStage<SequenceDef> definition(String name, long ts) {
    String schema = QualifiedNames.schemaOf(name);
    return kv.getAll(List.of(CatalogKeys.sequenceKey(name), CatalogKeys.tableKey(name), CatalogKeys.schemaKey(schema)), ts).thenApply(found -> {
      if (found.get(0) != null) return SequenceDef.deserialize(found.get(0));
      if (found.get(1) != null) throw Errors.notASequence(name);
      if (!schema.equals(QualifiedNames.PUBLIC) && found.get(2) == null) throw Errors.undefinedSchema(schema);
      throw Errors.undefinedRelation(name);
    });
  }

  /**
   * A relation name as regclass input reads it: unquoted parts folded to lower case, quoted ones
   * verbatim, as the catalog keys it ({@code s.seq}; unqualified means public).
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
    return parts.size() == 2 ? QualifiedNames.canonical(parts.get(0) + "." + parts.get(1)) : parts.get(0);
  }
}
