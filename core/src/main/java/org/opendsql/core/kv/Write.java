package org.opendsql.core.kv;

/** One buffered write of a transaction: {@code value == null} deletes the key. */
public record Write(byte[] key, byte[] value) {
  public boolean isDelete() {
    return value == null;
  }

  public int size() {
    return key.length + (value == null ? 0 : value.length);
  }
}
