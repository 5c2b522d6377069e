package org.opendsql.storage.local;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.opendsql.core.range.RangeDesc;
import org.opendsql.core.time.Hlc;
import org.opendsql.persistence.storage.MvccStore;
import org.opendsql.storage.protocol.LocalJournalView;

/**
 * One replica's face to readers in its JVM. The replica (one thread at a time) publishes its
 * {@link View} and bumps the epoch before any store change that could take a version from a
 * reader; readers (any thread) call {@link #read}.
 */
public final class LocalReplica {
  /** What {@link #read} returns when the replica actor must answer instead. */
  public static final byte[] ASK_THE_REPLICA = new byte[0];
  /** At most this many sampled read keys wait for the replica to take them. */
  private static final int MAX_QUEUED_KEYS = 1024;
  /** One read in this many is sampled by key (the replica's own sample rate). */
  private static final int SAMPLE_EVERY = 8;

  /**
   * The replica's state as of the end of its last message.
   *
   * @param desc its range's bounds
   * @param serving it knows its range, installs nothing, replays nothing, and holds back no entry
   * @param closedTs reads at or below it are answered at once
   * @param appliedSeq per journal, the last entry applied to the store
   * @param gcHorizon versions below it may be gone
   * @param epoch the count of changes that may have removed versions, when this was published
   */
  public record View(RangeDesc desc, boolean serving, long closedTs, long[] appliedSeq, long gcHorizon, long epoch) {
    /**
     * Whether a read of {@code key} at {@code ts} may be answered from the store now: the gate
     * would serve it at once. The caller has moved the clock past {@code ts} when it passes
     * journals (a journal that is settled then can give no later batch a timestamp at or below it).
     */
    public boolean admits(long range, byte[] key, long ts, List<? extends LocalJournalView> journals) {
      if (!serving || ts < gcHorizon || !desc.contains(key)) return false;
      if (ts <= closedTs) return true;
      for (int j = 0; j < appliedSeq.length; j++) {
        LocalJournalView journal = journals.get(j);
        // A lease close to its end is renewed by the replica's own path: let it take this read.
        if (!journal.settledFor(range, appliedSeq[j], ts, key) || journal.renewalDue(ts)) return false;
      }
      return true;
    }
  }

  private final long range;
  private final int keySpace;
  private final MvccStore store;
  private final Hlc hlc;
  private final List<? extends LocalJournalView> journals;
  private final AtomicLong epoch = new AtomicLong();
  private volatile View view;
  private final LongAdder reads = new LongAdder();
  private final AtomicLong readTicks = new AtomicLong();
  private final ConcurrentLinkedQueue<byte[]> sampledKeys = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedKeys = new AtomicInteger();

  public LocalReplica(long range, int keySpace, MvccStore store, Hlc hlc, List<? extends LocalJournalView> journals) {
    this.range = range;
    this.keySpace = keySpace;
    this.store = store;
    this.hlc = hlc;
    this.journals = journals;
  }

  public long range() {
    return range;
  }

  /** The value of {@code key} at {@code ts} (null: none), or {@link #ASK_THE_REPLICA}. */
  public byte[] read(byte[] key, long ts) {
    View v = view;
    if (v == null) return ASK_THE_REPLICA;
    if (ts > v.closedTs()) hlc.update(ts);
    if (!v.admits(range, key, ts, journals)) return ASK_THE_REPLICA;
    byte[] value = store.get(keySpace, key, ts);
    // Data changed under the read (the epoch moves before the store does): the answer may lack a version.
    if (epoch.get() != v.epoch()) return ASK_THE_REPLICA;
    reads.increment();
    if (readTicks.incrementAndGet() % SAMPLE_EVERY == 0 && queuedKeys.get() < MAX_QUEUED_KEYS) {
      queuedKeys.incrementAndGet();
      sampledKeys.add(key);
    }
    return value;
  }

  // ------------------------------------------------------------------ the replica's side

  /** The current epoch, for the replica's next {@link View}. */
  public long epoch() {
    return epoch.get();
  }

  /** Before a store change that may remove versions a reader could be reading: readers discard what they read. */
  public void changingData() {
    epoch.incrementAndGet();
    View v = view;
    if (v != null && v.serving()) view = new View(v.desc(), false, v.closedTs(), v.appliedSeq(), v.gcHorizon(), v.epoch());
  }

  public void publish(View v) {
    view = v;
  }

  /** Reads served here since the last call, with the keys sampled among them. */
  public long takeReads(List<byte[]> keysOut) {
    for (byte[] k; (k = sampledKeys.poll()) != null; ) {
      queuedKeys.decrementAndGet();
      keysOut.add(k);
    }
    return reads.sumThenReset();
  }
}
