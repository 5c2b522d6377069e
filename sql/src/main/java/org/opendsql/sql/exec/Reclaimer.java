package org.opendsql.sql.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.opendsql.core.codec.Bytes;
import org.opendsql.core.kv.AsyncLoop;
import org.opendsql.core.kv.KvEntry;
import org.opendsql.core.kv.KvStore;
import org.opendsql.core.kv.Write;

/**
 * Deletes the rows of a table id no reader can reach any more, after the DDL that retired it
 * (DROP TABLE, TRUNCATE) committed: in ordinary transactions of at most {@link #BATCH} keys, so
 * the DDL itself writes one catalog row whatever the table's size and is bound by no row limit.
 *
 * <p>Safe because table ids are never reused and every transaction that writes a table names its
 * catalog row among its schema keys: once the DDL committed, a writer that still saw the old id
 * fails with OC001, so the old keys only ever shrink, and these deletions conflict with no one.
 * If the node stops first, the rest stays behind as unreachable garbage.
 */
public final class Reclaimer {
  private Reclaimer() {}

  static final int BATCH = 1000;

  public static CompletionStage<Void> reclaim(KvStore kv, List<byte[]> prefixes) {
    Iterator<byte[]> it = prefixes.iterator();
    return AsyncLoop.loop(() -> {
      if (!it.hasNext()) return CompletableFuture.completedFuture(false);
      byte[] prefix = it.next();
      return AsyncLoop.loop(() -> batch(kv, prefix)).thenApply(v -> true);
    });
  }

  /** Deletes the next batch under {@code prefix}; false once none is left. */
  private static CompletionStage<Boolean> batch(KvStore kv, byte[] prefix) {
    long ts = kv.now();
    return kv.openScan(prefix, false, Bytes.prefixEnd(prefix), ts).next(BATCH).thenCompose(page -> {
      if (page.entries().isEmpty()) return CompletableFuture.completedFuture(false);
      List<Write> deletes = new ArrayList<>(page.entries().size());
      for (KvEntry e : page.entries()) deletes.add(new Write(e.key(), null));
      return kv.commit(ts, deletes, List.of(), List.of()).thenApply(committed -> true);
    });
  }
}
