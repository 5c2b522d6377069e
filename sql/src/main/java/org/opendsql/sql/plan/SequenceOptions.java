package org.opendsql.sql.plan;

import java.util.List;
import java.util.Locale;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.PgType;
import org.opendsql.sql.catalog.SequenceDef;

/**
 * The options of CREATE SEQUENCE, ALTER SEQUENCE and an identity column's parenthesized list, and
 * how they make a definition: PostgreSQL's defaults and checks (sequence.c's init_params), plus
 * DSQL's rule that CACHE is given explicitly and is 1 or at least {@link #MIN_LARGE_CACHE}.
 */
public final class SequenceOptions {
  /** The smallest CACHE above 1 DSQL accepts: below it, a cache saves too few coordinations to pay for its gaps. */
  public static final long MIN_LARGE_CACHE = 65536;

  PgType as;
  Long increment;
  Long min;
  boolean noMin;
  Long max;
  boolean noMax;
  Long start;
  Long cache;
  Boolean cycle;
  /** RESTART: {@code restartWith} null restarts at START. */
  boolean restart;
  Long restartWith;
  /** OWNED BY: {@code {table, column}}, or an empty array for NONE; null when not given. */
  String[] ownedBy;

  public boolean restart() { return restart; }
  public String[] ownedBy() { return ownedBy; }

  /** Parses option words (lower-cased keywords, numbers with their sign); {@code alter} admits RESTART. */
  public static SequenceOptions parse(List<String> toks, boolean alter, boolean identity) {
    SequenceOptions o = new SequenceOptions();
    int[] i = {0};
    while (i[0] < toks.size()) {
      String w = toks.get(i[0]++).toLowerCase(Locale.ROOT);
      switch (w) {
        case "as" -> {
          if (o.as != null) throw Errors.conflictingOptions();
          String t = word(toks, i);
          o.as = switch (t) {
            case "smallint", "int2" -> PgType.INT2;
            case "integer", "int", "int4" -> PgType.INT4;
            case "bigint", "int8" -> PgType.INT8;
            default -> throw Errors.sequenceType(false);
          };
        }
        case "increment" -> {
          if (o.increment != null) throw Errors.conflictingOptions();
          skip(toks, i, "by");
          o.increment = number(toks, i);
        }
        case "minvalue" -> {
          if (o.min != null || o.noMin) throw Errors.conflictingOptions();
          o.min = number(toks, i);
        }
        case "maxvalue" -> {
          if (o.max != null || o.noMax) throw Errors.conflictingOptions();
          o.max = number(toks, i);
        }
        case "no" -> {
          String what = word(toks, i);
          switch (what) {
            case "minvalue" -> {
              if (o.min != null || o.noMin) throw Errors.conflictingOptions();
              o.noMin = true;
            }
            case "maxvalue" -> {
              if (o.max != null || o.noMax) throw Errors.conflictingOptions();
              o.noMax = true;
            }
            case "cycle" -> {
              if (o.cycle != null) throw Errors.conflictingOptions();
              o.cycle = false;
            }
            default -> throw Errors.syntaxErrorAt(what);
          }
        }
        case "cycle" -> {
          if (o.cycle != null) throw Errors.conflictingOptions();
          o.cycle = true;
        }
        case "start" -> {
          if (o.start != null) throw Errors.conflictingOptions();
          skip(toks, i, "with");
          o.start = number(toks, i);
        }
        case "cache" -> {
          if (o.cache != null) throw Errors.conflictingOptions();
          o.cache = number(toks, i);
        }
        case "restart" -> {
          if (!alter) throw Errors.syntaxErrorAt("restart");
          if (o.restart) throw Errors.conflictingOptions();
          o.restart = true;
          skip(toks, i, "with");
          if (i[0] < toks.size() && isNumber(toks.get(i[0]))) o.restartWith = number(toks, i);
        }
        case "owned" -> {
          if (identity) throw Errors.syntaxErrorAt("owned");
          if (o.ownedBy != null) throw Errors.conflictingOptions();
          if (i[0] >= toks.size() || !toks.get(i[0]).equalsIgnoreCase("by")) throw Errors.syntaxErrorAt(w);
          i[0]++;
          String target = i[0] < toks.size() ? toks.get(i[0]++) : null;
          if (target == null) throw Errors.syntaxErrorAtEnd();
          if (target.equalsIgnoreCase("none")) {
            o.ownedBy = new String[0];
          } else {
            int dot = target.indexOf('.');
            if (dot < 0) throw Errors.invalidOwnedBy();
            o.ownedBy = new String[] {target.substring(0, dot), target.substring(dot + 1)};
          }
        }
        case "sequence" -> throw Errors.unsupported("SEQUENCE NAME in identity options");
        case "logged", "unlogged" -> throw Errors.unsupported(w.toUpperCase(Locale.ROOT) + " sequences");
        default -> throw Errors.syntaxErrorAt(w);
      }
    }
    return o;
  }

  /** The definition CREATE SEQUENCE (or an identity column of type {@code identityType}) makes. */
  public SequenceDef create(long id, String name, PgType identityType) {
    if (identityType != null && as == null) as = identityType;
    PgType type = as == null ? PgType.INT8 : as;
    long inc = increment == null ? 1 : increment;
    if (inc == 0) throw Errors.sequenceIncrementZero();
    long maxv = max != null ? max : inc > 0 ? typeMax(type) : -1;
    long minv = min != null ? min : inc > 0 ? 1 : typeMin(type);
    return finish(id, name, type, inc, minv, maxv, cycle != null && cycle, null, null);
  }

  /** {@code old} with these options applied (ALTER SEQUENCE); RESTART is the caller's, on the counter row. */
  public SequenceDef alter(SequenceDef old) {
    PgType type = as == null ? old.type() : as;
    long inc = increment == null ? old.increment() : increment;
    if (inc == 0) throw Errors.sequenceIncrementZero();
    // As PostgreSQL: a bound that was the old type's limit follows the new type's.
    long maxv = max != null ? max : noMax || (as != null && old.max() == typeMax(old.type())) ? (inc > 0 ? typeMax(type) : -1)
        : old.max();
    long minv = min != null ? min : noMin || (as != null && old.min() == typeMin(old.type())) ? (inc > 0 ? 1 : typeMin(type))
        : old.min();
    boolean cyc = cycle == null ? old.cycle() : cycle;
    SequenceDef base = new SequenceDef(old.id(), old.name(), type, inc, minv, maxv, start == null ? old.start() : start,
        cache == null ? old.cache() : cache, cyc, old.ownerTable(), old.ownerColumn());
    return finish(base, true, cache != null);
  }

  private SequenceDef finish(long id, String name, PgType type, long inc, long minv, long maxv, boolean cyc,
      String ownerTable, String ownerColumn) {
    long st = start != null ? start : inc > 0 ? minv : maxv;
    if (cache == null) throw Errors.sequenceCacheRequired();
    return finish(new SequenceDef(id, name, type, inc, minv, maxv, st, cache, cyc, ownerTable, ownerColumn), true, true);
  }

  private SequenceDef finish(SequenceDef d, boolean checkStart, boolean checkCache) {
    if (d.max() > typeMax(d.type()) || d.max() < typeMin(d.type())) {
      throw Errors.sequenceBoundOutOfRange("MAXVALUE", d.max(), typeName(d.type()));
    }
    if (d.min() > typeMax(d.type()) || d.min() < typeMin(d.type())) {
      throw Errors.sequenceBoundOutOfRange("MINVALUE", d.min(), typeName(d.type()));
    }
    if (d.min() >= d.max()) throw Errors.sequenceMinNotBelowMax(d.min(), d.max());
    if (checkStart) {
      if (d.start() < d.min()) throw Errors.sequenceStartBelowMin("START", d.start(), d.min());
      if (d.start() > d.max()) throw Errors.sequenceStartAboveMax("START", d.start(), d.max());
    }
    if (restartWith != null) {
      if (restartWith < d.min()) throw Errors.sequenceStartBelowMin("RESTART", restartWith, d.min());
      if (restartWith > d.max()) throw Errors.sequenceStartAboveMax("RESTART", restartWith, d.max());
    }
    if (checkCache) {
      if (d.cache() <= 0) throw Errors.sequenceCacheNotPositive(d.cache());
      if (d.cache() != 1 && d.cache() < MIN_LARGE_CACHE) throw Errors.sequenceCacheNotSupported(d.cache());
    }
    return d;
  }

  /** The value RESTART sets the counter to (not yet handed out): RESTART WITH's, else the sequence's START. */
  public long restartValue(SequenceDef def) {
    return restartWith != null ? restartWith : def.start();
  }

  public static long typeMax(PgType t) {
    return t == PgType.INT2 ? Short.MAX_VALUE : t == PgType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }

  public static long typeMin(PgType t) {
    return t == PgType.INT2 ? Short.MIN_VALUE : t == PgType.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
  }

  private static String typeName(PgType t) {
    return t == PgType.INT2 ? "smallint" : t == PgType.INT4 ? "integer" : "bigint";
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || ((s.charAt(0) == '-' || s.charAt(0) == '+') && s.length() > 1));
  }

  private static long number(List<String> toks, int[] i) {
    if (i[0] >= toks.size()) throw Errors.syntaxErrorAtEnd();
    String s = toks.get(i[0]++);
    if (!isNumber(s)) throw Errors.syntaxErrorAt(s);
    try {
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      throw Errors.unsupported("sequence option values beyond bigint");
    }
  }

  private static String word(List<String> toks, int[] i) {
    if (i[0] >= toks.size()) throw Errors.syntaxErrorAtEnd();
    return toks.get(i[0]++).toLowerCase(Locale.ROOT);
  }

  private static void skip(List<String> toks, int[] i, String w) {
    if (i[0] < toks.size() && toks.get(i[0]).equalsIgnoreCase(w)) i[0]++;
  }
}
