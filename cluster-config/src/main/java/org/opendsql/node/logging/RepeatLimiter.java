package org.opendsql.node.logging;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides which repeats of one message template get through: the first {@code burst} in each
 * window, then nothing until the window ends; the first message of the next window carries the
 * count held back. Keys are templates, not rendered messages, so retries that differ only in a
 * counter or an index are one key. At most {@code maxKeys} templates are tracked (the table is
 * cleared when full: a burst of new templates then gets through, which is the safe side).
 */
public final class RepeatLimiter {
  /** Whether to log, and how many earlier repeats were held back since the last one logged. */
  public record Verdict(boolean log, long heldBack) {}

  private static final class Window {
    long start;
    int passed;
    long heldBack;
  }

  private final int burst;
  private final long windowNanos;
  private final int maxKeys;
  private final Map<String, Window> windows = new HashMap<>();

  public RepeatLimiter(int burst, long windowNanos, int maxKeys) {
    this.burst = burst;
    this.windowNanos = windowNanos;
    this.maxKeys = maxKeys;
  }

  public synchronized Verdict offer(String key, long nowNanos) {
    Window w = windows.get(key);
    if (w == null) {
      if (windows.size() >= maxKeys) windows.clear();
      w = new Window();
      w.start = nowNanos;
      windows.put(key, w);
    }
    if (nowNanos - w.start >= windowNanos) {
      long held = w.heldBack;
      w.start = nowNanos;
      w.passed = 1;
      w.heldBack = 0;
      return new Verdict(true, held);
    }
    if (w.passed < burst) {
      w.passed++;
      return new Verdict(true, 0);
    }
    w.heldBack++;
    return new Verdict(false, 0);
  }
}
