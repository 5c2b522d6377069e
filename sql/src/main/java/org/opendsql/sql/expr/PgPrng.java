package org.opendsql.sql.expr;

import java.util.concurrent.ThreadLocalRandom;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgText;

/**
 * PostgreSQL 15's random() generator (pg_prng.c): xoroshiro128** seeded through splitmix64, so that
 * after {@code setseed(x)} a session draws the same sequence of random() values PostgreSQL does.
 * One per session; a new one starts from a random seed, as a new backend does.
 */
public final class PgPrng {
  private long s0;
  private long s1;

  public PgPrng() {
    seed(ThreadLocalRandom.current().nextLong());
  }

  /** setseed(x): x in [-1, 1], its sign and 52 fraction bits become the seed (pg_prng_fseed). */
  public void setSeed(double fseed) {
    if (fseed < -1 || fseed > 1 || Double.isNaN(fseed)) throw Errors.setseedOutOfRange(PgText.formatDouble(fseed));
    seed((long) (((double) ((1L << 52) - 1)) * fseed));
  }

  private void seed(long seed) {
    long[] state = {seed};
    s0 = splitmix64(state);
    s1 = splitmix64(state);
    if (s0 == 0 && s1 == 0) {
      s0 = 0x5851F42D4C957F2DL;
      s1 = 0x14057B7EF767814FL;
    }
  }

  private static long splitmix64(long[] state) {
    long val = state[0] += 0x9E3779B97F4A7C15L;
    val = (val ^ (val >>> 30)) * 0xBF58476D1CE4E5B9L;
    val = (val ^ (val >>> 27)) * 0x94D049BB133111EBL;
    return val ^ (val >>> 31);
  }

  private long next() {
    long a = s0;
    long sx = s1 ^ a;
    long val = Long.rotateLeft(a * 5, 7) * 9;
    s0 = Long.rotateLeft(a, 24) ^ sx ^ (sx << 16);
    s1 = Long.rotateLeft(sx, 37);
    return val;
  }

  /** random(): uniform in [0, 1) with 52 random bits (pg_prng_double). */
  public double nextDouble() {
    return Math.scalb((double) (next() >>> 12), -52);
  }
}
