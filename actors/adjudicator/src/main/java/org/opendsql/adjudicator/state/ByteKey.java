package org.opendsql.adjudicator.state;

import java.util.Arrays;
import org.opendsql.core.codec.Bytes;

/** A byte[] with value equality, for hash maps keyed by encoded keys. */
record ByteKey(byte[] bytes) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Bytes.hash(bytes);
  }
}
