package org.opendsql.qp.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.opendsql.core.kv.Write;

/**
 * How a transaction's write set and schema keys divide over the key ranges at commit: one part
 * per range it touches, in range order, and the coordinator, its lowest range (which decides
 * alone for a single-range transaction and collects the others' votes otherwise).
 *
 * @param coordinator the lowest range touched, or -1 when nothing is touched (nothing to decide)
 */
public record WriteSetSplit(int coordinator, List<Part> parts) {
  /** The writes and schema keys that fall in one range, in the order the transaction made them. */
  public record Part(int range, List<Write> writes, List<byte[]> schemaKeys) {}

  public static WriteSetSplit of(List<Write> writes, List<byte[]> schemaKeys, ToIntFunction<byte[]> rangeOf) {
    Map<Integer, List<Write>> byRange = new LinkedHashMap<>();
    Map<Integer, List<byte[]>> schemaByRange = new LinkedHashMap<>();
    for (Write w : writes) byRange.computeIfAbsent(rangeOf.applyAsInt(w.key()), r -> new ArrayList<>()).add(w);
    for (byte[] k : schemaKeys) schemaByRange.computeIfAbsent(rangeOf.applyAsInt(k), r -> new ArrayList<>()).add(k);
    TreeSet<Integer> ranges = new TreeSet<>(byRange.keySet());
    ranges.addAll(schemaByRange.keySet());
    List<Part> parts = new ArrayList<>(ranges.size());
    for (int r : ranges) {
      parts.add(new Part(r, byRange.getOrDefault(r, List.of()), schemaByRange.getOrDefault(r, List.of())));
    }
    return new WriteSetSplit(ranges.isEmpty() ? -1 : ranges.first(), parts);
  }
}
