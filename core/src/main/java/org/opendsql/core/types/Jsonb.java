package org.opendsql.core.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A jsonb value as PostgreSQL stores it: numbers are numerics (their text scale kept), an
 * object's keys are unique (the last of duplicates wins) and kept in jsonb's storage order,
 * shorter keys first, then by bytes. Equality is jsonb's: {@code 1.0} equals {@code 1}.
 */
public sealed interface Jsonb {
  /** jsonb_typeof's name of the value's kind. */
  String typeName();

  default boolean isScalar() {
    return !(this instanceof Arr) && !(this instanceof Obj);
  }

  /** JSON null (not SQL NULL). */
  enum Null implements Jsonb {
    NULL;

    public String typeName() { return "null"; }
  }

  record Bool(boolean value) implements Jsonb {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    public static Bool of(boolean b) {
      return b ? TRUE : FALSE;
    }

    public String typeName() { return "boolean"; }
  }

  record Num(BigDecimal value) implements Jsonb {
    public Num {
      if (value.scale() < 0) value = value.setScale(0);
    }

    public String typeName() { return "number"; }

    @Override
    public boolean equals(Object o) {
      return o instanceof Num n && n.value.compareTo(value) == 0;
    }

    @Override
    public int hashCode() {
      return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }
  }

  record Str(String value) implements Jsonb {
    public String typeName() { return "string"; }
  }

  record Arr(List<Jsonb> items) implements Jsonb {
    public Arr {
      items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public String typeName() { return "array"; }
  }

  /** An object; build it with {@link #of} so that keys are unique and in storage order. */
  record Obj(List<String> keys, List<Jsonb> values) implements Jsonb {
    public Obj {
      keys = Collections.unmodifiableList(new ArrayList<>(keys));
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static final Obj EMPTY = new Obj(List.of(), List.of());

    /** An object of these pairs in any order; of duplicate keys the last one's value stays. */
    public static Obj of(List<String> keys, List<Jsonb> values) {
      Integer[] order = new Integer[keys.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      // Stable: of equal keys the later stays later, and is the one kept.
      Arrays.sort(order, (a, b) -> compareKeys(keys.get(a), keys.get(b)));
      List<String> k = new ArrayList<>();
      List<Jsonb> v = new ArrayList<>();
      for (Integer i : order) {
        if (!k.isEmpty() && k.get(k.size() - 1).equals(keys.get(i))) {
          v.set(v.size() - 1, values.get(i));
        } else {
          k.add(keys.get(i));
          v.add(values.get(i));
        }
      }
      return new Obj(k, v);
    }

    public String typeName() { return "object"; }

    /** The value of {@code key}, or null when the object has no such key. */
    public Jsonb get(String key) {
      int lo = 0;
      int hi = keys.size() - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = compareKeys(keys.get(mid), key);
        if (c == 0) return values.get(mid);
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return null;
    }

    public int size() {
      return keys.size();
    }
  }

  /** jsonb's key storage order: by length in UTF-8 bytes, then bytewise. */
  static int compareKeys(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    if (x.length != y.length) return Integer.compare(x.length, y.length);
    return Arrays.compareUnsigned(x, y);
  }
}
