package org.opendsql.qp.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.opendsql.core.kv.Write;

/**
 * How a transaction's write set, locked keys and schema keys divide over the key ranges at commit:
 * one part per range it touches, in range order, and the coordinator, its lowest range (which
 * decides alone for a single-range transaction and collects the others' votes otherwise). A range
 * touched only by locked keys (rows selected FOR UPDATE) or schema keys takes part like any other:
 * only its adjudicator can check them.
 *
 * @param coordinator the lowest range id touched; meaningless when {@code parts} is empty (nothing to decide)
 */
public record WriteSetSplit(long coordinator, List<Part> parts) {
  /** The writes, locked keys and schema keys that fall in one range, each in the order given. */
  public record Part(long range, List<Write> writes, List<byte[]> lockedKeys, List<byte[]> schemaKeys) {}

  public static WriteSetSplit of(List<Write> writes, List<byte[]> lockedKeys, List<byte[]> schemaKeys,
      ToLongFunction<byte[]> rangeOf) {
    Map<Long, List<Write>> writesByRange = new LinkedHashMap<>();
    Map<Long, List<byte[]>> lockedByRange = new LinkedHashMap<>();
    Map<Long, List<byte[]>> schemaByRange = new LinkedHashMap<>();
    for (Write w : writes) writesByRange.computeIfAbsent(rangeOf.applyAsLong(w.key()), r -> new ArrayList<>()).add(w);
    for (byte[] k : lockedKeys) lockedByRange.computeIfAbsent(rangeOf.applyAsLong(k), r -> new ArrayList<>()).add(k);
    for (byte[] k : schemaKeys) schemaByRange.computeIfAbsent(rangeOf.applyAsLong(k), r -> new ArrayList<>()).add(k);
    TreeSet<Long> ranges = new TreeSet<>(writesByRange.keySet());
    ranges.addAll(lockedByRange.keySet());
    ranges.addAll(schemaByRange.keySet());
    List<Part> parts = new ArrayList<>(ranges.size());
    for (long r : ranges) {
      parts.add(new Part(r, writesByRange.getOrDefault(r, List.of()), lockedByRange.getOrDefault(r, List.of()),
          schemaByRange.getOrDefault(r, List.of())));
    }
    return new WriteSetSplit(ranges.isEmpty() ? -1 : ranges.first(), parts);
  }
}
