package org.opendsql.pgwire.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Damages one frame the ways a broken or hostile client would. */
public final class Mutator {
  /**
   * What a mutation may have done to the stream.
   *
   * @param breaksFraming the bytes after it may no longer start a frame
   * @param mayTerminate the result may be a Terminate (type 'X')
   */
  public record Effect(boolean breaksFraming, boolean mayTerminate) {}

  /** Lengths that are wrong in every interesting way: too short, negative, at and past limits. */
  private static final int[] LENGTHS = {0, 1, 3, 4, 7, 8, -1, -4, Integer.MIN_VALUE, Integer.MAX_VALUE,
      10_003, 10_004, 10_005, 65_539, 65_540, 1 << 20, 64 << 20, (64 << 20) + 1, 0x7FFF_FFF0, 0x0100_0000};

  private Mutator() {}

  /** Appends the mutated frame's bytes (one or more elements) to {@code out}. */
  public static Effect mutate(SplittableRandom r, Wire w, List<byte[]> out) {
    byte[] enc = w.encode();
    switch (r.nextInt(10)) {
      case 0: { // bit flips anywhere, header included
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) enc[r.nextInt(enc.length)] ^= (byte) (1 << r.nextInt(8));
        out.add(enc);
        return new Effect(true, !w.untyped());
      }
      case 1: { // body bytes replaced, the length kept honest
        byte[] body = w.body().clone();
        if (body.length > 0) {
          int n = 1 + r.nextInt(Math.min(4, body.length));
          for (int i = 0; i < n; i++) body[r.nextInt(body.length)] = (byte) r.nextInt(256);
        }
        out.add(w.withBody(body).encode());
        return new Effect(false, false);
      }
      case 2: { // body cut short, the length kept honest
        out.add(w.withBody(Arrays.copyOf(w.body(), r.nextInt(w.body().length + 1))).encode());
        return new Effect(false, false);
      }
      case 3: { // body grown with garbage, the length kept honest
        byte[] extra = Generators.bytes(r, 1 + r.nextInt(16));
        byte[] body = Arrays.copyOf(w.body(), w.body().length + extra.length);
        System.arraycopy(extra, 0, body, w.body().length, extra.length);
        out.add(w.withBody(body).encode());
        return new Effect(false, false);
      }
      case 4: // the length word is a lie
        out.add(w.withLength(LENGTHS[r.nextInt(LENGTHS.length)]).encode());
        return new Effect(true, false);
      case 5: // the length word is off by a little
        out.add(w.withLength(w.length() + r.nextInt(17) - 8).encode());
        return new Effect(true, false);
      case 6: // the frame is cut: what follows is read as its rest
        out.add(Arrays.copyOf(enc, r.nextInt(enc.length)));
        return new Effect(true, true);
      case 7: // duplicated
        out.add(enc);
        out.add(enc.clone());
        return new Effect(false, w.type() == 'X');
      case 8: // another type byte on the same body (for startup packets: another request code)
        if (w.untyped()) {
          byte[] b = enc.clone();
          b[4 + r.nextInt(4)] = (byte) r.nextInt(256);
          out.add(b);
          return new Effect(true, false);
        }
        char t = (char) r.nextInt(256);
        out.add(w.withType(t).encode());
        return new Effect(false, t == 'X');
      default: { // garbage between frames
        out.add(enc);
        out.add(Generators.bytes(r, 1 + r.nextInt(12)));
        return new Effect(true, true);
      }
    }
  }
}
