package org.opendsql.storage.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.opendsql.core.range.RangeDesc;

/**
 * What a replica keeps beside its data in the node's store: the range as it last applied it (its
 * bounds move only when it applies a split of its own range), and a hand-off per range split off
 * it: the interval and the journal positions at the split, which the split-off range's replicas
 * copy from (on this node without a network hop).
 */
public final class RangeRecords {
  private RangeRecords() {}

  /**
   * The data a split left here for range {@code child} (which commits to journal {@code journal}
   * and starts at generation {@code generation}): keys {@code at <= k < end} as of {@code positions}.
   */
  public record Handoff(long child, byte[] at, byte[] end, int journal, long generation, long[] positions,
      long gcHorizon) {
    /** The child range as the split made it: what a copy of this hand-off starts from. */
    public RangeDesc childDesc() {
      return new RangeDesc(child, at, end, journal, generation);
    }

    public boolean contains(byte[] key) {
      return java.util.Arrays.compareUnsigned(at, key) <= 0 && (end == null || java.util.Arrays.compareUnsigned(key, end) < 0);
    }
  }

  public static byte[] encode(RangeDesc d) {
    return write(out -> {
      out.writeLong(d.id());
      bytes(out, d.start());
      bytes(out, d.end());
      out.writeInt(d.journal());
      out.writeLong(d.generation());
    });
  }

  public static RangeDesc decodeRange(byte[] b) {
    if (b == null) return null;
    return read(b, in -> new RangeDesc(in.readLong(), bytes(in), bytes(in), in.readInt(), in.readLong()));
  }

  public static byte[] encode(Handoff h) {
    return write(out -> {
      out.writeLong(h.child());
      bytes(out, h.at());
      bytes(out, h.end());
      out.writeInt(h.journal());
      out.writeLong(h.generation());
      out.writeInt(h.positions().length);
      for (long p : h.positions()) out.writeLong(p);
      out.writeLong(h.gcHorizon());
    });
  }

  public static Handoff decodeHandoff(byte[] b) {
    return read(b, in -> {
      long child = in.readLong();
      byte[] at = bytes(in);
      byte[] end = bytes(in);
      int journal = in.readInt();
      long generation = in.readLong();
      long[] positions = new long[in.readInt()];
      for (int i = 0; i < positions.length; i++) positions[i] = in.readLong();
      return new Handoff(child, at, end, journal, generation, positions, in.readLong());
    });
  }

  /** A range id as a record name. */
  public static byte[] name(long id) {
    return java.nio.ByteBuffer.allocate(8).putLong(id).array();
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] b, Reader<T> r) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      return r.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) return null;
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
