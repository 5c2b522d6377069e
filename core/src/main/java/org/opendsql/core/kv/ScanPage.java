package org.opendsql.core.kv;

import java.util.List;

/**
 * One page of a scan, in ascending unsigned key order. {@code more} says whether keys may remain
 * after {@code resumeAfter}, the last key the page accounts for: the caller resumes after it
 * (exclusive). Without a filter that is the last entry's key; a filtered page may have examined
 * keys past its last entry, or return no entry at all and still have more.
 */
public record ScanPage(List<KvEntry> entries, boolean more, byte[] resumeAfter) {
  public ScanPage(List<KvEntry> entries, boolean more) {
    this(entries, more, entries.isEmpty() ? null : entries.get(entries.size() - 1).key());
  }
}
