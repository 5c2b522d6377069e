package org.opendsql.node.admin;

import java.util.ArrayList;
import java.util.List;

/** Rows under a header, columns padded to their widest cell, as psql prints them; numbers to the right. */
public final class TextTable {
  private final List<String> header;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  /** Column names; a name starting with '>' is right-aligned (the '>' is not shown). */
  public TextTable(String... columns) {
    header = new ArrayList<>(columns.length);
    right = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      right[i] = columns[i].startsWith(">");
      header.add(right[i] ? columns[i].substring(1) : columns[i]);
    }
  }

  public TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object c : cells) row.add(c == null ? "" : c.toString());
    rows.add(row);
    return this;
  }

  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
    for (List<String> r : rows) {
      for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      out.append(i == 0 ? " " : "| ").append(center(header.get(i), width[i])).append(' ');
    }
    out.append('\n');
    for (int i = 0; i < width.length; i++) out.append(i == 0 ? "" : "+").append("-".repeat(width[i] + 2));
    out.append('\n');
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? " " : "| ").append(right[i] ? pad + cell : cell + pad).append(' ');
      }
      // psql leaves no spaces after the last cell of a row.
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
    return out.toString();
  }

  private static String center(String s, int width) {
    int left = (width - s.length()) / 2;
    return " ".repeat(left) + s + " ".repeat(width - s.length() - left);
  }
}
