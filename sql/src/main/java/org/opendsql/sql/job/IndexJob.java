package org.opendsql.sql.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One CREATE INDEX ASYNC job: which index of which table it fills, how far it got and who runs it.
 * Immutable; each transition returns the next record, which the caller writes in the same
 * transaction as the work it records, so the record never claims more than is committed.
 *
 * <p>{@code resumeAfter}: the primary key of the last base row whose entry is committed (null: none
 * yet), so a node that takes the job over continues there. {@code owner} and {@code leaseUntilMs}:
 * the node running it; another node may claim it only once the lease has expired.
 */
public record IndexJob(String id, Status status, String table, long tableId, String index, long indexId,
    boolean unique, String details, long rowsProcessed, byte[] resumeAfter, String owner, long leaseUntilMs,
    long startMs, long updateMs) {
  private static final int FORMAT = 1;

  /** sys.jobs.status, as DSQL spells it. */
  public enum Status {
    SUBMITTED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
      return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
  }

  /** DSQL's job_type of an index build. */
  public static final String INDEX_BUILD = "INDEX_BUILD";

  /**
   * A job id from a cluster-unique number: lowercase letters and digits, as DSQL's job ids are
   * text (and never numbers a client could confuse with an OID).
   */
  public static String newId(long unique) {
    StringBuilder s = new StringBuilder(Long.toUnsignedString(unique, 36));
    while (s.length() < 13) s.insert(0, '0');
    return "j" + s;
  }

  public static IndexJob submitted(String id, String table, long tableId, String index, long indexId, boolean unique,
      long nowMs) {
    return new IndexJob(id, Status.SUBMITTED, table, tableId, index, indexId, unique, null, 0, null, null, 0, nowMs,
        nowMs);
  }

  public boolean finished() {
    return status.finished();
  }

  /** Whether {@code node} may run the job now: unfinished, and nobody else holds a live lease. */
  public boolean claimableBy(String node, long nowMs) {
    return !finished() && (owner == null || owner.equals(node) || leaseUntilMs <= nowMs);
  }

  /** {@code node} runs it until {@code nowMs + leaseMs}; progress so far is kept. */
  public IndexJob claimedBy(String node, long nowMs, long leaseMs) {
    if (!claimableBy(node, nowMs)) throw new IllegalStateException("job " + id + " is held by " + owner);
    return new IndexJob(id, Status.PROCESSING, table, tableId, index, indexId, unique, details, rowsProcessed,
        resumeAfter, node, nowMs + leaseMs, startMs, nowMs);
  }

  /** A chunk committed: {@code rows} more rows, the last one's key {@code lastKey}; the lease is renewed. */
  public IndexJob progressed(byte[] lastKey, long rows, long nowMs, long leaseMs) {
    requireRunning();
    return new IndexJob(id, Status.PROCESSING, table, tableId, index, indexId, unique, details, rowsProcessed + rows,
        lastKey == null ? resumeAfter : lastKey.clone(), owner, nowMs + leaseMs, startMs, nowMs);
  }

  /** The table got a new id (TRUNCATE): its rows are all new, so the backfill starts over. */
  public IndexJob restartedOn(long newTableId, long nowMs) {
    requireRunning();
    return new IndexJob(id, status, table, newTableId, index, indexId, unique, details, 0, null, owner, leaseUntilMs,
        startMs, nowMs);
  }

  /** The table was renamed (ALTER TABLE ... RENAME TO) while the job ran. */
  public IndexJob onTable(String newName) {
    return new IndexJob(id, status, newName, tableId, index, indexId, unique, details, rowsProcessed, resumeAfter, owner,
        leaseUntilMs, startMs, updateMs);
  }

  public IndexJob completed(long nowMs) {
    requireRunning();
    return finish(Status.COMPLETED, null, nowMs);
  }

  public IndexJob failed(String why, long nowMs) {
    requireRunning();
    return finish(Status.FAILED, why, nowMs);
  }

  /** DROP INDEX or DROP TABLE during the build; a finished job stays as it ended. */
  public IndexJob cancelled(long nowMs) {
    if (finished()) return this;
    return finish(Status.CANCELLED, "index dropped before the build finished", nowMs);
  }

  private IndexJob finish(Status s, String why, long nowMs) {
    return new IndexJob(id, s, table, tableId, index, indexId, unique, why, rowsProcessed, resumeAfter, null, 0,
        startMs, nowMs);
  }

  private void requireRunning() {
    if (finished()) throw new IllegalStateException("job " + id + " is " + status.sqlName());
  }

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeUTF(id);
      out.writeByte(status.ordinal());
      out.writeUTF(table);
      out.writeLong(tableId);
      out.writeUTF(index);
      out.writeLong(indexId);
      out.writeBoolean(unique);
      writeNullable(out, details);
      out.writeLong(rowsProcessed);
      out.writeInt(resumeAfter == null ? -1 : resumeAfter.length);
      if (resumeAfter != null) out.write(resumeAfter);
      writeNullable(out, owner);
      out.writeLong(leaseUntilMs);
      out.writeLong(startMs);
      out.writeLong(updateMs);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static IndexJob deserialize(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalArgumentException("unknown job format " + format);
      String id = in.readUTF();
      Status status = Status.values()[in.readByte()];
      String table = in.readUTF();
      long tableId = in.readLong();
      String index = in.readUTF();
      long indexId = in.readLong();
      boolean unique = in.readBoolean();
      String details = readNullable(in);
      long rows = in.readLong();
      int n = in.readInt();
      byte[] resume = null;
      if (n >= 0) {
        resume = new byte[n];
        in.readFully(resume);
      }
      String owner = readNullable(in);
      return new IndexJob(id, status, table, tableId, index, indexId, unique, details, rows, resume, owner,
          in.readLong(), in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) out.writeUTF(s);
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
