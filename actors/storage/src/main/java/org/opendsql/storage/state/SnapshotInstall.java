package org.opendsql.storage.state;

/**
 * A replica's copy of its range from elsewhere, taken when a journal no longer has the entries it
 * lacks: which peer is being asked, whether pages keep coming, and how many installs began (a WAL
 * sync started before the latest install must report nothing).
 *
 * <p>Invariants: while an install is under way the replica serves, applies and reports nothing;
 * peers are asked in turn (never itself), the next one when the current one refuses or falls
 * silent for the patience; a local copy is preferred when this node holds the range past the
 * truncation under another replica's key space.
 */
public final class SnapshotInstall {
  /** A replica to copy from: another replica of the range, or one of the range it was split from. */
  public record Source(long range, int replica) {}

  private final int replica;
  private final long patienceNanos;
  private final long retryAfterRefusalNanos;
  private final long noPeerErrorEveryNanos;
  private int nextSource;
  private long generation;
  private Transfer current;
  private long lastNoPeerError;
  private boolean noPeerErrorEver;

  /** An install from a peer in progress. */
  public static final class Transfer {
    private final long transferId;
    private final Source peer;
    private long lastHeardNanos;
    private long versions;

    Transfer(long transferId, Source peer, long nowNanos) {
      this.transferId = transferId;
      this.peer = peer;
      this.lastHeardNanos = nowNanos;
    }

    public long transferId() {
      return transferId;
    }

    public Source peer() {
      return peer;
    }

    public long versions() {
      return versions;
    }
  }

  /**
   * @param replica this replica's index in its range
   * @param retryAfterRefusalNanos how soon, after a peer refused, the next one is asked
   */
  public SnapshotInstall(int replica, long patienceNanos, long retryAfterRefusalNanos, long noPeerErrorEveryNanos) {
    this.replica = replica;
    this.patienceNanos = patienceNanos;
    this.retryAfterRefusalNanos = retryAfterRefusalNanos;
    this.noPeerErrorEveryNanos = noPeerErrorEveryNanos;
    this.nextSource = replica;
  }

  public boolean installing() {
    return current != null;
  }

  public Transfer current() {
    return current;
  }

  /** Installs begun so far, local copies included. */
  public long generation() {
    return generation;
  }

  /**
   * Among this node's copies of the range (key spaces of its other replicas, hand-offs of the range
   * it was split from), the one to copy from: the furthest along, and only if it holds every entry
   * before {@code firstRetained} (else -1).
   *
   * @param positions the position each candidate copy holds
   */
  public int localSource(long[] positions, long firstRetained) {
    int best = -1;
    long bestPosition = firstRetained - 2;
    for (int k = 0; k < positions.length; k++) {
      if (positions[k] > bestPosition) {
        best = k;
        bestPosition = positions[k];
      }
    }
    return best;
  }

  /** A local copy is being made (synchronously): it counts as an install for WAL-sync reports. */
  public void localCopyStarted() {
    generation++;
  }

  /**
   * Starts (or restarts, with the next source) an install and returns it; null when there is no
   * source to ask. {@code sources} are asked in turn across calls (the list may change between
   * calls, as the directory learns where the range came from).
   */
  public Transfer startFromPeer(long transferId, long nowNanos, java.util.List<Source> sources) {
    if (sources.isEmpty()) return null;
    Source peer = sources.get(Math.floorMod(nextSource, sources.size()));
    nextSource++;
    current = new Transfer(transferId, peer, nowNanos);
    generation++;
    return current;
  }

  /** With no peer to copy from, whether the error is due to be logged again (not every tick). */
  public boolean noPeerErrorDue(long nowNanos) {
    if (noPeerErrorEver && nowNanos - lastNoPeerError <= noPeerErrorEveryNanos) return false;
    noPeerErrorEver = true;
    lastNoPeerError = nowNanos;
    return true;
  }

  /** Whether a page with this transfer id belongs to the install under way. */
  public boolean accepts(long transferId) {
    return current != null && current.transferId == transferId;
  }

  /** The peer refused (it is catching up itself): the next one is asked soon. */
  public void refused(long nowNanos) {
    current.lastHeardNanos = nowNanos - patienceNanos + retryAfterRefusalNanos;
  }

  public void pageInstalled(int versions, long nowNanos) {
    current.lastHeardNanos = nowNanos;
    current.versions += versions;
  }

  /** No page for longer than the patience: another peer should be asked. */
  public boolean stalled(long nowNanos) {
    return current != null && nowNanos - current.lastHeardNanos > patienceNanos;
  }

  /** The last page and the positions are in. */
  public void finished() {
    current = null;
  }
}
