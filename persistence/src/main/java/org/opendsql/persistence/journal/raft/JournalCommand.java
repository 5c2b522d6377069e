package org.opendsql.persistence.journal.raft;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.opendsql.persistence.journal.JournalRecord;

/**
 * The commands carried in Raft log entries and read-only requests. The encoding is part of the
 * on-disk Raft log, so it may only be extended (new type bytes), never changed.
 */
sealed interface JournalCommand {
  byte APPEND = 1;
  byte DELETE = 2;
  byte SYNC = 3;
  /** An append whose records name their writer (type 1 predates writers and reads as writer ""). */
  byte APPEND_BY_WRITER = 4;

  /** One whole {@code JournalStore.append} call: one Raft entry, applied atomically. */
  record Append(List<JournalRecord> records) implements JournalCommand {}

  record Delete(String persistenceId, long toSeqNr) implements JournalCommand {}

  /** Read barrier: carries nothing, its reply only proves the local replica is caught up. */
  record Sync() implements JournalCommand {}

  static Message encode(JournalCommand command) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimateSize(command));
      DataOutputStream out = new DataOutputStream(bytes);
      if (command instanceof Append a) {
        out.writeByte(APPEND_BY_WRITER);
        out.writeInt(a.records().size());
        for (JournalRecord r : a.records()) {
          writeString(out, r.persistenceId());
          out.writeLong(r.seqNr());
          writeString(out, r.writer());
          out.writeInt(r.bytes().length);
          out.write(r.bytes());
        }
      } else if (command instanceof Delete d) {
        out.writeByte(DELETE);
        writeString(out, d.persistenceId());
        out.writeLong(d.toSeqNr());
      } else {
        out.writeByte(SYNC);
      }
      out.flush();
      // The array is never touched again, so wrapping it saves a copy of a possibly large batch.
      return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JournalCommand decode(ByteString content) throws IOException {
    ByteBuffer in = content.asReadOnlyByteBuffer();
    try {
      byte type = in.get();
      JournalCommand command;
      switch (type) {
        case APPEND, APPEND_BY_WRITER: {
          int n = in.getInt();
          if (n < 0) throw new IOException("negative record count " + n);
          List<JournalRecord> records = new ArrayList<>(Math.min(n, 4096));
          for (int i = 0; i < n; i++) {
            String pid = readString(in);
            long seqNr = in.getLong();
            String writer = type == APPEND_BY_WRITER ? readString(in) : "";
            records.add(new JournalRecord(pid, seqNr, writer, readBytes(in)));
          }
          command = new Append(records);
          break;
        }
        case DELETE:
          command = new Delete(readString(in), in.getLong());
          break;
        case SYNC:
          command = new Sync();
          break;
        default:
          throw new IOException("unknown journal command type " + type);
      }
      if (in.hasRemaining()) throw new IOException(in.remaining() + " trailing bytes after " + command);
      return command;
    } catch (BufferUnderflowException e) {
      throw new IOException("truncated journal command", e);
    }
  }

  /** Exact encoded size of an append, so an oversized batch is refused before it is built. */
  static long appendSize(List<JournalRecord> records) {
    long size = 1 + 4;
    for (JournalRecord r : records) {
      size += 4 + (long) r.persistenceId().getBytes(StandardCharsets.UTF_8).length + 8
          + 4 + r.writer().getBytes(StandardCharsets.UTF_8).length + 4 + r.bytes().length;
    }
    return size;
  }

  private static int estimateSize(JournalCommand command) {
    return command instanceof Append a ? (int) Math.min(Integer.MAX_VALUE - 16, appendSize(a.records())) : 64;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(ByteBuffer in) throws IOException {
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) throw new IOException("bad length " + len);
    byte[] b = new byte[len];
    in.get(b);
    return b;
  }

  private static String readString(ByteBuffer in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }
}
