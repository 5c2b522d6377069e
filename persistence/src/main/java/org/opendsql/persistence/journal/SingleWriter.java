package org.opendsql.persistence.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The journal's single-writer rule, applied by every store to each append before it writes.
 *
 * <p>A persistence id is held by the writer (a persistent actor incarnation, Pekko's {@code
 * writerUuid}) that appended its highest entry. An append of entries {@code s..e} of an id by
 * writer {@code W}:
 *
 * <ul>
 *   <li>continues the id ({@code s == highest + 1}): applied, and {@code W} holds the id;
 *   <li>lies wholly at or below the highest entry and {@code W} holds the id: a second copy of an
 *       append already applied (a replicated log's client re-sent it), skipped as a success;
 *   <li>anything else: a conflict, refused. This is how a new incarnation fences an old one: the
 *       new one recovered at {@code highest} and appends {@code highest + 1}; an old writer's late
 *       append at the same number either landed first (the new one's append is refused and it
 *       recovers again, now seeing it) or lands after and is refused, never silently dropped or
 *       reported as written.
 * </ul>
 *
 * <p>An append touching several ids is all or nothing: one verdict for the whole batch.
 */
public final class SingleWriter {
  private SingleWriter() {}

  /** What a store knows of an id: its highest seqNr (0 if none) and the writer that appended it. */
  public record Holder(long highest, String writer) {
    public static final Holder NONE = new Holder(0, "");

    /** The "highest" value stored for an id: seqNr (8 bytes) followed by the writer (UTF-8). */
    public byte[] encode() {
      byte[] w = writer.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(8 + w.length).putLong(highest).put(w).array();
    }

    public static Holder decode(byte[] value) {
      if (value == null) return NONE;
      return new Holder(ByteBuffer.wrap(value).getLong(), new String(value, 8, value.length - 8, StandardCharsets.UTF_8));
    }
  }

  public enum Outcome { APPLY, DUPLICATE, CONFLICT }

  /**
   * @param detail why a conflict was refused (empty otherwise)
   * @param holders the new holder of each id when the outcome is APPLY
   */
  public record Verdict(Outcome outcome, String detail, Map<String, Holder> holders) {}

  /** The verdict on {@code records}, given each id's current holder. */
  public static Verdict check(List<JournalRecord> records, Function<String, Holder> current) {
    Map<String, long[]> spans = new LinkedHashMap<>();
    Map<String, String> writers = new LinkedHashMap<>();
    for (JournalRecord r : records) {
      long[] span = spans.get(r.persistenceId());
      if (span == null) {
        spans.put(r.persistenceId(), new long[] {r.seqNr(), r.seqNr()});
        writers.put(r.persistenceId(), r.writer());
      } else if (r.seqNr() != span[1] + 1 || !r.writer().equals(writers.get(r.persistenceId()))) {
        return conflict(r.persistenceId() + ": entries of one append must be consecutive and of one writer");
      } else {
        span[1] = r.seqNr();
      }
    }
    Map<String, Holder> next = new LinkedHashMap<>();
    int duplicates = 0;
    for (Map.Entry<String, long[]> e : spans.entrySet()) {
      String pid = e.getKey();
      long from = e.getValue()[0];
      long to = e.getValue()[1];
      String writer = writers.get(pid);
      Holder holder = current.apply(pid);
      if (from == holder.highest() + 1) {
        next.put(pid, new Holder(to, writer));
      } else if (to <= holder.highest() && writer.equals(holder.writer())) {
        duplicates++;
      } else {
        return conflict(pid + ": append of " + from + ".." + to + " by another writer than the one at "
            + holder.highest());
      }
    }
    if (duplicates == 0) return new Verdict(Outcome.APPLY, "", next);
    if (next.isEmpty()) return new Verdict(Outcome.DUPLICATE, "", Map.of());
    return conflict("append mixes entries already written with new ones");
  }

  private static Verdict conflict(String detail) {
    return new Verdict(Outcome.CONFLICT, detail, Map.of());
  }
}
