package org.opendsql.sql.plan;

import static org.opendsql.core.types.PgType.BOOL;
import static org.opendsql.core.types.PgType.BYTEA;
import static org.opendsql.core.types.PgType.FLOAT4;
import static org.opendsql.core.types.PgType.FLOAT8;
import static org.opendsql.core.types.PgType.INT2;
import static org.opendsql.core.types.PgType.INT4;
import static org.opendsql.core.types.PgType.INT8;
import static org.opendsql.core.types.PgType.NAME;
import static org.opendsql.core.types.PgType.NUMERIC;
import static org.opendsql.core.types.PgType.TEXT;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.types.NumericSpecial;
import org.opendsql.core.types.PgText;
import org.opendsql.core.types.PgInterval;
import org.opendsql.core.types.PgTemporal;
import org.opendsql.core.types.PgType;
import org.opendsql.core.types.TimeZones;
import org.opendsql.sql.expr.DateTimeArith;
import org.opendsql.sql.expr.EvalContext;
import org.opendsql.sql.expr.ByteFunctions;
import org.opendsql.sql.expr.CatalogFunctions;
import org.opendsql.sql.expr.Expr;
import org.opendsql.sql.expr.DateTimeFunctions;
import org.opendsql.sql.expr.Exprs;
import org.opendsql.sql.expr.MathFunctions;
import org.opendsql.sql.expr.NumericSpecials;
import org.opendsql.sql.expr.StringFunctions;
import org.opendsql.sql.expr.Trig;
import org.opendsql.sql.parse.OperatorSyntax;
import org.opendsql.sql.expr.Values;

/**
 * The scalar function library: PostgreSQL's names, overloads and result types. A call resolves
 * like PostgreSQL's func_select_candidate, reduced to the types this engine has: candidates the
 * arguments reach by implicit casts, then the most exact matches, then preferred types (double
 * precision, text) where a cast is needed, then text for untyped literals.
 */
final class Functions {
  private Functions() {}

  /** An implementation over argument values already converted to the signature's types. */
  @FunctionalInterface
  interface Impl {
    Object apply(Object[] a);
  }

  /** An implementation that also reads the session: its time zone, the transaction's time. */
  @FunctionalInterface
  interface CtxImpl {
    Object apply(Object[] a, EvalContext c);
  }

  private record Sig(PgType[] params, PgType result, boolean strict, boolean volatile_, Impl impl, CtxImpl ctxImpl) {}

  private static final Map<String, List<Sig>> REGISTRY = new HashMap<>();

  private static void def(String name, PgType result, Impl impl, PgType... params) {
    REGISTRY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(params, result, true, false, impl, null));
  }

  private static void defCtx(String name, PgType result, CtxImpl impl, PgType... params) {
    REGISTRY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(params, result, true, false, null, impl));
  }

  /** A function that is called with NULL arguments too (PostgreSQL's non-strict ones). */
  private static void defNonStrict(String name, PgType result, Impl impl, PgType... params) {
    REGISTRY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(params, result, false, false, impl, null));
  }

  private static void defVolatile(String name, PgType result, Impl impl, PgType... params) {
    REGISTRY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(params, result, true, true, impl, null));
  }

  private static void defCtxVolatile(String name, PgType result, CtxImpl impl, PgType... params) {
    REGISTRY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sig(params, result, true, true, null, impl));
  }

  private static void alias(String name, String existing) {
    REGISTRY.put(name, REGISTRY.get(existing));
  }

  private static BigDecimal big(Object o) {
    return (BigDecimal) o;
  }

  private static double dbl(Object o) {
    return ((Number) o).doubleValue();
  }

  private static long lng(Object o) {
    return ((Number) o).longValue();
  }

  private static int intg(Object o) {
    return ((Number) o).intValue();
  }

  private static String str(Object o) {
    return (String) o;
  }

  static {
    // ---- math
    def("abs", INT2, a -> Values.fitInteger(Math.abs(lng(a[0])), INT2), INT2);
    def("abs", INT4, a -> Values.fitInteger(Math.abs(lng(a[0])), INT4), INT4);
    def("abs", INT8, a -> {
      if (lng(a[0]) == Long.MIN_VALUE) throw Values.outOfRange(INT8);
      return Math.abs(lng(a[0]));
    }, INT8);
    def("abs", NUMERIC, a -> big(a[0]).abs(), NUMERIC);
    def("abs", FLOAT4, a -> Math.abs((Float) a[0]), FLOAT4);
    def("abs", FLOAT8, a -> Math.abs(dbl(a[0])), FLOAT8);
    def("round", FLOAT8, a -> Math.rint(dbl(a[0])), FLOAT8);
    def("round", NUMERIC, a -> MathFunctions.round(big(a[0]), 0), NUMERIC);
    def("round", NUMERIC, a -> MathFunctions.round(big(a[0]), intg(a[1])), NUMERIC, INT4);
    def("trunc", FLOAT8, a -> MathFunctions.trunc(dbl(a[0])), FLOAT8);
    def("trunc", NUMERIC, a -> MathFunctions.trunc(big(a[0]), 0), NUMERIC);
    def("trunc", NUMERIC, a -> MathFunctions.trunc(big(a[0]), intg(a[1])), NUMERIC, INT4);
    def("ceil", FLOAT8, a -> Math.ceil(dbl(a[0])), FLOAT8);
    def("ceil", NUMERIC, a -> MathFunctions.ceil(big(a[0])), NUMERIC);
    alias("ceiling", "ceil");
    def("floor", FLOAT8, a -> Math.floor(dbl(a[0])), FLOAT8);
    def("floor", NUMERIC, a -> MathFunctions.floor(big(a[0])), NUMERIC);
    def("sign", FLOAT8, a -> MathFunctions.sign(dbl(a[0])), FLOAT8);
    def("sign", NUMERIC, a -> MathFunctions.sign(big(a[0])), NUMERIC);
    def("mod", INT2, a -> (short) MathFunctions.mod(lng(a[0]), lng(a[1])), INT2, INT2);
    def("mod", INT4, a -> (int) MathFunctions.mod(lng(a[0]), lng(a[1])), INT4, INT4);
    def("mod", INT8, a -> MathFunctions.mod(lng(a[0]), lng(a[1])), INT8, INT8);
    def("mod", NUMERIC, a -> MathFunctions.mod(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    def("div", NUMERIC, a -> MathFunctions.div(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    def("power", FLOAT8, a -> MathFunctions.power(dbl(a[0]), dbl(a[1])), FLOAT8, FLOAT8);
    def("power", NUMERIC, a -> MathFunctions.power(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    alias("pow", "power");
    def("sqrt", FLOAT8, a -> MathFunctions.sqrt(dbl(a[0])), FLOAT8);
    def("sqrt", NUMERIC, a -> MathFunctions.sqrt(big(a[0])), NUMERIC);
    def("cbrt", FLOAT8, a -> MathFunctions.cbrt(dbl(a[0])), FLOAT8);
    def(OperatorSyntax.SQRT, FLOAT8, a -> MathFunctions.sqrt(dbl(a[0])), FLOAT8);
    def(OperatorSyntax.CBRT, FLOAT8, a -> MathFunctions.cbrt(dbl(a[0])), FLOAT8);
    def("exp", FLOAT8, a -> MathFunctions.exp(dbl(a[0])), FLOAT8);
    def("exp", NUMERIC, a -> MathFunctions.exp(big(a[0])), NUMERIC);
    def("ln", FLOAT8, a -> MathFunctions.ln(dbl(a[0])), FLOAT8);
    def("ln", NUMERIC, a -> MathFunctions.ln(big(a[0])), NUMERIC);
    def("log", FLOAT8, a -> MathFunctions.log10(dbl(a[0])), FLOAT8);
    def("log", NUMERIC, a -> MathFunctions.log(BigDecimal.TEN, big(a[0])), NUMERIC);
    def("log", NUMERIC, a -> MathFunctions.log(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    def("log10", FLOAT8, a -> MathFunctions.log10(dbl(a[0])), FLOAT8);
    def("log10", NUMERIC, a -> MathFunctions.log(BigDecimal.TEN, big(a[0])), NUMERIC);
    def("pi", FLOAT8, a -> Math.PI);
    def("degrees", FLOAT8, a -> Trig.degrees(dbl(a[0])), FLOAT8);
    def("radians", FLOAT8, a -> Trig.radians(dbl(a[0])), FLOAT8);
    def("sin", FLOAT8, a -> Trig.sin(dbl(a[0])), FLOAT8);
    def("cos", FLOAT8, a -> Trig.cos(dbl(a[0])), FLOAT8);
    def("tan", FLOAT8, a -> Trig.tan(dbl(a[0])), FLOAT8);
    def("cot", FLOAT8, a -> Trig.cot(dbl(a[0])), FLOAT8);
    def("asin", FLOAT8, a -> Trig.asin(dbl(a[0])), FLOAT8);
    def("acos", FLOAT8, a -> Trig.acos(dbl(a[0])), FLOAT8);
    def("atan", FLOAT8, a -> Trig.atan(dbl(a[0])), FLOAT8);
    def("atan2", FLOAT8, a -> Trig.atan2(dbl(a[0]), dbl(a[1])), FLOAT8, FLOAT8);
    def("sind", FLOAT8, a -> Trig.sind(dbl(a[0])), FLOAT8);
    def("cosd", FLOAT8, a -> Trig.cosd(dbl(a[0])), FLOAT8);
    def("tand", FLOAT8, a -> Trig.tand(dbl(a[0])), FLOAT8);
    def("cotd", FLOAT8, a -> Trig.cotd(dbl(a[0])), FLOAT8);
    def("asind", FLOAT8, a -> Trig.asind(dbl(a[0])), FLOAT8);
    def("acosd", FLOAT8, a -> Trig.acosd(dbl(a[0])), FLOAT8);
    def("atand", FLOAT8, a -> Trig.atand(dbl(a[0])), FLOAT8);
    def("atan2d", FLOAT8, a -> Trig.atan2d(dbl(a[0]), dbl(a[1])), FLOAT8, FLOAT8);
    def("sinh", FLOAT8, a -> Trig.sinh(dbl(a[0])), FLOAT8);
    def("cosh", FLOAT8, a -> Trig.cosh(dbl(a[0])), FLOAT8);
    def("tanh", FLOAT8, a -> Trig.tanh(dbl(a[0])), FLOAT8);
    def("asinh", FLOAT8, a -> Trig.asinh(dbl(a[0])), FLOAT8);
    def("acosh", FLOAT8, a -> Trig.acosh(dbl(a[0])), FLOAT8);
    def("atanh", FLOAT8, a -> Trig.atanh(dbl(a[0])), FLOAT8);
    def("gcd", INT4, a -> (int) MathFunctions.gcd(lng(a[0]), lng(a[1]), INT4), INT4, INT4);
    def("gcd", INT8, a -> MathFunctions.gcd(lng(a[0]), lng(a[1]), INT8), INT8, INT8);
    def("gcd", NUMERIC, a -> MathFunctions.gcd(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    def("lcm", INT4, a -> (int) MathFunctions.lcm(lng(a[0]), lng(a[1]), INT4), INT4, INT4);
    def("lcm", INT8, a -> MathFunctions.lcm(lng(a[0]), lng(a[1]), INT8), INT8, INT8);
    def("lcm", NUMERIC, a -> MathFunctions.lcm(big(a[0]), big(a[1])), NUMERIC, NUMERIC);
    def("factorial", NUMERIC, a -> MathFunctions.factorial(lng(a[0])), INT8);
    def("scale", INT4, a -> big(a[0]).scale(), NUMERIC);
    def("min_scale", INT4, a -> MathFunctions.minScale(big(a[0])), NUMERIC);
    def("trim_scale", NUMERIC, a -> MathFunctions.trimScale(big(a[0])), NUMERIC);
    def("width_bucket", INT4, a -> MathFunctions.widthBucket(big(a[0]), big(a[1]), big(a[2]), intg(a[3])),
        NUMERIC, NUMERIC, NUMERIC, INT4);
    def("width_bucket", INT4, a -> MathFunctions.widthBucket(Values.toBig((Number) a[0]), Values.toBig((Number) a[1]),
        Values.toBig((Number) a[2]), intg(a[3])), FLOAT8, FLOAT8, FLOAT8, INT4);

    // ---- strings
    def("length", INT4, a -> StringFunctions.length(str(a[0])), TEXT);
    def("length", INT4, a -> ((byte[]) a[0]).length, BYTEA);
    def("char_length", INT4, a -> StringFunctions.length(str(a[0])), TEXT);
    alias("character_length", "char_length");
    def("octet_length", INT4, a -> StringFunctions.octetLength(str(a[0])), TEXT);
    def("octet_length", INT4, a -> ((byte[]) a[0]).length, BYTEA);
    def("bit_length", INT4, a -> StringFunctions.octetLength(str(a[0])) * 8, TEXT);
    def("bit_length", INT4, a -> ((byte[]) a[0]).length * 8, BYTEA);
    def("lower", TEXT, a -> StringFunctions.lower(str(a[0])), TEXT);
    def("upper", TEXT, a -> StringFunctions.upper(str(a[0])), TEXT);
    def("initcap", TEXT, a -> StringFunctions.initcap(str(a[0])), TEXT);
    def("substring", TEXT, a -> StringFunctions.substring(str(a[0]), lng(a[1]), lng(a[2])), TEXT, INT4, INT4);
    def("substring", TEXT, a -> StringFunctions.substring(str(a[0]), lng(a[1])), TEXT, INT4);
    def("substring", TEXT, a -> StringFunctions.substringRegex(str(a[0]), str(a[1])), TEXT, TEXT);
    def("substr", TEXT, a -> StringFunctions.substring(str(a[0]), lng(a[1]), lng(a[2])), TEXT, INT4, INT4);
    def("substr", TEXT, a -> StringFunctions.substring(str(a[0]), lng(a[1])), TEXT, INT4);
    def("strpos", INT4, a -> StringFunctions.strpos(str(a[0]), str(a[1])), TEXT, TEXT);
    def("position", INT4, a -> StringFunctions.strpos(str(a[0]), str(a[1])), TEXT, TEXT);
    def("btrim", TEXT, a -> StringFunctions.btrim(str(a[0]), " "), TEXT);
    def("btrim", TEXT, a -> StringFunctions.btrim(str(a[0]), str(a[1])), TEXT, TEXT);
    def("ltrim", TEXT, a -> StringFunctions.ltrim(str(a[0]), " "), TEXT);
    def("ltrim", TEXT, a -> StringFunctions.ltrim(str(a[0]), str(a[1])), TEXT, TEXT);
    def("rtrim", TEXT, a -> StringFunctions.rtrim(str(a[0]), " "), TEXT);
    def("rtrim", TEXT, a -> StringFunctions.rtrim(str(a[0]), str(a[1])), TEXT, TEXT);
    def("replace", TEXT, a -> StringFunctions.replace(str(a[0]), str(a[1]), str(a[2])), TEXT, TEXT, TEXT);
    def("left", TEXT, a -> StringFunctions.left(str(a[0]), lng(a[1])), TEXT, INT4);
    def("right", TEXT, a -> StringFunctions.right(str(a[0]), lng(a[1])), TEXT, INT4);
    def("lpad", TEXT, a -> StringFunctions.lpad(str(a[0]), lng(a[1]), " "), TEXT, INT4);
    def("lpad", TEXT, a -> StringFunctions.lpad(str(a[0]), lng(a[1]), str(a[2])), TEXT, INT4, TEXT);
    def("rpad", TEXT, a -> StringFunctions.rpad(str(a[0]), lng(a[1]), " "), TEXT, INT4);
    def("rpad", TEXT, a -> StringFunctions.rpad(str(a[0]), lng(a[1]), str(a[2])), TEXT, INT4, TEXT);
    def("repeat", TEXT, a -> StringFunctions.repeat(str(a[0]), lng(a[1])), TEXT, INT4);
    def("reverse", TEXT, a -> StringFunctions.reverse(str(a[0])), TEXT);
    def("split_part", TEXT, a -> StringFunctions.splitPart(str(a[0]), str(a[1]), lng(a[2])), TEXT, TEXT, INT4);
    def("encode", TEXT, a -> ByteFunctions.encode((byte[]) a[0], str(a[1])), BYTEA, TEXT);
    def("decode", BYTEA, a -> ByteFunctions.decode(str(a[0]), str(a[1])), TEXT, TEXT);
    def("convert_from", TEXT, a -> ByteFunctions.convertFrom((byte[]) a[0], str(a[1])), BYTEA, NAME);
    def("convert_to", BYTEA, a -> ByteFunctions.convertTo(str(a[0]), str(a[1])), TEXT, NAME);
    def("convert", BYTEA, a -> ByteFunctions.convert((byte[]) a[0], str(a[1]), str(a[2])), BYTEA, NAME, NAME);
    def("md5", TEXT, a -> StringFunctions.md5(str(a[0])), TEXT);
    def("md5", TEXT, a -> StringFunctions.md5((byte[]) a[0]), BYTEA);
    def("ascii", INT4, a -> StringFunctions.ascii(str(a[0])), TEXT);
    def("chr", TEXT, a -> StringFunctions.chr(lng(a[0])), INT4);
    def("starts_with", BOOL, a -> str(a[0]).startsWith(str(a[1])), TEXT, TEXT);
    def("translate", TEXT, a -> StringFunctions.translate(str(a[0]), str(a[1]), str(a[2])), TEXT, TEXT, TEXT);
    def("to_hex", TEXT, a -> StringFunctions.toHex(lng(a[0]), true), INT4);
    def("to_hex", TEXT, a -> StringFunctions.toHex(lng(a[0]), false), INT8);
    def("quote_ident", TEXT, a -> StringFunctions.quoteIdent(str(a[0])), TEXT);
    def("quote_literal", TEXT, a -> StringFunctions.quoteLiteral(str(a[0])), TEXT);
    def("overlay", TEXT, a -> overlay(str(a[0]), str(a[1]), lng(a[2]), StringFunctions.length(str(a[1]))),
        TEXT, TEXT, INT4);
    def("overlay", TEXT, a -> overlay(str(a[0]), str(a[1]), lng(a[2]), lng(a[3])), TEXT, TEXT, INT4, INT4);
    def("regexp_replace", TEXT, a -> StringFunctions.regexpReplace(str(a[0]), str(a[1]), str(a[2]), ""),
        TEXT, TEXT, TEXT);
    def("regexp_replace", TEXT, a -> StringFunctions.regexpReplace(str(a[0]), str(a[1]), str(a[2]), str(a[3])),
        TEXT, TEXT, TEXT, TEXT);
  }

  private static void dateTimeFunctions() {
    PgType date = PgType.DATE;
    PgType ts = PgType.TIMESTAMP;
    PgType tstz = PgType.TIMESTAMPTZ;
    PgType time = PgType.TIME;
    PgType timetz = PgType.TIMETZ;
    PgType interval = PgType.INTERVAL;
    def("date_part", FLOAT8, a -> DateTimeFunctions.extract(str(a[0]), a[1], date).doubleValue(), TEXT, date);
    def("date_part", FLOAT8, a -> DateTimeFunctions.extract(str(a[0]), a[1], ts).doubleValue(), TEXT, ts);
    defCtx("date_part", FLOAT8, (a, c) -> DateTimeFunctions.extract(str(a[0]), a[1], tstz, c.zone).doubleValue(), TEXT, tstz);
    def("date_part", FLOAT8, a -> DateTimeArith.extract(str(a[0]), (PgInterval) a[1], true), TEXT, interval);
    def("date_part", FLOAT8, a -> DateTimeArith.extract(str(a[0]), (LocalTime) a[1], true), TEXT, time);
    def("date_part", FLOAT8, a -> DateTimeArith.extract(str(a[0]), (OffsetTime) a[1], true), TEXT, timetz);
    def("date_trunc", ts, a -> DateTimeFunctions.dateTrunc(str(a[0]), (LocalDateTime) a[1], ts), TEXT, ts);
    defCtx("date_trunc", tstz, (a, c) -> DateTimeFunctions.dateTrunc(str(a[0]), (Instant) a[1], c.zone), TEXT, tstz);
    def("date_trunc", tstz, a -> DateTimeFunctions.dateTrunc(str(a[0]), (Instant) a[1], TimeZones.atTimeZone(str(a[2]))),
        TEXT, tstz, TEXT);
    def("date_trunc", interval, a -> DateTimeArith.truncate(str(a[0]), (PgInterval) a[1]), TEXT, interval);
    def("make_date", date, a -> DateTimeFunctions.makeDate(lng(a[0]), lng(a[1]), lng(a[2])), INT4, INT4, INT4);
    def("make_time", time, a -> DateTimeArith.makeTime(lng(a[0]), lng(a[1]), dbl(a[2])), INT4, INT4, FLOAT8);
    def("make_timestamp", ts, a -> DateTimeArith.makeTimestamp(lng(a[0]), lng(a[1]), lng(a[2]), lng(a[3]), lng(a[4]),
        dbl(a[5])), INT4, INT4, INT4, INT4, INT4, FLOAT8);
    defCtx("make_timestamptz", tstz, (a, c) -> PgTemporal.atZone(DateTimeArith.makeTimestamp(lng(a[0]), lng(a[1]),
        lng(a[2]), lng(a[3]), lng(a[4]), dbl(a[5])), c.zone), INT4, INT4, INT4, INT4, INT4, FLOAT8);
    def("make_timestamptz", tstz, a -> PgTemporal.atZone(DateTimeArith.makeTimestamp(lng(a[0]), lng(a[1]),
        lng(a[2]), lng(a[3]), lng(a[4]), dbl(a[5])), TimeZones.atTimeZone(str(a[6]))),
        INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT);
    def("make_interval", interval, a -> DateTimeArith.makeInterval(lng(a[0]), lng(a[1]), lng(a[2]), lng(a[3]),
        lng(a[4]), lng(a[5]), dbl(a[6])), INT4, INT4, INT4, INT4, INT4, INT4, FLOAT8);
    def("justify_days", interval, a -> DateTimeArith.justifyDays((PgInterval) a[0]), interval);
    def("justify_hours", interval, a -> DateTimeArith.justifyHours((PgInterval) a[0]), interval);
    def("justify_interval", interval, a -> DateTimeArith.justifyInterval((PgInterval) a[0]), interval);
    def("age", interval, a -> DateTimeArith.age((LocalDateTime) a[0], (LocalDateTime) a[1]), ts, ts);
    defCtx("age", interval, (a, c) -> DateTimeArith.age((Instant) a[0], (Instant) a[1], c.zone), tstz, tstz);
    defCtx("age", interval, (a, c) -> DateTimeArith.age(LocalDate.ofInstant(c.txnTime, c.zone).atStartOfDay(),
        (LocalDateTime) a[0]), ts);
    defCtx("age", interval, (a, c) -> DateTimeArith.age(LocalDate.ofInstant(c.txnTime, c.zone).atStartOfDay(),
        PgTemporal.local((Instant) a[0], c.zone)), tstz);
    def("timezone", tstz, a -> PgTemporal.atZone((LocalDateTime) a[1], TimeZones.atTimeZone(str(a[0]))), TEXT, ts);
    def("timezone", ts, a -> PgTemporal.local((Instant) a[1], TimeZones.atTimeZone(str(a[0]))), TEXT, tstz);
    def("timezone", timetz, a -> DateTimeFunctions.timetzAtZone((OffsetTime) a[1], TimeZones.atTimeZone(str(a[0]))),
        TEXT, timetz);
    def("timezone", tstz, a -> PgTemporal.atZone((LocalDateTime) a[1], DateTimeFunctions.intervalZone((PgInterval) a[0])),
        interval, ts);
    def("timezone", ts, a -> PgTemporal.local((Instant) a[1], DateTimeFunctions.intervalZone((PgInterval) a[0])),
        interval, tstz);
    def("date_bin", ts, a -> PgTemporal.timestampOf(DateTimeArith.bin((PgInterval) a[0],
        PgTemporal.timestampMicros((LocalDateTime) a[1]), PgTemporal.timestampMicros((LocalDateTime) a[2]))), interval, ts, ts);
    def("date_bin", tstz, a -> PgTemporal.instantOf(DateTimeArith.bin((PgInterval) a[0],
        PgTemporal.instantMicros((Instant) a[1]), PgTemporal.instantMicros((Instant) a[2]))), interval, tstz, tstz);
    def("isfinite", BOOL, a -> !PgTemporal.isInfinite(a[0]), date);
    def("isfinite", BOOL, a -> !PgTemporal.isInfinite(a[0]), ts);
    def("isfinite", BOOL, a -> !PgTemporal.isInfinite(a[0]), tstz);
    def("isfinite", BOOL, a -> true, interval);
    def("to_char", TEXT, a -> DateTimeFunctions.toChar((LocalDateTime) a[0], str(a[1]), null), ts, TEXT);
    defCtx("to_char", TEXT, (a, c) -> DateTimeFunctions.toChar((Instant) a[0], str(a[1]), c.zone), tstz, TEXT);
    def("to_char", TEXT, a -> DateTimeFunctions.toChar((PgInterval) a[0], str(a[1])), interval, TEXT);
    def("to_char", TEXT, a -> DateTimeFunctions.toCharNumber(big(a[0]), str(a[1])), NUMERIC, TEXT);
    def("to_char", TEXT, a -> DateTimeFunctions.toCharNumber(BigDecimal.valueOf(lng(a[0])), str(a[1])), INT4, TEXT);
    def("to_char", TEXT, a -> DateTimeFunctions.toCharNumber(BigDecimal.valueOf(lng(a[0])), str(a[1])), INT8, TEXT);
    def("to_char", TEXT, a -> DateTimeFunctions.toCharNumber(Values.toBig((Number) a[0]), str(a[1])), FLOAT8, TEXT);
    def("to_date", date, a -> DateTimeFunctions.parse(str(a[0]), str(a[1])).toLocalDate(), TEXT, TEXT);
    defCtx("to_timestamp", tstz, (a, c) -> PgTemporal.atZone(DateTimeFunctions.parse(str(a[0]), str(a[1])), c.zone),
        TEXT, TEXT);
    def("to_timestamp", tstz, a -> DateTimeFunctions.fromEpoch(dbl(a[0])), FLOAT8);
    def("length", INT4, a -> StringFunctions.bpcharLength(str(a[0])), PgType.BPCHAR);
    def("char_length", INT4, a -> StringFunctions.bpcharLength(str(a[0])), PgType.BPCHAR);
    def("octet_length", INT4, a -> StringFunctions.octetLength(str(a[0])), PgType.BPCHAR);
  }

  static {
    dateTimeFunctions();
    catalogFunctions();
  }

  /**
   * The catalog functions tools call. Comments, privileges and sizes have nothing behind them
   * here: no comments exist, the session's user may do everything, tables report no size.
   */
  private static void catalogFunctions() {
    PgType oid = PgType.OID;
    PgType regclass = PgType.REGCLASS;
    // Not strict: a NULL modifier means "none given" (bpchar then prints as character).
    defNonStrict("format_type", TEXT, a -> a[0] == null ? null
        : a[1] == null ? org.opendsql.sql.catalog.CatalogSnapshot.formatType(lng(a[0]), -1, false)
        : CatalogFunctions.formatType(lng(a[0]), intg(a[1])), oid, INT4);
    defCtx("pg_get_indexdef", TEXT, (a, c) -> c.catalog().indexDef(lng(a[0]), 0, false), oid);
    defCtx("pg_get_indexdef", TEXT, (a, c) -> c.catalog().indexDef(lng(a[0]), intg(a[1]), (Boolean) a[2]), oid, INT4, BOOL);
    defCtx("current_setting", TEXT, (a, c) -> CatalogFunctions.setting(c, str(a[0]), false), TEXT);
    defCtx("current_setting", TEXT, (a, c) -> CatalogFunctions.setting(c, str(a[0]), (Boolean) a[1]), TEXT, BOOL);
    defCtxVolatile("set_config", TEXT, (a, c) -> c.settings().set(str(a[0]), str(a[1]), (Boolean) a[2]), TEXT, TEXT, BOOL);
    defCtx("pg_get_constraintdef", TEXT, (a, c) -> c.catalog().constraintDef(lng(a[0]), false), oid);
    defCtx("pg_get_constraintdef", TEXT, (a, c) -> c.catalog().constraintDef(lng(a[0]), Boolean.TRUE.equals(a[1])), oid, BOOL);
    def("pg_get_expr", TEXT, a -> CatalogFunctions.expr(str(a[0]), false), TEXT, oid);
    def("pg_get_expr", TEXT, a -> CatalogFunctions.expr(str(a[0]), (Boolean) a[2]), TEXT, oid, BOOL);
    defCtx("pg_get_userbyid", NAME, (a, c) -> {
      String n = c.catalog().roleName(lng(a[0]));
      return n != null ? n : "unknown (OID=" + lng(a[0]) + ")";
    }, oid);
    defCtx("pg_table_is_visible", BOOL, (a, c) -> {
      org.opendsql.sql.catalog.CatalogSnapshot.Relation r = c.catalog().relation(lng(a[0]));
      return r == null ? null : c.catalog().visible(r);
    }, oid);
    def("pg_type_is_visible", BOOL, a -> PgType.byOid((int) Math.min(lng(a[0]), Integer.MAX_VALUE)) != null ? Boolean.TRUE : null, oid);
    def("pg_function_is_visible", BOOL, a -> null, oid);
    def("pg_get_function_result", TEXT, a -> null, oid);
    def("pg_get_function_arguments", TEXT, a -> null, oid);
    def("pg_get_function_identity_arguments", TEXT, a -> null, oid);
    defCtx("pg_get_viewdef", TEXT, (a, c) -> c.catalog().viewDef(lng(a[0])), oid);
    defCtx("pg_get_viewdef", TEXT, (a, c) -> c.catalog().viewDef(lng(a[0])), oid, BOOL);
    def("pg_get_statisticsobjdef_columns", TEXT, a -> null, oid);
    // No rules or triggers exist (pg_rewrite and pg_trigger are empty): nothing to deparse.
    def("pg_get_ruledef", TEXT, a -> null, oid);
    def("pg_get_ruledef", TEXT, a -> null, oid, BOOL);
    def("pg_get_triggerdef", TEXT, a -> null, oid);
    def("pg_get_triggerdef", TEXT, a -> null, oid, BOOL);
    def("pg_relation_is_publishable", BOOL, a -> false, regclass);
    // A set-returning function whose set, without partitioned tables, is always the relation alone.
    def("pg_partition_ancestors", regclass, a -> a[0], regclass);
    defCtx("obj_description", TEXT, (a, c) -> c.catalog().description(lng(a[0]), 0, 0), oid);
    defCtx("obj_description", TEXT, (a, c) -> {
      // The catalog is named as text: pg_class, pg_constraint, pg_namespace; comments exist only on those.
      String catalog = str(a[1]);
      long classoid = catalog.equals("pg_class") ? org.opendsql.sql.catalog.SystemRelations.PG_CLASS_OID
          : catalog.equals("pg_constraint") ? org.opendsql.sql.catalog.CatalogSnapshot.PG_CONSTRAINT_OID
          : catalog.equals("pg_namespace") ? org.opendsql.sql.catalog.CatalogSnapshot.PG_NAMESPACE_OID : -1;
      return classoid < 0 ? null : c.catalog().description(lng(a[0]), classoid, 0);
    }, oid, NAME);
    defCtx("col_description", TEXT, (a, c) -> c.catalog().description(lng(a[0]), org.opendsql.sql.catalog.SystemRelations.PG_CLASS_OID,
        intg(a[1])), oid, INT4);
    def("shobj_description", TEXT, a -> null, oid, NAME);
    def("pg_encoding_to_char", NAME, a -> CatalogFunctions.encodingName(intg(a[0])), INT4);
    def("pg_relation_size", INT8, a -> 0L, regclass);
    def("pg_relation_size", INT8, a -> 0L, regclass, TEXT);
    def("pg_total_relation_size", INT8, a -> 0L, regclass);
    def("pg_table_size", INT8, a -> 0L, regclass);
    def("pg_indexes_size", INT8, a -> 0L, regclass);
    def("pg_size_pretty", TEXT, a -> CatalogFunctions.sizePretty(lng(a[0])), INT8);
    def("pg_size_pretty", TEXT, a -> CatalogFunctions.sizePretty(big(a[0]).longValue()), NUMERIC);
    def("pg_postmaster_start_time", PgType.TIMESTAMPTZ, a -> CatalogFunctions.startTime());
    def("pg_backend_pid", INT4, a -> (int) ProcessHandle.current().pid());
    def("pg_is_in_recovery", BOOL, a -> false);
    defCtx("pg_get_serial_sequence", TEXT, (a, c) -> c.catalog().serialSequence(str(a[0]), str(a[1])), TEXT, TEXT);
    // Every function is built in, and PUBLIC may execute each.
    def("has_function_privilege", BOOL, a -> true, TEXT, TEXT);
    def("has_function_privilege", BOOL, a -> true, NAME, TEXT, TEXT);
    def("has_function_privilege", BOOL, a -> true, oid, TEXT);
    for (PgType role : List.of(NAME, oid)) {
      defCtx("pg_has_role", BOOL, (a, c) -> CatalogFunctions.hasRole(c, null, inquired(a[0]), str(a[1])), role, TEXT);
      for (PgType user : List.of(NAME, oid)) {
        defCtx("pg_has_role", BOOL, (a, c) -> CatalogFunctions.hasRole(c, inquired(a[0]), inquired(a[1]), str(a[2])),
            user, role, TEXT);
      }
    }
    privilegeInquiries(oid);
    defCtx("current_schemas", PgType.NAME_ARRAY, (a, c) -> CatalogFunctions.currentSchemas(c, (Boolean) a[0]), BOOL);
    defCtx("to_regclass", regclass, (a, c) -> CatalogFunctions.fromText(regclass, str(a[0]), c, true), TEXT);
    defCtx("to_regnamespace", PgType.REGNAMESPACE,
        (a, c) -> CatalogFunctions.fromText(PgType.REGNAMESPACE, str(a[0]), c, true), TEXT);
    defCtx("to_regrole", PgType.REGROLE, (a, c) -> CatalogFunctions.fromText(PgType.REGROLE, str(a[0]), c, true), TEXT);
  }

  /**
   * has_table_privilege, has_any_column_privilege, has_column_privilege, has_sequence_privilege,
   * has_schema_privilege and has_database_privilege in every form PostgreSQL has: the role (a name
   * or OID) may be left out for the current one; the object is a name (text) or an OID, the
   * column a name (text) or a number (smallint).
   */
  private static void privilegeInquiries(PgType oid) {
    Map<String, CatalogFunctions.Inquiry> functions = Map.of("has_table_privilege", CatalogFunctions.Inquiry.TABLE,
        "has_any_column_privilege", CatalogFunctions.Inquiry.ANY_COLUMN, "has_column_privilege", CatalogFunctions.Inquiry.COLUMN,
        "has_sequence_privilege", CatalogFunctions.Inquiry.SEQUENCE, "has_schema_privilege", CatalogFunctions.Inquiry.SCHEMA,
        "has_database_privilege", CatalogFunctions.Inquiry.DATABASE);
    for (Map.Entry<String, CatalogFunctions.Inquiry> f : functions.entrySet()) {
      CatalogFunctions.Inquiry what = f.getValue();
      List<PgType> columnTypes = what == CatalogFunctions.Inquiry.COLUMN ? List.of(TEXT, INT2) : java.util.Collections.singletonList(null);
      for (PgType object : List.of(TEXT, oid)) {
        for (PgType column : columnTypes) {
          List<PgType> tail = new ArrayList<>();
          tail.add(object);
          if (column != null) tail.add(column);
          tail.add(TEXT);
          int n = tail.size();
          defCtx(f.getKey(), BOOL, (a, c) -> CatalogFunctions.hasPrivilege(what, c, null, inquired(a[0]),
              n == 3 ? inquired(a[1]) : null, str(a[n - 1])), tail.toArray(PgType[]::new));
          for (PgType role : List.of(NAME, oid)) {
            List<PgType> all = new ArrayList<>();
            all.add(role);
            all.addAll(tail);
            defCtx(f.getKey(), BOOL, (a, c) -> CatalogFunctions.hasPrivilege(what, c, inquired(a[0]), inquired(a[1]),
                n == 3 ? inquired(a[2]) : null, str(a[n])), all.toArray(PgType[]::new));
          }
        }
      }
    }
  }

  /** A name stays a name; an OID or a column number becomes a long. */
  private static Object inquired(Object v) {
    return v instanceof String ? v : (Object) lng(v);
  }

  private static String overlay(String s, String with, long from, long count) {
    if (count < 0) throw Errors.negativeSubstringLength();
    return StringFunctions.substring(s, 1, Math.max(from - 1, 0)) + with
        + StringFunctions.substring(s, from + count);
  }

  /**
   * The SQL-standard keyword argument forms as positional arguments: substring(s FROM i FOR n),
   * position(a IN b) (which is position(b, a)), overlay(s PLACING t FROM i FOR n).
   */
  static List<Expression> positional(String name, NamedExpressionList<?> named) {
    List<String> names = named.getNames();
    List<Expression> exprs = new ArrayList<>();
    for (Object o : named) exprs.add((Expression) o);
    String shape = String.join(",", names).toLowerCase(java.util.Locale.ROOT);
    switch (name + ":" + shape) {
      case "substring:,from,for", "substring:,from", "overlay:,placing,from,for", "overlay:,placing,from":
        return exprs;
      case "position:,in":
        return List.of(exprs.get(1), exprs.get(0));
      default:
        throw Errors.unsupported("function call syntax " + name + "(" + named + ")");
    }
  }

  private static final List<String> MAKE_INTERVAL_ARGS = List.of("years", "months", "weeks", "days", "hours", "mins", "secs");

  /**
   * Arguments given by name ({@code make_interval(days => 10)}) in their positions, null where
   * left to the default. Only make_interval's parameters have names here.
   */
  static List<Expression> namedArguments(String name, List<Expression> given) {
    if (!name.equals("make_interval")) throw Errors.unsupported("named arguments of function " + name);
    Expression[] out = new Expression[MAKE_INTERVAL_ARGS.size()];
    int positional = 0;
    boolean named = false;
    int last = -1;
    for (Expression e : given) {
      if (e instanceof net.sf.jsqlparser.expression.OracleNamedFunctionParameter p) {
        named = true;
        int i = MAKE_INTERVAL_ARGS.indexOf(p.getName().toLowerCase(java.util.Locale.ROOT));
        if (i < 0 || out[i] != null) {
          throw Errors.undefinedFunction(name, given.stream().map(x -> "unknown").toList());
        }
        out[i] = p.getExpression();
        last = Math.max(last, i);
      } else {
        if (named) throw Errors.syntaxErrorAt(e.toString());
        if (positional >= out.length) throw Errors.undefinedFunction(name, given.stream().map(x -> "unknown").toList());
        out[positional++] = e;
        last = Math.max(last, positional - 1);
      }
    }
    List<Expression> r = new ArrayList<>();
    for (int i = 0; i <= last; i++) r.add(out[i]);
    return r;
  }

  /** make_interval's omitted arguments: 0 for the counts, 0.0 for the seconds. */
  static List<Expr> makeIntervalDefaults(List<Expr> args) {
    if (args.size() > MAKE_INTERVAL_ARGS.size()) return args;
    List<Expr> out = new ArrayList<>(args);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) out.set(i, i == 6 ? new Exprs.Const(FLOAT8, 0.0) : new Exprs.Const(INT4, 0));
    }
    while (out.size() < 6) out.add(new Exprs.Const(INT4, 0));
    if (out.size() < 7) out.add(new Exprs.Const(FLOAT8, 0.0));
    return out;
  }

  /** Binds {@code name(args)}, or returns null when no function has that name. */
  static Expr bind(String name, List<Expr> args, Binder b) {
    switch (name) {
      case "greatest":
      case "least":
        return greatestLeast(name, args, b);
      case "nullif":
        return nullif(args, b);
      case "concat":
      case "concat_ws":
        return concat(name, args, b);
      case "format":
        return format(args, b);
      case "quote_nullable":
        if (args.size() != 1) throw undefined(name, args);
        return anyToText(name, args, b, a -> a[0] == null ? "NULL" : StringFunctions.quoteLiteral((String) a[0]));
      case "nextval", "currval": {
        if (args.size() != 1 || !textual(args.get(0))) throw undefined(name, args);
        boolean next = name.equals("nextval");
        return new Exprs.SessionCall(name, List.of(convert(args.get(0), PgType.TEXT, b)), PgType.INT8,
            (c, a) -> next ? c.sequences().nextval((String) a[0]) : c.sequences().currval((String) a[0]));
      }
      case "setval": {
        if (args.size() < 2 || args.size() > 3 || !textual(args.get(0))) throw undefined(name, args);
        if (!implicit(args.get(1).type(), PgType.INT8) && args.get(1).type() != PgType.UNKNOWN) throw undefined(name, args);
        if (args.size() == 3 && args.get(2).type() != PgType.BOOL && args.get(2).type() != PgType.UNKNOWN) {
          throw undefined(name, args);
        }
        List<Expr> bound = new java.util.ArrayList<>(List.of(convert(args.get(0), PgType.TEXT, b), convert(args.get(1), PgType.INT8, b)));
        if (args.size() == 3) bound.add(convert(args.get(2), PgType.BOOL, b));
        return new Exprs.SessionCall(name, bound, PgType.INT8,
            (c, a) -> c.sequences().setval((String) a[0], ((Number) a[1]).longValue(), a.length < 3 || (Boolean) a[2]));
      }
      case "lastval":
        if (!args.isEmpty()) throw undefined(name, args);
        return new Exprs.SessionCall(name, args, PgType.INT8, (c, a) -> c.sequences().lastval());
      case "random":
        if (!args.isEmpty()) throw undefined(name, args);
        return new Exprs.SessionCall(name, args, FLOAT8, (c, a) -> c.random().nextDouble());
      case "setseed": {
        if (args.size() != 1) throw undefined(name, args);
        Expr seed = convert(args.get(0), FLOAT8, b);
        if (!implicit(args.get(0).type(), FLOAT8) && args.get(0).type() != PgType.UNKNOWN) throw undefined(name, args);
        return new Exprs.SessionCall(name, List.of(seed), PgType.VOID, (c, a) -> {
          c.random().setSeed(dbl(a[0]));
          return "";
        });
      }
      case "pg_advisory_lock", "pg_try_advisory_lock", "pg_advisory_unlock", "pg_advisory_xact_lock",
          "pg_try_advisory_xact_lock", "pg_advisory_unlock_all", "pg_advisory_lock_shared",
          "pg_try_advisory_lock_shared", "pg_advisory_unlock_shared", "pg_advisory_xact_lock_shared",
          "pg_try_advisory_xact_lock_shared":
        // Taking a lock waits on the cluster: it runs as a statement of its own (AdvisoryCalls).
        throw Errors.unsupported(name + " other than as the only item of a SELECT without FROM");
      case "pg_typeof":
        if (args.size() != 1) throw undefined(name, args);
        PgType t = args.get(0).type();
        return new Exprs.Const(TEXT, t == PgType.UNKNOWN ? "unknown" : t.sqlName());
      default:
        break;
    }
    if (name.equals("quote_literal") && args.size() == 1 && Values.category(args.get(0).type()) != Values.Category.STRING
        && args.get(0).type() != PgType.UNKNOWN) {
      return anyToText(name, args, b, a -> a[0] == null ? null : StringFunctions.quoteLiteral((String) a[0]));
    }
    Expr array = ArrayBinder.function(name, args, b);
    if (array != null) return array;
    if (JsonBinder.isOperator(name) && args.size() == 2) {
      return JsonBinder.operator(b, name, args.get(0), args.get(1));
    }
    Expr json = JsonBinder.function(name, args, b);
    if (json != null) return json;
    List<Sig> sigs = REGISTRY.get(name);
    if (sigs == null) return null;
    Sig sig = select(sigs, args);
    if (sig == null) throw undefined(name, args);
    List<Expr> conv = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) conv.add(convert(args.get(i), sig.params[i], b));
    if (sig.ctxImpl != null) {
      CtxImpl ctx = sig.ctxImpl;
      return new Exprs.ContextCall(name, conv, sig.result, ctx::apply);
    }
    Impl impl = numericSpecialsAware(name, sig);
    return new Exprs.Call(name, conv, sig.result, sig.strict, impl::apply, !sig.volatile_);
  }

  /** A numeric signature's implementation, with numeric.c's answers when an argument is NaN or infinite. */
  private static Impl numericSpecialsAware(String name, Sig sig) {
    List<Integer> numeric = new ArrayList<>();
    for (int i = 0; i < sig.params.length; i++) if (sig.params[i] == NUMERIC) numeric.add(i);
    if (numeric.isEmpty()) return sig.impl;
    Impl impl = sig.impl;
    return a -> {
      for (int i : numeric) {
        if (a[i] instanceof NumericSpecial) return NumericSpecials.function(name, a);
      }
      return impl.apply(a);
    };
  }

  /** A sequence function's regclass argument, given here as its name: text or an untyped literal. */
  private static boolean textual(Expr e) {
    PgType t = e.type();
    return t == PgType.TEXT || t == PgType.UNKNOWN || t == PgType.VARCHAR || t == PgType.NAME || t == PgType.BPCHAR;
  }

  static DbException undefined(String name, List<Expr> args) {
    return Errors.undefinedFunction(name, args.stream().map(a -> a.type().sqlName()).toList());
  }

  /** Whether PostgreSQL casts {@code from} to {@code to} implicitly (pg_cast castcontext 'i'). */
  static boolean implicit(PgType from, PgType to) {
    if (from == to) return true;
    if (from.isReg()) return to == PgType.OID;
    if (from == PgType.OID) return to.isReg();
    if (from == PgType.CHAR) return to == TEXT;
    if (to.isReg() && (from == INT2 || from == INT4 || from == INT8 || from == TEXT)) return true;
    return switch (from) {
      case INT2 -> to == INT4 || to == INT8 || to == NUMERIC || to == FLOAT4 || to == FLOAT8 || to == PgType.OID;
      case INT4 -> to == INT8 || to == NUMERIC || to == FLOAT4 || to == FLOAT8 || to == PgType.OID;
      case INT8 -> to == NUMERIC || to == FLOAT4 || to == FLOAT8 || to == PgType.OID;
      case NUMERIC -> to == FLOAT4 || to == FLOAT8;
      case FLOAT4 -> to == FLOAT8;
      case VARCHAR, BPCHAR -> to == TEXT || to == PgType.VARCHAR || to == NAME;
      case NAME -> to == TEXT || to == PgType.VARCHAR;
      case TEXT -> to == PgType.VARCHAR || to == PgType.BPCHAR || to == NAME;
      case DATE -> to == PgType.TIMESTAMP || to == PgType.TIMESTAMPTZ;
      case TIMESTAMP -> to == PgType.TIMESTAMPTZ;
      case TIME -> to == PgType.INTERVAL || to == PgType.TIMETZ;
      default -> false;
    };
  }

  private static boolean preferred(PgType t) {
    return t == FLOAT8 || t == TEXT || t == PgType.TIMESTAMPTZ || t == PgType.INTERVAL;
  }

  private static Sig select(List<Sig> sigs, List<Expr> args) {
    List<Sig> ok = new ArrayList<>();
    for (Sig s : sigs) {
      if (s.params.length != args.size()) continue;
      boolean fits = true;
      for (int i = 0; i < args.size() && fits; i++) {
        PgType a = args.get(i).type();
        fits = a == PgType.UNKNOWN || implicit(a, s.params[i]);
      }
      if (fits) ok.add(s);
    }
    if (ok.size() <= 1) return ok.isEmpty() ? null : ok.get(0);
    ok = best(ok, s -> {
      int n = 0;
      for (int i = 0; i < args.size(); i++) if (args.get(i).type() == s.params[i]) n++;
      return n;
    });
    ok = best(ok, s -> {
      int n = 0;
      for (int i = 0; i < args.size(); i++) {
        PgType a = args.get(i).type();
        if (a != PgType.UNKNOWN && a != s.params[i] && preferred(s.params[i])) n++;
      }
      return n;
    });
    ok = best(ok, s -> {
      int n = 0;
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i).type() == PgType.UNKNOWN && Values.category(s.params[i]) == Values.Category.STRING) n++;
      }
      return n;
    });
    return ok.get(0);
  }

  private static List<Sig> best(List<Sig> sigs, java.util.function.ToIntFunction<Sig> score) {
    int max = Integer.MIN_VALUE;
    List<Sig> out = new ArrayList<>();
    for (Sig s : sigs) {
      int v = score.applyAsInt(s);
      if (v > max) {
        max = v;
        out.clear();
      }
      if (v == max) out.add(s);
    }
    return out;
  }

  private static Expr convert(Expr e, PgType to, Binder b) {
    if (e.type() == PgType.UNKNOWN) return b.coerce(e, to);
    if (e.type() == to) return e;
    if (to == PgType.OID || to.isReg() || to == PgType.CHAR) return CatalogCasts.cast(e, to);
    if (e.type() == PgType.BPCHAR && to != PgType.BPCHAR) return Binder.textOperand(e);
    if (Values.category(e.type()) == Values.Category.STRING && Values.category(to) == Values.Category.STRING) return e;
    return new Exprs.Cast(e, to, -1, false);
  }

  /**
   * Arguments of type "any" as text: {@code output} renders them as the type's output function
   * does (concat, format: true is t), otherwise as a cast to text does (quote_literal: true).
   */
  private static List<Expr> asText(List<Expr> args, Binder b, boolean output) {
    List<Expr> out = new ArrayList<>();
    for (Expr a : args) {
      Expr t = b.finishUnknown(a);
      if (Values.category(t.type()) == Values.Category.STRING) {
        out.add(t);
      } else if (output) {
        PgType type = t.type();
        out.add(new Exprs.Call("textout", List.of(t), TEXT, true, v -> PgText.format(type, v[0]), true));
      } else {
        out.add(new Exprs.Cast(t, TEXT, -1, true));
      }
    }
    return out;
  }

  private static Expr anyToText(String name, List<Expr> args, Binder b, Impl impl) {
    return new Exprs.Call(name, asText(args, b, false), TEXT, false, impl::apply, true);
  }

  private static Expr concat(String name, List<Expr> args, Binder b) {
    boolean ws = name.equals("concat_ws");
    if (args.isEmpty()) throw undefined(name, args);
    List<Expr> text = asText(args, b, true);
    return new Exprs.Call(name, text, TEXT, false, a -> {
      StringBuilder sb = new StringBuilder();
      if (!ws) {
        for (Object o : a) if (o != null) sb.append((String) o);
        return sb.toString();
      }
      if (a[0] == null) return null;
      boolean first = true;
      for (int i = 1; i < a.length; i++) {
        if (a[i] == null) continue;
        if (!first) sb.append((String) a[0]);
        sb.append((String) a[i]);
        first = false;
      }
      return sb.toString();
    }, true);
  }

  private static Expr format(List<Expr> args, Binder b) {
    if (args.isEmpty()) throw undefined("format", args);
    List<Expr> text = asText(args, b, true);
    return new Exprs.Call("format", text, TEXT, false, a -> {
      if (a[0] == null) return null;
      Object[] rest = new Object[a.length - 1];
      System.arraycopy(a, 1, rest, 0, rest.length);
      return StringFunctions.format((String) a[0], rest);
    }, true);
  }

  /** nullif(a, b): a unless a = b; both sides take their common type, as PostgreSQL's = does. */
  private static Expr nullif(List<Expr> args, Binder b) {
    if (args.size() != 2) throw undefined("nullif", args);
    Expr[] u = b.unifyForCompare(args.get(0), args.get(1), "=");
    PgType t = b.commonTypeOf(List.of(u[0], u[1]), "NULLIF");
    Expr l = b.toType(u[0], t);
    Expr r = b.toType(u[1], t);
    return new Exprs.Call("nullif", List.of(l, r), t, false,
        a -> a[0] != null && a[1] != null && Values.compare(a[0], a[1]) == 0 ? null : a[0], true);
  }

  private static Expr greatestLeast(String name, List<Expr> args, Binder b) {
    if (args.isEmpty()) throw Errors.syntaxErrorAt(")");
    PgType t = b.commonTypeOf(args, name.toUpperCase(java.util.Locale.ROOT));
    List<Expr> typed = new ArrayList<>();
    for (Expr a : args) typed.add(b.toType(a, t));
    boolean greatest = name.equals("greatest");
    return new Exprs.Call(name, typed, t, false, a -> {
      Object best = null;
      for (Object o : a) {
        if (o == null) continue;
        if (best == null || (greatest ? Values.compare(o, best) > 0 : Values.compare(o, best) < 0)) best = o;
      }
      return best;
    }, true);
  }
}
