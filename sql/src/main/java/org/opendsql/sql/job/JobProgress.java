package org.opendsql.sql.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How far a job's backfill got and who runs it: kept under its own key, beside the job record,
 * because every chunk writes it. The job record itself is written only by DDL (submit, cancel,
 * rename) and by the transitions that end a job, and a chunk only reads it (a schema key), so a
 * DROP INDEX never loses a conflict to a backfill that commits chunk after chunk; a chunk that
 * raced the DROP fails instead and sees the job cancelled.
 *
 * <p>{@code resumeAfter}: the primary key of the last base row whose entry is committed (null:
 * none yet), in table {@code tableId} (TRUNCATE gives the table a new id and the backfill starts
 * over). {@code owner}, {@code leaseUntilMs}: the node running the job; another node may take it
 * over only once the lease has expired, and continues from {@code resumeAfter}.
 */
public record JobProgress(long tableId, byte[] resumeAfter, long rowsProcessed, String owner, long leaseUntilMs) {
  private static final int FORMAT = 1;

  /** Before the first chunk: nobody holds the job. */
  public static JobProgress initial(long tableId) {
    return new JobProgress(tableId, null, 0, null, 0);
  }

  /** Whether {@code node} may run the job now: nobody else holds a live lease on it. */
  public boolean claimableBy(String node, long nowMs) {
    return owner == null || owner.equals(node) || leaseUntilMs <= nowMs;
  }

  /** {@code node} runs it until {@code nowMs + leaseMs}; what was done so far is kept. */
  public JobProgress claimedBy(String node, long nowMs, long leaseMs) {
    if (!claimableBy(node, nowMs)) throw new IllegalStateException("job held by " + owner);
    return new JobProgress(tableId, resumeAfter, rowsProcessed, node, nowMs + leaseMs);
  }

  /** A chunk of {@code rows} rows committed, the last one's key {@code lastKey} (null: none read). */
  public JobProgress progressed(byte[] lastKey, long rows) {
    return new JobProgress(tableId, lastKey == null ? resumeAfter : lastKey.clone(), rowsProcessed + rows, owner,
        leaseUntilMs);
  }

  /** The table got a new id (TRUNCATE): its rows are all new, so the backfill starts over. */
  public JobProgress restartedOn(long newTableId) {
    return new JobProgress(newTableId, null, 0, owner, leaseUntilMs);
  }

  public byte[] serialize() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(tableId);
      out.writeInt(resumeAfter == null ? -1 : resumeAfter.length);
      if (resumeAfter != null) out.write(resumeAfter);
      out.writeLong(rowsProcessed);
      out.writeBoolean(owner != null);
      if (owner != null) out.writeUTF(owner);
      out.writeLong(leaseUntilMs);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JobProgress deserialize(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      int format = in.readByte();
      if (format != FORMAT) throw new IllegalArgumentException("unknown job progress format " + format);
      long tableId = in.readLong();
      int n = in.readInt();
      byte[] resume = null;
      if (n >= 0) {
        resume = new byte[n];
        in.readFully(resume);
      }
      long rows = in.readLong();
      String owner = in.readBoolean() ? in.readUTF() : null;
      return new JobProgress(tableId, resume, rows, owner, in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
