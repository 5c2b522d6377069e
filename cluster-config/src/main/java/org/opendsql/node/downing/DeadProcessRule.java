package org.opendsql.node.downing;

/**
 * Whether to down an unreachable member at once. Only a refused connection proves the process
 * gone (a paused process, a slow one or a partition answers a connect with a timeout, or
 * accepts it); and only a node on the majority side may act on it, so a node cut off from the
 * others never downs them.
 */
public final class DeadProcessRule {
  private DeadProcessRule() {}

  /** What a TCP connect to the member's cluster port did. */
  public enum Probe {
    REFUSED,
    ACCEPTED,
    NO_ANSWER
  }

  public static boolean downNow(Probe probe, boolean stillUnreachable, boolean selfHasMajority) {
    return probe == Probe.REFUSED && stillUnreachable && selfHasMajority;
  }
}
