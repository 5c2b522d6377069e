package org.opendsql.sql.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opendsql.core.types.PgType;

/**
 * Parameter types of one statement: the client's declarations first, then what binding infers
 * from context ($1 compared with an integer column becomes integer). Mutable only while binding.
 */
public final class ParamTypes {
  private PgType[] types;
  private int used;

  public ParamTypes(int[] declaredOids) {
    int n = declaredOids == null ? 0 : declaredOids.length;
    types = new PgType[Math.max(n, 8)];
    for (int i = 0; i < n; i++) {
      types[i] = declaredOids[i] == 0 ? null : PgType.byOid(declaredOids[i]);
      if (types[i] == PgType.UNKNOWN) types[i] = null;
    }
    used = n;
  }

  public PgType get(int i) {
    return i < types.length ? types[i] : null;
  }

  /** Records {@code t} for parameter {@code i} unless it already has a type; returns its type. */
  public PgType infer(int i, PgType t) {
    touch(i);
    if (types[i] == null && t != null && t != PgType.UNKNOWN) types[i] = t;
    return types[i];
  }

  public void touch(int i) {
    if (i >= types.length) types = Arrays.copyOf(types, Math.max(i + 1, types.length * 2));
    used = Math.max(used, i + 1);
  }

  /** Unresolved parameters become text, as PostgreSQL does for an unknown that reaches output. */
  public List<PgType> finish() {
    List<PgType> out = new ArrayList<>(used);
    for (int i = 0; i < used; i++) {
      if (types[i] == null) types[i] = PgType.TEXT;
      out.add(types[i]);
    }
    return List.copyOf(out);
  }
}
