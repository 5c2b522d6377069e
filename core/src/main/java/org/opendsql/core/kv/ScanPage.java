package org.opendsql.core.kv;

import java.util.List;

/**
 * One page of a scan, in ascending unsigned key order. {@code more} says whether keys may remain
 * after the last entry: the caller resumes from the last key (exclusive).
 */
public record ScanPage(List<KvEntry> entries, boolean more) {}
