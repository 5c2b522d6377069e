package org.opendsql.core.codec;

import java.util.Arrays;

/**
 * A growable byte buffer for encoding keys and rows. Unlike ByteArrayOutputStream its writes are
 * not synchronized: every key and row of every statement is built byte by byte here, and an
 * uncontended lock per byte showed in profiles of index scans.
 */
public final class ByteSink {
  private byte[] buf;
  private int size;

  public ByteSink(int capacity) {
    buf = new byte[Math.max(8, capacity)];
  }

  public ByteSink() {
    this(32);
  }

  public void write(int b) {
    if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
    buf[size++] = (byte) b;
  }

  public void writeBytes(byte[] b) {
    write(b, 0, b.length);
  }

  public void write(byte[] b, int off, int len) {
    if (size + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** Empties the buffer for the next value, keeping its capacity. */
  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
