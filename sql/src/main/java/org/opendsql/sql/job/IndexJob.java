package org.opendsql.sql.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One CREATE INDEX ASYNC job: which index of which table it fills and how it ended. Immutable; each
 * transition returns the next record, which the caller writes in the same transaction as the
 * change it records. Its progress and claim are a {@link JobProgress} of their own.
 *
 * <p>{@code cleanupPending}: the job failed or was cancelled and entries of its index may remain
 * (written by chunks that raced the DROP, or by the backfill before a duplicate was found); the
 * runner deletes them and then clears the flag. The index id is never given out again meanwhile
 * (see {@code TableDef.nextIndexId}), so deleting its key range cannot touch another index.
 */
public record IndexJob(String id, Status status, String table, long tableId, String index, long indexId,
    boolean unique, String details, long startMs, long updateMs, boolean cleanupPending) {
  private static final int FORMAT = 2;

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
    return new IndexJob(id, Status.SUBMITTED, table, tableId, index, indexId, unique, null, nowMs, nowMs, false);
  }

  public boolean finished() {
    return status.finished();
  }

  /** Whether a runner still has work on it: the backfill, or deleting a dropped build's entries. */
  public boolean needsRunner() {
    return !finished() || cleanupPending;
  }

  /** The first chunk ran: sys.jobs shows it processing. */
  public IndexJob started(long nowMs) {
    requireRunning();
    return new IndexJob(id, Status.PROCESSING, table, tableId, index, indexId, unique, details, startMs, nowMs, false);
  }

  /** The table was renamed (ALTER TABLE ... RENAME TO) while the job ran. */
  public IndexJob onTable(String newName) {
    return new IndexJob(id, status, newName, tableId, index, indexId, unique, details, startMs, updateMs, cleanupPending);
  }

  public IndexJob completed(long nowMs) {
    requireRunning();
    return new IndexJob(id, Status.COMPLETED, table, tableId, index, indexId, unique, null, startMs, nowMs, false);
  }

  /** A unique build met a duplicate: its index is gone, the entries written so far are left to clean up. */
  public IndexJob failed(String why, long nowMs) {
    requireRunning();
    return new IndexJob(id, Status.FAILED, table, tableId, index, indexId, unique, why, startMs, nowMs, true);
  }

  /** DROP INDEX, DROP TABLE or a dropped column during the build; a finished job stays as it ended. */
  public IndexJob cancelled(long nowMs) {
    if (finished()) return this;
    return new IndexJob(id, Status.CANCELLED, table, tableId, index, indexId, unique,
        "index dropped before the build finished", startMs, nowMs, true);
  }

  /** Every entry of the dropped build is deleted. */
  public IndexJob cleaned(long nowMs) {
    return new IndexJob(id, status, table, tableId, index, indexId, unique, details, startMs, nowMs, false);
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
      out.writeBoolean(details != null);
      if (details != null) out.writeUTF(details);
      out.writeLong(startMs);
      out.writeLong(updateMs);
      out.writeBoolean(cleanupPending);
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
      String details = in.readBoolean() ? in.readUTF() : null;
      return new IndexJob(id, status, table, tableId, index, indexId, unique, details, in.readLong(), in.readLong(),
          in.readBoolean());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
