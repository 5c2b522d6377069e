package org.opendsql.core.error;

import java.time.Duration;
import java.util.List;

/**
 * The one place where error texts and their SQLSTATEs are written. Code that refuses something
 * calls a factory here, named for the condition, so the client sees the words PostgreSQL (or, for
 * DSQL's own limits and conflicts, Aurora DSQL) would give: tests and drivers compare them.
 * Factories are grouped by SQLSTATE class, in the order of PostgreSQL's errcodes.txt.
 */
public final class Errors {
  private Errors() {}

  // ---------------------------------------------------------------- 08: connection exception

  public static DbException messageTruncated() {
    return protocolViolation("message is truncated");
  }

  public static DbException insufficientDataInMessage() {
    return protocolViolation("insufficient data left in message");
  }

  public static DbException invalidStringInMessage() {
    return protocolViolation("invalid string in message");
  }

  public static DbException invalidParameterLength(int length) {
    return protocolViolation("invalid parameter length " + length);
  }

  public static DbException invalidMessageSubtype(int subtype) {
    return protocolViolation("invalid DESCRIBE/CLOSE message subtype " + subtype);
  }

  public static DbException unsupportedFormatCode(int code) {
    return protocolViolation("unsupported format code: " + code);
  }

  public static DbException invalidMessageLength(int length) {
    return fatalProtocolViolation("invalid message length " + length);
  }

  public static DbException messageTooLarge(int length, int maxLength) {
    return fatalProtocolViolation("message of " + length + " bytes exceeds the limit of " + maxLength);
  }

  /** PostgreSQL only logs this one (and then closes); we also tell the client why. */
  public static DbException invalidStartupPacketLength() {
    return fatalProtocolViolation("invalid length of startup packet");
  }

  public static DbException invalidStartupPacket() {
    return fatalProtocolViolation("invalid startup packet");
  }

  public static DbException sslAlreadyNegotiated() {
    return fatalProtocolViolation("SSL was already negotiated");
  }

  /** Bytes that followed an SSLRequest before the answer: they could be injected by a middleman. */
  public static DbException unencryptedDataAfterSslRequest() {
    return fatalProtocolViolation("received unencrypted data after SSL request");
  }

  public static DbException expectedPasswordResponse(String messageType) {
    return fatalProtocolViolation("expected password response, got message type " + messageType);
  }

  public static DbException invalidMessageType(String messageType) {
    return fatalProtocolViolation("invalid frontend message type " + messageType);
  }

  public static DbException bindParameterCountMismatch(int supplied, String statement, int required) {
    return protocolViolation("bind message supplies " + supplied + " parameters, but prepared statement \""
        + statement + "\" requires " + required);
  }

  /** {@code what} is "parameter" or "result". */
  public static DbException bindFormatCountMismatch(int formats, String what, int count) {
    return protocolViolation("bind message has " + formats + " " + what + " formats but " + count + " " + what + "s");
  }

  /** A statement refers to $n but the execution supplied fewer values. */
  public static DbException noParameter(int number) {
    return protocolViolation("there is no parameter $" + number);
  }

  /** The commit may or may not have reached the journal: the client must not blindly retry. */
  public static DbException commitOutcomeUnknown() {
    return error(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
        "the outcome of the commit is unknown: the journal did not answer in time");
  }

  /** A commit in flight when its node lost the majority: it may or may not be in the journal. */
  public static DbException commitOutcomeUnknownNoMajority() {
    return error(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
        "the outcome of the commit is unknown: this node lost contact with a majority of the cluster");
  }

  /** A commit in flight when the node deciding it became unreachable. */
  public static DbException commitOutcomeUnknownNodeLost() {
    return error(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
        "the outcome of the commit is unknown: the node deciding it stopped answering");
  }

  /** A read whose replicas' nodes stopped answering: nothing changed, so it is worth retrying. */
  public static DbException replicaUnreachable() {
    return error(SqlState.SERIALIZATION_FAILURE,
        "the storage replica reading this data is on a node that stopped answering, please retry");
  }

  /** Refused before anything was sent: the range's adjudicator is on a node that is unreachable. */
  public static DbException adjudicatorUnreachable() {
    return writeConflict().withDetail("a key range's adjudicator is on a node that is unreachable; it is being"
        + " replaced");
  }

  /**
   * The key range a request was addressed to split or moved, and this node's directory kept
   * pointing at a range that does not own the keys: nothing was read or written, so it is worth
   * retrying.
   */
  public static DbException rangeMoved() {
    return error(SqlState.SERIALIZATION_FAILURE,
        "the key range holding this data is being split or moved, please retry");
  }

  /** Refused before anything was sent: definite, and worth retrying (through another node). */
  public static DbException noMajority() {
    return error(SqlState.SERIALIZATION_FAILURE,
        "this node cannot reach a majority of the cluster (no journal quorum), please retry");
  }

  // ---------------------------------------------------------------- 0A: feature not supported

  public static DbException unsupported(String feature) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, feature + " is not supported");
  }

  public static DbException unsupportedProtocolVersion(int major, int minor) {
    return fatal(SqlState.FEATURE_NOT_SUPPORTED,
        "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0", null, null);
  }

  public static DbException binaryParameterOfUnknownType() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "binary format is not supported for parameters of unknown type");
  }

  /** {@code level} in upper case, as the client should read it: "SERIALIZABLE". */
  public static DbException isolationLevelNotSupported(String level) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "isolation level " + level + " is not supported", null,
        "Only REPEATABLE READ (snapshot isolation) is available.");
  }

  /** A float NaN or infinity reaching numeric, which stores only finite values here. */
  public static DbException nonFiniteNumeric() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN and infinity are not supported");
  }

  /** extract of a unit the type lacks: unit "hour" not supported for type date. */
  public static DbException unitNotSupported(String unit, String type) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + unit + "\" not supported for type " + type);
  }

  public static DbException columnReferenceInDefault() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression");
  }

  /**
   * FOR SHARE, FOR NO KEY UPDATE, FOR KEY SHARE: DSQL's refusal, word for word (it names FOR KEY
   * SHARE as supported and refuses it too).
   */
  public static DbException lockingStrengthNotSupported() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported", null,
        "Only FOR UPDATE is available: rows are never locked, the rows it selects join the transaction's conflict check at COMMIT.");
  }

  /** FOR UPDATE OF a name that is not a FROM item of the same SELECT. */
  public static DbException lockedRelationNotInFrom(String name) {
    return error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" in FOR UPDATE clause not found in FROM clause");
  }

  /** PostgreSQL's refusal of FOR UPDATE on rows that are not table rows: {@code what} is "DISTINCT clause", ... */
  public static DbException forUpdateNotAllowedWith(String what) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "FOR UPDATE is not allowed with " + what);
  }

  public static DbException ddlInTransaction() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "ddl and dml are not supported in the same transaction");
  }

  public static DbException multipleDdl() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "multiple ddl statements are not supported in a transaction");
  }

  // ---------------------------------------------------------------- 22: data exception

  public static DbException stringTooLong(int maxLength) {
    return error(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character varying(" + maxLength + ")");
  }

  /** A computed or cast value that does not fit an integer type: "integer out of range". */
  public static DbException numericOutOfRange(String type) {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
  }

  /** Integer input text too large for {@code type}: value "3000000000" is out of range for type integer. */
  public static DbException valueOutOfRange(String input, String type) {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + input + "\" is out of range for type " + type);
  }

  /** Float input text (or a numeric cast to float) beyond the type's range: "1e39" is out of range for type real. */
  public static DbException floatInputOutOfRange(String input, String type) {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"" + input + "\" is out of range for type " + type);
  }

  /** A finite float computation whose result is infinite. */
  public static DbException floatOverflow() {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
  }

  /** A float computation of non-zero operands whose result rounds to zero. */
  public static DbException floatUnderflow() {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
  }

  /** A numeric result beyond numeric's range (exp, power). */
  public static DbException numericValueOverflow() {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
  }

  /** A trigonometric argument outside the function's domain, or infinite. */
  public static DbException inputOutOfRange() {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
  }

  public static DbException negativeFactorial() {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
  }

  /** A numeric NaN or infinity cast to an integer type: PostgreSQL refuses it as unsupported. */
  public static DbException cannotConvertToInteger(String what, String type) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + what + " to " + type);
  }

  /** NaN or an infinity in a numeric(p,s) column. */
  public static DbException numericFieldCannotHoldInfinity(int precision, int scale) {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
        "A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.", null);
  }

  public static DbException widthBucketNaN() {
    return error(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
        "operand, lower bound, and upper bound cannot be NaN");
  }

  public static DbException widthBucketInfiniteBounds() {
    return error(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "lower and upper bounds must be finite");
  }

  public static DbException setseedOutOfRange(String seed) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "setseed parameter " + seed + " is out of allowed range [-1,1]");
  }

  public static DbException negativeSquareRoot() {
    return error(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
  }

  public static DbException zeroToNegativePower() {
    return error(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined");
  }

  public static DbException negativeToNonIntegerPower() {
    return error(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
        "a negative number raised to a non-integer power yields a complex result");
  }

  public static DbException logOfZero() {
    return error(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
  }

  public static DbException logOfNegative() {
    return error(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of a negative number");
  }

  public static DbException widthBucketCount() {
    return error(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "count must be greater than zero");
  }

  public static DbException widthBucketBounds() {
    return error(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "lower bound cannot equal upper bound");
  }

  public static DbException invalidHexOddDigits() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
  }

  public static DbException invalidHexDigitInDecode(String digit) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + digit + "\"");
  }

  public static DbException invalidBase64End() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence", null,
        "Input data is missing padding, is truncated, or is otherwise corrupted.");
  }

  public static DbException invalidBase64Symbol(String symbol) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid symbol \"" + symbol + "\" found while decoding base64 sequence");
  }

  /** encode/decode with a format other than hex, base64, escape. */
  public static DbException unrecognizedEncoding(String name) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + name + "\"");
  }

  /** {@code which} is "source" or "destination". */
  public static DbException invalidEncodingName(String which, String name) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid " + which + " encoding name \"" + name + "\"");
  }

  /** {@code bytes}: the offending bytes as PostgreSQL lists them, "0xe6 0x97 0xa5". */
  public static DbException invalidByteSequence(String encoding, String bytes) {
    return error(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"" + encoding + "\": " + bytes);
  }

  public static DbException untranslatableCharacter(String bytes, String from, String to) {
    return error(SqlState.UNTRANSLATABLE_CHARACTER, "character with byte sequence " + bytes + " in encoding \"" + from
        + "\" has no equivalent in encoding \"" + to + "\"");
  }

  public static DbException negativeSubstringLength() {
    return error(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
  }

  public static DbException fieldPositionZero() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
  }

  public static DbException characterNumberNotPositive() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "character number must be positive");
  }

  public static DbException unterminatedFormatSpecifier() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier", null,
        "For a single \"%\" use \"%%\".");
  }

  public static DbException unrecognizedFormatSpecifier(String specifier) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized format() type specifier \"" + specifier + "\"", null,
        "For a single \"%\" use \"%%\".");
  }

  public static DbException tooFewFormatArguments() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
  }

  public static DbException nullIdentifierInFormat() {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
  }

  /** {@code why}: the regex engine's description of the fault. */
  public static DbException invalidRegex(String why) {
    return error(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: " + why);
  }

  public static DbException invalidRegexOption(String option) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid regular expression option: \"" + option + "\"");
  }

  public static DbException likePatternEndsWithEscape() {
    return error(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
  }

  public static DbException similarPatternEndsWithEscape() {
    return error(SqlState.INVALID_ESCAPE_SEQUENCE, "SIMILAR TO pattern must not end with escape character");
  }

  public static DbException invalidEscapeString() {
    return error(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string", null,
        "Escape string must be empty or one character.");
  }

  public static DbException invalidByteaInput() {
    return error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
  }

  public static DbException oddHexDigits() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
  }

  public static DbException invalidHexDigit(String digit) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + digit + "\"");
  }

  /** A value that does not fit numeric(precision, scale). */
  public static DbException numericFieldOverflow(int precision, int scale) {
    int digits = precision - scale;
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
        "A field with precision " + precision + ", scale " + scale + " must round to an absolute value less than "
            + (digits == 0 ? "1" : "10^" + digits) + ".", null);
  }

  public static DbException divisionByZero() {
    return error(SqlState.DIVISION_BY_ZERO, "division by zero");
  }

  public static DbException arrayDimensionsMismatch() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR,
        "multidimensional arrays must have array expressions with matching dimensions");
  }

  public static DbException incompatibleArrayConcatenation() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays");
  }

  public static DbException notOneDimensionalArray() {
    return error(SqlState.DATA_EXCEPTION, "argument must be empty or one-dimensional array");
  }

  public static DbException wrongArrayDimensions() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts", "Dimension array must be one dimensional.",
        null);
  }

  public static DbException arrayFillBoundsMismatch() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts",
        "Low bound array has different size than dimensions array.", null);
  }

  public static DbException arrayFillNullBounds() {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
  }

  public static DbException arrayFillNullArgument() {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
  }

  public static DbException arraySizeExceedsMaximum() {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)");
  }

  public static DbException trimArrayOutOfRange(int max) {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "number of elements to trim must be between 0 and " + max);
  }

  public static DbException cannotAccumulateNullArrays() {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays");
  }

  public static DbException cannotAccumulateEmptyArrays() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays");
  }

  public static DbException cannotAccumulateDifferentDimensions() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality");
  }

  public static DbException wrongNumberOfSubscripts() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
  }

  public static DbException arraySubscriptOutOfRange() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
  }

  public static DbException nullSubscriptInAssignment() {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
  }

  public static DbException sourceArrayTooSmall() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "source array too small");
  }

  public static DbException sliceNeedsBothBounds() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "array slice subscript must provide both boundaries");
  }

  public static DbException sliceUpperBelowLower() {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
  }

  public static DbException malformedArrayLiteral(String input) {
    return error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + input + "\"");
  }

  public static DbException invalidTextRepresentation(String type, String input) {
    return error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type + ": \"" + input + "\"");
  }

  /** Same words as {@link #invalidTextRepresentation}; the SQLSTATE tells a date/time input apart. */
  public static DbException invalidDatetimeFormat(String type, String input) {
    return error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + type + ": \"" + input + "\"");
  }

  public static DbException dateOutOfRange() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
  }

  /** {@code date} as PostgreSQL echoes it: 2023-02-29. */
  public static DbException dateFieldOutOfRange(String date) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + date);
  }

  public static DbException dateTimeFieldOutOfRange(String input) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + input + "\"");
  }

  /** A date/time field the input's layout suggests is the wrong one: 2024-13-01. */
  public static DbException dateTimeFieldOutOfRangeDateStyle(String input) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + input + "\"", null,
        "Perhaps you need a different \"datestyle\" setting.");
  }

  public static DbException intervalFieldOutOfRange(String input) {
    return error(SqlState.INTERVAL_FIELD_OVERFLOW, "interval field value out of range: \"" + input + "\"");
  }

  public static DbException timeZoneDisplacementOutOfRange(String input) {
    return error(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE, "time zone displacement out of range: \"" + input + "\"");
  }

  public static DbException timeZoneNotRecognized(String zone) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + zone + "\" not recognized");
  }

  /** A date input before 4714-11-24 BC or after 5874897-12-31. */
  public static DbException dateOutOfRange(String input) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + input + "\"");
  }

  /** A timestamp input or result outside 4714-11-24 BC .. 294246-12-31 (the microseconds a long holds). */
  public static DbException timestampOutOfRange(String input) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + input + "\"");
  }

  /** AT TIME ZONE INTERVAL '1 day': only hours, minutes and seconds make an offset. */
  public static DbException intervalTimeZoneHasMonthsOrDays(String interval) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "interval time zone \"" + interval
        + "\" must not include months or days");
  }

  /** A binary time outside 00:00:00 .. 24:00:00. */
  public static DbException timeOutOfRange() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "time out of range");
  }

  public static DbException binWithMonths() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "timestamps cannot be binned into intervals containing months or years");
  }

  public static DbException strideNotPositive() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
  }

  public static DbException originOutOfRange() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "origin out of range");
  }

  public static DbException intervalOutOfRange() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
  }

  public static DbException intervalPrecisionNegative(int precision) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "INTERVAL(" + precision + ") precision must not be negative");
  }

  /** time(p), timestamp(p): a negative precision. */
  public static DbException timePrecisionNegative(String type, int precision) {
    return error(SqlState.INVALID_PARAMETER_VALUE, type.toUpperCase(java.util.Locale.ROOT) + "(" + precision
        + ") precision must not be negative");
  }

  /** timestamp - timestamp with an infinite side. */
  public static DbException cannotSubtractInfinite() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
  }

  /** make_time / make_timestamp fields out of range: "time field value out of range: 25:00:00". */
  public static DbException timeFieldOutOfRange(String fields) {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: " + fields);
  }

  /** date_trunc/extract of a unit the type has no use for: 0A000, with PostgreSQL's detail for weeks of an interval. */
  public static DbException unitNotSupported(String unit, String type, String detail) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + unit + "\" not supported for type " + type, detail, null);
  }

  /** A binary operator with several equally good candidates: date + unknown. */
  public static DbException ambiguousOperator(String leftType, String operator, String rightType) {
    return error(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: " + leftType + " " + operator + " " + rightType,
        null, "Could not choose a best candidate operator. You might need to add explicit type casts.");
  }

  /** char(n) assignment of a value with more than n non-blank characters. */
  public static DbException charTooLong(int maxLength) {
    return error(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character(" + maxLength + ")");
  }

  /** char(0), varchar(0). */
  public static DbException charLengthTooSmall(String type) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "length for type " + type + " must be at least 1");
  }

  public static DbException timestampCannotBeNaN() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
  }

  /** A to_date/to_timestamp input that does not fit its format field. */
  public static DbException invalidValueForFormat(String value, String field) {
    return error(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + value + "\" for \"" + field + "\"");
  }

  /** extract/date_trunc with a unit name PostgreSQL does not know. */
  public static DbException unitNotRecognized(String unit, String type) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized for type " + type);
  }

  /** A binary timestamp of ±infinity, which has no Java value. */
  public static DbException timestampOutOfRange() {
    return error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
  }

  public static DbException negativeLimit() {
    return error(SqlState.INVALID_ROW_COUNT_IN_LIMIT, "LIMIT must not be negative");
  }

  public static DbException negativeOffset() {
    return error(SqlState.INVALID_ROW_COUNT_IN_OFFSET, "OFFSET must not be negative");
  }

  public static DbException invalidParameterValue(String parameter, String value) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"" + parameter + "\": \"" + value + "\"");
  }

  public static DbException parameterCannotBeChanged(String parameter) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + parameter + "\" cannot be changed");
  }

  public static DbException varcharLengthTooSmall() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "length for type varchar must be at least 1");
  }

  public static DbException numericPrecisionOutOfRange(int precision) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision + " must be between 1 and 1000");
  }

  public static DbException numericScaleOutOfRange(int scale, int precision) {
    return error(SqlState.INVALID_PARAMETER_VALUE,
        "NUMERIC scale " + scale + " must be between 0 and precision " + precision);
  }

  /** A binary array parameter whose elements are of another type than the parameter's. */
  public static DbException wrongElementType() {
    return error(SqlState.DATATYPE_MISMATCH, "wrong element type");
  }

  /** A bind parameter whose binary bytes do not decode as {@code type}. */
  public static DbException incorrectBinaryFormat(String type) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "incorrect binary data format in bind parameter of type " + type);
  }

  // ---------------------------------------------------------------- 23: integrity constraint violation

  /** {@code failingRow} as PostgreSQL prints it: "(1, null, x)". */
  public static DbException notNullViolation(String column, String table, String failingRow) {
    return error(SqlState.NOT_NULL_VIOLATION,
        "null value in column \"" + column + "\" of relation \"" + table + "\" violates not-null constraint",
        "Failing row contains " + failingRow + ".", null);
  }

  /** {@code columns} as "a, b"; {@code values} as PostgreSQL prints the key: "(1, x)". */
  public static DbException uniqueViolation(String constraint, String columns, String values) {
    return error(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"" + constraint + "\"",
        "Key (" + columns + ")=" + values + " already exists.", null);
  }

  // ---------------------------------------------------------------- 25, 26, 34: transaction, statement and cursor state

  /** {@code command}: the refused statement's tag, "INSERT", "CREATE TABLE", ... */
  public static DbException readOnlyTransaction(String command) {
    return error(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
  }

  public static DbException inFailedTransaction() {
    return error(SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  /** A transaction left open without a message for opendsql.pgwire.idle-in-transaction-timeout. */
  public static DbException idleInTransactionTimeout() {
    return fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
        "terminating connection due to idle-in-transaction timeout", null, null);
  }

  /** {@code command}: SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT, outside BEGIN ... COMMIT. */
  public static DbException savepointOutsideBlock(String command) {
    return error(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
  }

  public static DbException undefinedSavepoint(String name) {
    return error(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
  }

  public static DbException undefinedPreparedStatement(String name) {
    return error(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
  }

  public static DbException undefinedPortal(String name) {
    return error(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
  }

  // ---------------------------------------------------------------- 28: invalid authorization

  public static DbException sslRequired() {
    return fatal(SqlState.INVALID_AUTHORIZATION, "unable to accept connection, SSL is required", null, null);
  }

  public static DbException badToken(String why) {
    return fatal(SqlState.INVALID_AUTHORIZATION, "unable to accept connection, access denied", why, null);
  }

  // ---------------------------------------------------------------- roles and privileges

  /** A token for a role that does not exist (DSQL: only created roles log in). */
  public static DbException loginRoleMissing(String role) {
    return fatal(SqlState.INVALID_AUTHORIZATION, "role \"" + role + "\" does not exist", null, null);
  }

  public static DbException loginNotPermitted(String role) {
    return fatal(SqlState.INVALID_AUTHORIZATION, "role \"" + role + "\" is not permitted to log in", null, null);
  }

  /** A token issued to an identity that AWS IAM GRANT has not mapped to the role. */
  public static DbException identityNotMapped(String role, String identity) {
    return fatal(SqlState.INVALID_AUTHORIZATION, "unable to accept connection, access denied",
        "identity " + identity + " is not granted role " + role + " (AWS IAM GRANT " + role + " TO '" + identity + "')", null);
  }

  public static DbException invalidPrivilege(String privilege, String kind) {
    return error(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type " + privilege + " for " + kind);
  }

  public static DbException reservedRoleName(String role) {
    return error(SqlState.RESERVED_NAME, "role name \"" + role + "\" is reserved");
  }

  public static DbException duplicateRole(String role) {
    return error(SqlState.DUPLICATE_OBJECT, "role \"" + role + "\" already exists");
  }

  /** A privilege name has_table_privilege and friends do not know for their kind of object. */
  public static DbException unrecognizedPrivilege(String name) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + name + "\"");
  }

  public static DbException undefinedDatabase(String name) {
    return error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
  }

  public static DbException undefinedRole(String role) {
    return error(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
  }

  /** {@code kind}: "table", "view", "schema", "sequence"; PostgreSQL's 42501 text. */
  public static DbException permissionDenied(String kind, String name) {
    return error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kind + " " + name);
  }

  /** What only the admin role may do ({@code what}: "to create role", "to drop role", ...). */
  public static DbException adminOnly(String what) {
    return error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied " + what);
  }

  public static DbException roleHasPrivileges(String role, String object) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + role + "\" cannot be dropped because some objects depend on it",
        "privileges for " + object, null);
  }

  public static DbException noUserName() {
    return fatal(SqlState.INVALID_AUTHORIZATION, "no PostgreSQL user name specified in startup packet", null, null);
  }

  // ---------------------------------------------------------------- 40: transaction rollback

  public static DbException writeConflict() {
    return error(SqlState.SERIALIZATION_FAILURE, "change conflicts with another transaction, please retry: (OC000)");
  }

  public static DbException schemaConflict() {
    return error(SqlState.SERIALIZATION_FAILURE,
        "schema has been updated by another transaction, please retry: (OC001)");
  }

  /** A range that has not yet rebuilt its window cannot judge a transaction older than its start. */
  public static DbException adjudicatorRestarted() {
    return writeConflict().withDetail("the key range's adjudicator restarted after the transaction began");
  }

  // ---------------------------------------------------------------- 42: syntax error or access rule violation

  public static DbException syntaxErrorAt(String token) {
    return error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + token + "\"");
  }

  public static DbException syntaxErrorAtEnd() {
    return error(SqlState.SYNTAX_ERROR, "syntax error at end of input");
  }

  /** The parser's own description, when it cannot point at a token. */
  public static DbException syntaxError(String description) {
    return error(SqlState.SYNTAX_ERROR, "syntax error: " + description);
  }

  public static DbException multipleCommandsInPreparedStatement() {
    return error(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
  }

  public static DbException selectStarWithoutTables() {
    return error(SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
  }

  public static DbException insertHasMoreExpressions() {
    return error(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
  }

  public static DbException insertHasMoreTargetColumns() {
    return error(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
  }

  public static DbException updateColumnCountMismatch() {
    return error(SqlState.SYNTAX_ERROR, "number of columns does not match number of values");
  }

  public static DbException multipleAssignments(String column) {
    return error(SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + column + "\"");
  }

  public static DbException defaultExpressionSyntax(String column) {
    return error(SqlState.SYNTAX_ERROR, "syntax error in DEFAULT expression of column \"" + column + "\"");
  }

  public static DbException parameterInDefault() {
    return error(SqlState.SYNTAX_ERROR, "there is no parameter in a DEFAULT expression");
  }

  public static DbException typeModifierNotAllowed(String type) {
    return error(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \"" + type + "\"");
  }

  /** A relation named in a query: "relation \"t\" does not exist". */
  /** {@code (x).field} on a value that has no fields. */
  public static DbException notComposite(String field, String type) {
    return error(SqlState.WRONG_OBJECT_TYPE, "column notation ." + field + " applied to type " + type
        + ", which is not a composite type");
  }

  /** Writing to a system catalog relation: what PostgreSQL says to a role that may not. */
  public static DbException systemCatalogWrite(String name) {
    return error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for table " + name);
  }

  /** A regclass, regtype, ... input naming no object. */
  public static DbException undefinedObjectNamed(SqlState state, String kind, String name) {
    return error(state, kind + " \"" + name + "\" does not exist");
  }

  public static DbException undefinedRelation(String name) {
    return error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
  }

  public static DbException identityColumnDefault(String column, String table) {
    return error(SqlState.SYNTAX_ERROR, "column \"" + column + "\" of relation \"" + table + "\" is an identity column",
        null, "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
  }

  public static DbException identityColumnNotNull(String column, String table) {
    return error(SqlState.SYNTAX_ERROR, "column \"" + column + "\" of relation \"" + table + "\" is an identity column");
  }

  /** A parameter where the statement can have none (a view's query). */
  public static DbException undefinedParameter(int number) {
    return error(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + number);
  }

  public static DbException viewHasTooManyColumnNames() {
    return error(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
  }

  /** CREATE OR REPLACE VIEW may only add columns at the end. */
  public static DbException viewColumnChanged(String what, String column) {
    return error(SqlState.INVALID_TABLE_DEFINITION, "cannot change " + what + " of view column \"" + column + "\"");
  }

  public static DbException viewDropsColumns() {
    return error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
  }

  /** A table-only statement (DROP TABLE, TRUNCATE, ALTER TABLE, CREATE INDEX) names a view. */
  public static DbException notATable(String name, String hint) {
    return error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table", null, hint);
  }

  public static DbException undefinedView(String name) {
    return error(SqlState.UNDEFINED_TABLE, "view \"" + name + "\" does not exist");
  }

  /** COMMENT ON {@code kind} naming a relation of another kind ("\"t\" is not an index"). */
  public static DbException notAKindOf(String name, String kind) {
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    return error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not " + article + kind);
  }

  public static DbException notAView(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view", null, "Use DROP TABLE to remove a table.");
  }

  /** A prepared statement's table changed so that its result columns differ from what was described. */
  public static DbException cachedPlanChangedResultType() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
  }

  public static DbException checkNotBoolean(String type) {
    return error(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type " + type);
  }

  public static DbException checkViolation(String table, String constraint, String failingRow) {
    return error(SqlState.CHECK_VIOLATION,
        "new row for relation \"" + table + "\" violates check constraint \"" + constraint + "\"",
        "Failing row contains " + failingRow + ".", null);
  }

  /** ALTER TABLE ... ADD CHECK on a table with a row that fails it. */
  public static DbException checkViolatedByExistingRow(String table, String constraint) {
    return error(SqlState.CHECK_VIOLATION,
        "check constraint \"" + constraint + "\" of relation \"" + table + "\" is violated by some row");
  }

  public static DbException duplicateConstraint(String constraint, String table) {
    return error(SqlState.DUPLICATE_OBJECT,
        "constraint \"" + constraint + "\" for relation \"" + table + "\" already exists");
  }

  /** ALTER TABLE's wording for a constraint the table does not have. */
  public static DbException undefinedConstraintOf(String constraint, String table) {
    return error(SqlState.UNDEFINED_OBJECT,
        "constraint \"" + constraint + "\" of relation \"" + table + "\" does not exist");
  }

  /** ALTER TABLE ... SET NOT NULL (or ADD COLUMN ... NOT NULL) over rows holding NULL there. */
  public static DbException columnContainsNulls(String column, String table) {
    return error(SqlState.NOT_NULL_VIOLATION,
        "column \"" + column + "\" of relation \"" + table + "\" contains null values");
  }

  public static DbException columnInPrimaryKey(String column) {
    return error(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column + "\" is in a primary key");
  }

  public static DbException duplicateColumnOf(String column, String table) {
    return error(SqlState.DUPLICATE_COLUMN,
        "column \"" + column + "\" of relation \"" + table + "\" already exists");
  }

  public static DbException undefinedColumnOf(String column, String table) {
    return error(SqlState.UNDEFINED_COLUMN,
        "column \"" + column + "\" of relation \"" + table + "\" does not exist");
  }

  // ---------------------------------------------------------------- foreign keys

  public static DbException undefinedForeignKeyColumn(String column) {
    return error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" referenced in foreign key constraint does not exist");
  }

  public static DbException foreignKeyColumnCount() {
    return error(SqlState.INVALID_FOREIGN_KEY, "number of referencing and referenced columns for foreign key disagree");
  }

  public static DbException noUniqueConstraintFor(String table) {
    return error(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching given keys for referenced table \"" + table + "\"");
  }

  public static DbException noPrimaryKeyFor(String table) {
    return error(SqlState.INVALID_FOREIGN_KEY, "there is no primary key for referenced table \"" + table + "\"");
  }

  public static DbException foreignKeyTypes(String name, String column, String parentColumn, String type, String parentType) {
    return error(SqlState.DATATYPE_MISMATCH, "foreign key constraint \"" + name + "\" cannot be implemented",
        "Key columns \"" + column + "\" and \"" + parentColumn + "\" are of incompatible types: " + type + " and " + parentType + ".", null);
  }

  public static DbException referencedNotATable(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, "referenced relation \"" + name + "\" is not a table");
  }

  /** A child row whose key the parent lacks; {@code key}: "(a, b)=(1, 2)". */
  public static DbException foreignKeyMissing(String table, String constraint, String key, String parent) {
    return error(SqlState.FOREIGN_KEY_VIOLATION,
        "insert or update on table \"" + table + "\" violates foreign key constraint \"" + constraint + "\"",
        "Key " + key + " is not present in table \"" + parent + "\".", null);
  }

  /** A parent row still referenced by a child (NO ACTION, RESTRICT). */
  public static DbException foreignKeyReferenced(String parent, String constraint, String child, String key) {
    return error(SqlState.FOREIGN_KEY_VIOLATION,
        "update or delete on table \"" + parent + "\" violates foreign key constraint \"" + constraint + "\" on table \"" + child + "\"",
        "Key " + key + " is still referenced from table \"" + child + "\".", null);
  }

  public static DbException dropReferencedTable(String table, String constraint, String child) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + table + " because other objects depend on it",
        "constraint " + constraint + " on table " + child + " depends on table " + table,
        "Use DROP ... CASCADE to drop the dependent objects too.");
  }

  public static DbException dropReferencedColumn(String column, String table, String constraint, String child) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
        "cannot drop column " + column + " of table " + table + " because other objects depend on it",
        "constraint " + constraint + " on table " + child + " depends on column " + column + " of table " + table,
        "Use DROP ... CASCADE to drop the dependent objects too.");
  }

  /** DROP of a table or view a view reads ({@code kind}: "table" or "view"). */
  public static DbException dependentView(String kind, String name, String view) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + kind + " " + name + " because other objects depend on it",
        "view " + view + " depends on " + kind + " " + name, "Use DROP ... CASCADE to drop the dependent objects too.");
  }

  public static DbException truncateReferenced(String child, String parent) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced in a foreign key constraint",
        "Table \"" + child + "\" references \"" + parent + "\".",
        "Truncate table \"" + child + "\" at the same time, or use TRUNCATE ... CASCADE.");
  }

  /** CREATE of an unqualified name when the search path lists no existing schema. */
  public static DbException noSchemaSelected() {
    return error(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
  }

  /** CREATE of a relation in pg_catalog, information_schema or pg_toast. */
  public static DbException systemSchemaCreate(String relname, String schema) {
    return error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"" + schema + "." + relname + "\"",
        "System catalog modifications are currently disallowed.", null);
  }

  public static DbException reservedSchemaName(String name) {
    return error(SqlState.RESERVED_NAME, "unacceptable schema name \"" + name + "\"",
        "The prefix \"pg_\" is reserved for system schemas.", null);
  }

  public static DbException duplicateSchema(String name) {
    return error(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
  }

  /** CREATE SCHEMA past the configured count of schemas (DSQL allows 10 besides public). */
  public static DbException tooManySchemas(int max) {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "more than " + max + " schemas are not allowed");
  }

  /** DROP SCHEMA of a schema that still holds relations or sequences (CASCADE is not supported). */
  public static DbException schemaNotEmpty(String name) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name + " because other objects depend on it",
        null, "Use DROP ... CASCADE to drop the dependent objects too.");
  }

  /** A statement that names an object in a schema that does not exist (DDL, TRUNCATE). */
  public static DbException undefinedSchema(String name) {
    return error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
  }

  /** DROP TABLE's wording for a missing table: "table \"t\" does not exist". */
  public static DbException undefinedTable(String name) {
    return error(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
  }

  public static DbException missingFromClauseEntry(String table) {
    return error(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + table + "\"");
  }

  public static DbException undefinedColumn(String name) {
    return error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
  }

  /** PostgreSQL leaves a qualified name unquoted here: "column t.x does not exist". */
  public static DbException undefinedColumn(String qualifier, String name) {
    return error(SqlState.UNDEFINED_COLUMN, "column " + qualifier + "." + name + " does not exist");
  }

  public static DbException undefinedColumnInJoin(String name, String side) {
    return error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause does not exist in " + side + " table");
  }

  public static DbException distinctOnOrder() {
    return error(SqlState.INVALID_COLUMN_REFERENCE, "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
  }

  public static DbException valuesListsLengthMismatch() {
    return error(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
  }

  public static DbException tooManyIndexColumns(int max) {
    return error(SqlState.TOO_MANY_COLUMNS, "cannot use more than " + max + " columns in an index");
  }

  public static DbException indexOnPopulatedTable(String table) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE INDEX on table \"" + table + "\", which has rows, is not supported",
        null, "Use CREATE INDEX ASYNC to build an index on a table that has rows.");
  }

  /** sys.wait_for_job of an id no job has. */
  public static DbException undefinedJob(String jobId) {
    return error(SqlState.UNDEFINED_OBJECT, "job \"" + jobId + "\" does not exist");
  }

  /** What sys.jobs.details says of a unique index build that met a duplicate key. */
  public static String duplicateKeyDetails(String index, String columns, String values) {
    return "could not create unique index \"" + index + "\": Key (" + columns + ")=(" + values + ") is duplicated.";
  }

  public static DbException undefinedIndex(String name) {
    return error(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
  }

  public static DbException duplicateRelation(String name) {
    return error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
  }

  public static DbException seriesStepZero() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
  }

  public static DbException onConflictNeedsTarget() {
    return error(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
        null, "For example, ON CONFLICT (column_name).");
  }

  public static DbException noMatchingConflictConstraint() {
    return error(SqlState.INVALID_COLUMN_REFERENCE,
        "there is no unique or exclusion constraint matching the ON CONFLICT specification");
  }

  public static DbException onConflictAffectsRowTwice() {
    return error(SqlState.CARDINALITY_VIOLATION, "ON CONFLICT DO UPDATE command cannot affect row a second time", null,
        "Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
  }

  public static DbException undefinedConstraint(String name, String table) {
    return error(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for table \"" + table + "\" does not exist");
  }

  public static DbException ambiguousColumn(String name) {
    return error(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous");
  }

  public static DbException duplicateAlias(String alias) {
    return error(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once");
  }

  public static DbException subqueryNeedsAlias() {
    return error(SqlState.SYNTAX_ERROR, "subquery in FROM must have an alias", null,
        "For example, FROM (SELECT ...) [AS] foo.");
  }

  public static DbException subqueryTooManyColumns() {
    return error(SqlState.SYNTAX_ERROR, "subquery must return only one column");
  }

  /** A row compared with a subquery of fewer columns: {@code (a, b) IN (SELECT x ...)}. */
  public static DbException subqueryTooFewColumns() {
    return error(SqlState.SYNTAX_ERROR, "subquery has too few columns");
  }

  /** A row compared with a subquery of more columns: {@code (a, b) = (SELECT x, y, z ...)}. */
  public static DbException subqueryHasTooManyColumns() {
    return error(SqlState.SYNTAX_ERROR, "subquery has too many columns");
  }

  public static DbException multipleColumnUpdateSource() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression");
  }

  public static DbException modifyingWithNotAtTopLevel() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "WITH clause containing a data-modifying statement must be at the top level");
  }

  public static DbException withQueryWithoutReturning(String name) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "WITH query \"" + name + "\" does not have a RETURNING clause");
  }

  public static DbException withTiesWithoutOrderBy() {
    return error(SqlState.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause");
  }

  public static DbException fetchWithTiesNullCount() {
    return error(SqlState.INVALID_ROW_COUNT_IN_LIMIT, "row count cannot be null in FETCH FIRST ... WITH TIES clause");
  }

  public static DbException unequalRowEntries() {
    return error(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions");
  }

  public static DbException subqueryTooManyRows() {
    return error(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
  }

  public static DbException setOpColumnCount(String op) {
    return error(SqlState.SYNTAX_ERROR, "each " + op + " query must have the same number of columns");
  }

  public static DbException tooManyColumnAliases(String alias, int have, int given) {
    return error(SqlState.INVALID_COLUMN_REFERENCE,
        "table \"" + alias + "\" has " + have + " columns available but " + given + " columns specified");
  }

  /** SEARCH or CYCLE on a WITH query that does not refer to itself. */
  public static DbException withQueryNotRecursive() {
    return error(SqlState.SYNTAX_ERROR, "WITH query is not recursive");
  }

  /** {@code clause} is "search" or "cycle": a column of its BY list the WITH query does not have. */
  public static DbException searchCycleColumnNotInList(String clause, String name) {
    return error(SqlState.SYNTAX_ERROR, clause + " column \"" + name + "\" not in WITH query column list");
  }

  public static DbException searchCycleColumnTwice(String clause, String name) {
    return error(SqlState.DUPLICATE_COLUMN, clause + " column \"" + name + "\" specified more than once");
  }

  /** Two of the columns SEARCH and CYCLE add have one name ({@code what}: "cycle mark column name and cycle path column name"). */
  public static DbException searchCycleNamesSame(String what) {
    return error(SqlState.SYNTAX_ERROR, what + " are the same");
  }

  public static DbException searchCycleRightSideNotSelect() {
    return error(SqlState.SYNTAX_ERROR, "with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT");
  }

  public static DbException searchCycleLeftSideNotSelect() {
    return error(SqlState.SYNTAX_ERROR, "with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT");
  }

  public static DbException searchCycleReferenceNotTopLevel(String name) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "with a SEARCH or CYCLE clause, the recursive reference to WITH query \""
        + name + "\" must be at the top level of its right-hand SELECT");
  }

  public static DbException recursiveQueryNotUnion(String name) {
    return error(SqlState.INVALID_RECURSION, "recursive query \"" + name + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
  }

  /** A query's sorts, hashes and intermediate results outgrew opendsql.sql.query-memory-limit. */
  public static DbException queryMemoryExceeded(long limitBytes) {
    return error(SqlState.OUT_OF_MEMORY, "out of memory", "Query needed more than " + bytes(limitBytes)
        + " of working memory (opendsql.sql.query-memory-limit).", null);
  }

  public static DbException undefinedColumnOfRelation(String column, String relation) {
    return error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + relation + "\" does not exist");
  }

  public static DbException undefinedKeyColumn(String column) {
    return error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" named in key does not exist");
  }

  /** {@code argTypes}: the SQL names of the arguments' types, in order. */
  public static DbException undefinedFunction(String name, List<String> argTypes) {
    return error(SqlState.UNDEFINED_FUNCTION, "function " + name + "(" + String.join(", ", argTypes) + ") does not exist",
        null, "No function matches the given name and argument types. You might need to add explicit type casts.");
  }

  /** CALL of a procedure that does not exist (the only one is sys.wait_for_job). */
  public static DbException undefinedProcedure(String name, List<String> argTypes) {
    return error(SqlState.UNDEFINED_FUNCTION, "procedure " + name + "(" + String.join(", ", argTypes) + ") does not exist",
        null, "No procedure matches the given name and argument types. You might need to add explicit type casts.");
  }

  public static DbException undefinedOperator(String leftType, String operator, String rightType) {
    return error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + leftType + " " + operator + " " + rightType,
        null, "No operator matches the given name and argument types. You might need to add explicit type casts.");
  }

  public static DbException undefinedPrefixOperator(String operator, String type) {
    return error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + operator + " " + type,
        null, "No operator matches the given name and argument types. You might need to add explicit type casts.");
  }

  public static DbException undefinedType(String name) {
    return error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
  }

  /** A collation other than those of a C-locale database (C, POSIX, default, ucs_basic). */
  public static DbException undefinedCollation(String name) {
    return error(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" for encoding \"UTF8\" does not exist");
  }

  public static DbException unrecognizedParameter(String name) {
    return error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
  }

  public static DbException duplicateTable(String name) {
    return error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
  }

  public static DbException duplicateColumn(String name) {
    return error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
  }

  public static DbException duplicateKeyColumn(String name) {
    return error(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears twice in primary key constraint");
  }

  public static DbException duplicatePreparedStatement(String name) {
    return error(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
  }

  public static DbException duplicatePortal(String name) {
    return error(SqlState.DUPLICATE_CURSOR, "portal \"" + name + "\" already exists");
  }

  /** {@code construct} names the place: "argument of WHERE must be type boolean, not type integer". */
  public static DbException argumentTypeMismatch(String construct, String expectedType, String actualType) {
    return error(SqlState.DATATYPE_MISMATCH,
        "argument of " + construct + " must be type " + expectedType + ", not type " + actualType);
  }

  public static DbException collationsNotSupported(String type) {
    return error(SqlState.DATATYPE_MISMATCH, "collations are not supported by type " + type);
  }

  /** {@code place}: "WHERE", "aggregate function calls", ... */
  public static DbException setReturningNotAllowed(String place) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in " + place);
  }

  public static DbException cannotSubscript(String type) {
    return error(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + type + " because it does not support subscripting");
  }

  public static DbException arraySubscriptNotInteger() {
    return error(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer");
  }

  public static DbException emptyArrayTypeUnknown() {
    return error(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array", null,
        "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
  }

  public static DbException anyAllNeedsArray() {
    return error(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side");
  }

  public static DbException cannotCast(String fromType, String toType) {
    return error(SqlState.CANNOT_COERCE, "cannot cast type " + fromType + " to " + toType);
  }

  /** Branch types of one category without a cast between them: CASE/WHEN could not convert type date to time. */
  public static DbException couldNotConvert(String construct, String fromType, String toType) {
    return error(SqlState.CANNOT_COERCE, construct + " could not convert type " + fromType + " to " + toType);
  }

  /** {@code construct}: "CASE", "COALESCE", ... */
  public static DbException typesCannotBeMatched(String construct, String typeA, String typeB) {
    return error(SqlState.DATATYPE_MISMATCH, construct + " types " + typeA + " and " + typeB + " cannot be matched");
  }

  public static DbException columnTypeMismatch(String column, String columnType, String expressionType) {
    return error(SqlState.DATATYPE_MISMATCH,
        "column \"" + column + "\" is of type " + columnType + " but expression is of type " + expressionType,
        null, "You will need to rewrite or cast the expression.");
  }

  public static DbException ungroupedColumn(String qualifier, String column) {
    return error(SqlState.GROUPING_ERROR, "column \"" + qualifier + "." + column
        + "\" must appear in the GROUP BY clause or be used in an aggregate function");
  }

  /** {@code clause}: "WHERE", "RETURNING", ... */
  public static DbException groupingNotAllowed(String clause) {
    return error(SqlState.GROUPING_ERROR, "grouping operations are not allowed in " + clause);
  }

  public static DbException groupingArgumentNotGrouped() {
    return error(SqlState.GROUPING_ERROR, "arguments to GROUPING must be grouping expressions of the associated query level");
  }

  public static DbException groupingTooManyArguments() {
    return error(SqlState.TOO_MANY_ARGUMENTS, "GROUPING must have fewer than 32 arguments");
  }

  public static DbException aggregateNotAllowed(String clause) {
    return error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + clause);
  }

  // Window functions: PostgreSQL's words (parse_agg.c, parse_clause.c, gram.y, nodeWindowAgg.c).

  /** {@code clause}: WHERE, GROUP BY, HAVING, JOIN conditions, VALUES, LIMIT, window definitions ... */
  public static DbException windowFunctionNotAllowed(String clause) {
    return error(SqlState.WINDOWING_ERROR, "window functions are not allowed in " + clause);
  }

  public static DbException nestedWindowFunction() {
    return error(SqlState.WINDOWING_ERROR, "window function calls cannot be nested");
  }

  public static DbException windowFunctionInAggregate() {
    return error(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls");
  }

  public static DbException windowFunctionNeedsOver(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, "window function " + name + " requires an OVER clause");
  }

  public static DbException notWindowFunction(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE,
        "OVER specified, but " + name + " is not a window function nor an aggregate function");
  }

  public static DbException undefinedWindow(String name) {
    return error(SqlState.UNDEFINED_OBJECT, "window \"" + name + "\" does not exist");
  }

  public static DbException duplicateWindow(String name) {
    return error(SqlState.WINDOWING_ERROR, "window \"" + name + "\" is already defined");
  }

  /** {@code clause}: "PARTITION BY" or "ORDER BY". */
  public static DbException cannotOverrideWindowClause(String clause, String name) {
    return error(SqlState.WINDOWING_ERROR, "cannot override " + clause + " clause of window \"" + name + "\"");
  }

  public static DbException cannotCopyWindowWithFrame(String name, boolean parenthesized) {
    return error(SqlState.WINDOWING_ERROR, "cannot copy window \"" + name + "\" because it has a frame clause", null,
        parenthesized ? "Omit the parentheses in this OVER clause." : null);
  }

  /** The frame bound combinations gram.y refuses, e.g. "frame start cannot be UNBOUNDED FOLLOWING". */
  public static DbException invalidFrame(String why) {
    return error(SqlState.WINDOWING_ERROR, why);
  }

  public static DbException rangeOffsetNeedsOneOrderColumn() {
    return error(SqlState.WINDOWING_ERROR, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
  }

  public static DbException groupsNeedsOrderBy() {
    return error(SqlState.WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause");
  }

  /** {@code offsetType} null: the column type has no RANGE offsets at all. */
  public static DbException rangeOffsetNotSupported(String columnType, String offsetType) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
        + columnType + (offsetType == null ? "" : " and offset type " + offsetType));
  }

  /** {@code mode}: ROWS or GROUPS. */
  public static DbException frameOffsetHasVariables(String mode) {
    return error(SqlState.INVALID_COLUMN_REFERENCE, "argument of " + mode + " must not contain variables");
  }

  /** {@code which}: "starting" or "ending". */
  public static DbException negativeFrameOffset(String which) {
    return error(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame " + which + " offset must not be negative");
  }

  public static DbException nullFrameOffset(String which) {
    return error(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
  }

  public static DbException invalidRangeOffset() {
    return error(SqlState.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "invalid preceding or following size in window function");
  }

  public static DbException ntileNotPositive() {
    return error(SqlState.INVALID_ARGUMENT_FOR_NTILE, "argument of ntile must be greater than zero");
  }

  public static DbException nthValueNotPositive() {
    return error(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE, "argument of nth_value must be greater than zero");
  }

  /** {@code what}: "DISTINCT" or "aggregate ORDER BY". */
  public static DbException notImplementedForWindowFunctions(String what) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, what + " is not implemented for window functions");
  }

  public static DbException filterOnNonAggregateWindowFunction() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "FILTER is not implemented for non-aggregate window functions");
  }

  public static DbException polymorphicUnknown() {
    return error(SqlState.DATATYPE_MISMATCH, "could not determine polymorphic type because input has type unknown");
  }

  public static DbException nestedAggregate() {
    return error(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested");
  }

  /** {@code count()}: PostgreSQL has no parameterless aggregate but {@code count(*)}. */
  public static DbException parameterlessAggregate(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, name + "(*) must be used to call a parameterless aggregate function");
  }

  /** {@code what}: "FILTER", "DISTINCT", "ORDER BY" used on a function that is not an aggregate. */
  public static DbException notAnAggregate(String what, String function) {
    return error(SqlState.WRONG_OBJECT_TYPE, what + " specified, but " + function + " is not an aggregate function");
  }

  /** {@code percentile}: as C's %g prints it. */
  public static DbException percentileOutOfRange(double percentile) {
    String v = new java.math.BigDecimal(Double.toString(percentile)).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "percentile value " + v + " is not between 0 and 1");
  }

  public static DbException aggregateDistinctOrderBy() {
    return error(SqlState.INVALID_COLUMN_REFERENCE,
        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
  }

  public static DbException ambiguousFunction(String name, List<String> argTypes) {
    return error(SqlState.AMBIGUOUS_FUNCTION, "function " + name + "(" + String.join(", ", argTypes) + ") is not unique",
        null, "Could not choose a best candidate function. You might need to add explicit type casts.");
  }

  /** {@code clause}: "GROUP BY" or "ORDER BY". */
  public static DbException positionNotInSelectList(String clause, int position) {
    return error(SqlState.INVALID_COLUMN_REFERENCE, clause + " position " + position + " is not in select list");
  }

  public static DbException orderByNotInDistinctSelectList() {
    return error(SqlState.INVALID_COLUMN_REFERENCE, "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
  }

  public static DbException multiplePrimaryKeys(String table) {
    return error(SqlState.INVALID_TABLE_DEFINITION, "multiple primary keys for table \"" + table + "\" are not allowed");
  }

  // ---------------------------------------------------------------- 53, 54: resources and DSQL's limits

  public static DbException tooManyConnections() {
    return fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already", null, null);
  }

  public static DbException connectionRateExceeded() {
    return fatal(SqlState.CONFIGURATION_LIMIT_EXCEEDED, "unable to accept connection, rate exceeded", null,
        "retry the connection after a short wait");
  }

  public static DbException requestedLengthTooLarge() {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
  }

  public static DbException nullCharacterNotPermitted() {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
  }

  public static DbException requestedCharacterTooLarge(long code) {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
  }

  public static DbException requestedCharacterNotValid(long code) {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character not valid for encoding: " + code);
  }

  public static DbException rowLimit() {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction row limit exceeded");
  }

  /** DSQL's text, with the configured limit written the way DSQL writes it (10 MiB: "10mb"). */
  public static DbException sizeLimit(long maxBytes) {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction size limit " + bytes(maxBytes) + " exceeded");
  }

  /** DSQL's text, with the configured limit in seconds (300 s: "300s"). */
  public static DbException ageLimit(Duration maxAge) {
    return error(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction age limit of " + maxAge.toSeconds() + "s exceeded");
  }

  private static String bytes(long n) {
    if (n % (1L << 30) == 0) return (n >> 30) + "gb";
    if (n % (1L << 20) == 0) return (n >> 20) + "mb";
    if (n % (1L << 10) == 0) return (n >> 10) + "kb";
    return n + "b";
  }

  // ---------------------------------------------------------------- 57: operator intervention

  public static DbException queryCanceled() {
    return error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
  }

  /** A wait inside the server ran out; the statement, not the connection, ends. */
  public static DbException internalTimeout() {
    return error(SqlState.QUERY_CANCELED, "canceling statement due to internal timeout");
  }

  /**
   * A storage replica could not prove the transaction's snapshot complete in time: a journal
   * stopped closing timestamps (it is failing over, or lost its quorum). Nothing was read or
   * changed, and a retry is served once the journal's next incarnation runs, so clients are told
   * to retry (40001), not that their statement was canceled.
   */
  public static DbException storageUnavailable() {
    return error(SqlState.SERIALIZATION_FAILURE,
        "storage could not prove the transaction's snapshot complete in time (a journal may be failing over), please retry");
  }

  /** No storage replica answered a read within the read timeout (their nodes may be paused or lost). */
  public static DbException readTimedOut() {
    return error(SqlState.SERIALIZATION_FAILURE, "no storage replica answered the read in time, please retry");
  }

  /** The client did not finish logging in within opendsql.pgwire.authentication-timeout. */
  public static DbException authenticationTimeout() {
    return fatal(SqlState.QUERY_CANCELED, "canceling authentication due to timeout", null, null);
  }

  /** A connection that arrives while the node is leaving (PostgreSQL's shutdown wording). */
  public static DbException shuttingDown() {
    return fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down", null, null);
  }

  public static DbException adminShutdown() {
    return fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command", null, null);
  }

  public static DbException connectionAgeLimit(Duration limit) {
    String age = limit.toSeconds() % 60 == 0 && limit.toMinutes() > 0
        ? limit.toMinutes() + " minutes" : limit.toSeconds() + " seconds";
    return fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection: connection age limit of " + age + " exceeded",
        null, "reconnect to continue");
  }

  /**
   * A statement nested deeper than the thread's stack allows (PostgreSQL's check_stack_depth).
   * The hint names PostgreSQL's setting because clients and ORMs match on this text.
   */
  public static DbException stackDepthExceeded() {
    return error(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", null,
        "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
            + "platform's stack depth limit is adequate.");
  }

  // ---------------------------------------------------------------- XX: internal error

  public static DbException internal(String what) {
    return error(SqlState.INTERNAL_ERROR, what);
  }

  /** Anything thrown that is not a DbException: a bug, shown to the client as XX000. */
  public static DbException unexpected(Throwable cause) {
    if (cause instanceof StackOverflowError) return stackDepthExceeded();
    return internal("internal error: " + cause);
  }


  // ---------------------------------------------------------------- sequences and identity columns

  /** DSQL requires CACHE on every sequence: it decides between strict order (1) and throughput (>= 65536). */
  public static DbException sequenceCacheRequired() {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "CACHE must be specified for a sequence",
        null, "Specify CACHE 1, or CACHE 65536 or more.");
  }

  public static DbException sequenceCacheNotSupported(long cache) {
    return error(SqlState.FEATURE_NOT_SUPPORTED, "CACHE " + cache + " is not supported",
        null, "Specify CACHE 1, or CACHE 65536 or more.");
  }

  public static DbException sequenceCacheNotPositive(long cache) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache + ") must be greater than zero");
  }

  public static DbException sequenceIncrementZero() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
  }

  public static DbException sequenceType(boolean identity) {
    return error(SqlState.INVALID_PARAMETER_VALUE, (identity ? "identity column" : "sequence")
        + " type must be smallint, integer, or bigint");
  }

  /** {@code which}: MINVALUE or MAXVALUE. */
  public static DbException sequenceBoundOutOfRange(String which, long value, String type) {
    return error(SqlState.INVALID_PARAMETER_VALUE, which + " (" + value + ") is out of range for sequence data type " + type);
  }

  public static DbException sequenceMinNotBelowMax(long min, long max) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + min + ") must be less than MAXVALUE (" + max + ")");
  }

  /** {@code which}: START or RESTART. */
  public static DbException sequenceStartBelowMin(String which, long start, long min) {
    return error(SqlState.INVALID_PARAMETER_VALUE, which + " value (" + start + ") cannot be less than MINVALUE (" + min + ")");
  }

  public static DbException sequenceStartAboveMax(String which, long start, long max) {
    return error(SqlState.INVALID_PARAMETER_VALUE, which + " value (" + start + ") cannot be greater than MAXVALUE (" + max + ")");
  }

  public static DbException conflictingOptions() {
    return error(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
  }

  public static DbException sequenceLimitReached(boolean maximum, String name, long limit) {
    return error(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached " + (maximum ? "maximum" : "minimum")
        + " value of sequence \"" + name + "\" (" + limit + ")");
  }

  public static DbException setvalOutOfBounds(long value, String name, long min, long max) {
    return error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value + " is out of bounds for sequence \""
        + name + "\" (" + min + ".." + max + ")");
  }

  public static DbException currvalNotDefined(String name) {
    return error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "currval of sequence \"" + name + "\" is not yet defined in this session");
  }

  public static DbException lastvalNotDefined() {
    return error(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
  }

  /** regclass input that is no name: an empty string, an unterminated quote. */
  public static DbException invalidNameSyntax() {
    return error(SqlState.INVALID_NAME, "invalid name syntax");
  }

  public static DbException notASequence(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a sequence");
  }

  public static DbException notATable(String name) {
    return error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table", null, "Use DROP SEQUENCE to remove a sequence.");
  }

  public static DbException undefinedSequence(String name) {
    return error(SqlState.UNDEFINED_TABLE, "sequence \"" + name + "\" does not exist");
  }

  public static DbException sequenceRequiredByColumn(String sequence, String column, String table) {
    return error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + sequence + " because column " + column
        + " of table " + table + " requires it", null, "You can drop table " + table + " instead.");
  }

  public static DbException identityInsert(String column) {
    return error(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"" + column + "\"",
        "Column \"" + column + "\" is an identity column defined as GENERATED ALWAYS.",
        "Use OVERRIDING SYSTEM VALUE to override.");
  }

  public static DbException identityUpdate(String column) {
    return error(SqlState.GENERATED_ALWAYS, "column \"" + column + "\" can only be updated to DEFAULT",
        "Column \"" + column + "\" is an identity column defined as GENERATED ALWAYS.", null);
  }

  public static DbException identityWithDefault(String column, String table) {
    return error(SqlState.SYNTAX_ERROR, "both default and identity specified for column \"" + column + "\" of table \""
        + table + "\"");
  }

  public static DbException sequenceReadOnly(String function) {
    return error(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + function + "() in a read-only transaction");
  }

  public static DbException invalidOwnedBy() {
    return error(SqlState.INVALID_PARAMETER_VALUE, "invalid OWNED BY option", null,
        "Specify OWNED BY table.column or OWNED BY NONE.");
  }

  // ---------------------------------------------------------------- deserializers

  // ---------------------------------------------------------------- json and jsonb

  /** Malformed json text (22P02); {@code detail} says what was wrong, as PostgreSQL's lexer does. */
  public static DbException invalidJson(String detail) {
    return error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json", detail, null);
  }

  /** {@code \u0000} where text is made of a json string (jsonb input, ->> of json): 22P05. */
  public static DbException jsonNullCharacter() {
    return error(SqlState.UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence",
        "\\u0000 cannot be converted to text.", null);
  }

  /** A json function applied to a value of the wrong kind ("cannot call jsonb_each on a non-object"): 22023. */
  public static DbException jsonWrongKind(String message) {
    return error(SqlState.INVALID_PARAMETER_VALUE, message);
  }

  /** A jsonb scalar of the wrong kind cast to a SQL type ("cannot cast jsonb string to type integer"): 22023. */
  public static DbException jsonbCannotCast(String kind, String type) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + kind + " to type " + type);
  }

  /** A path element of #>, #- or jsonb_set that must be an array index and is not a number: 22P02. */
  public static DbException jsonPathNotInteger(int position, String element) {
    return error(SqlState.INVALID_TEXT_REPRESENTATION,
        "path element at position " + position + " is not an integer: \"" + element + "\"");
  }

  /** json_object / jsonb_object of an array with an odd count or more than two dimensions: 2202E. */
  public static DbException jsonObjectArrayShape(String message) {
    return error(SqlState.ARRAY_SUBSCRIPT_ERROR, message);
  }

  /** A NULL where a json object key is required (json_object, json_build_object): 22004 or 22023. */
  public static DbException jsonNullKey(boolean nullValueState, String message) {
    return error(nullValueState ? SqlState.NULL_VALUE_NOT_ALLOWED : SqlState.INVALID_PARAMETER_VALUE, message);
  }

  /** json_build_object with an odd number of arguments: 22023. */
  public static DbException jsonBuildOddArguments(String function) {
    return error(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements",
        null, "The arguments of " + function + "() must consist of alternating keys and values.");
  }

  /** A key or index over a type without btree ordering (json): 42704. */
  public static DbException noDefaultBtreeOperatorClass(String type) {
    return error(SqlState.UNDEFINED_OBJECT, "data type " + type + " has no default operator class for access method \"btree\"",
        null, "You must specify an operator class for the index or define a default operator class for the data type.");
  }

  /** jsonb_recv of a version other than 1 (22000 in PostgreSQL, an elog). */
  public static DbException unsupportedJsonbVersion(int version) {
    return error(SqlState.DATA_EXCEPTION, "unsupported jsonb version number " + version);
  }

  /** json has no equality or ordering operator: DISTINCT, GROUP BY, ORDER BY, UNION over it are 42883. */
  public static DbException noEqualityOperator(String what, String type) {
    return error(SqlState.UNDEFINED_FUNCTION, "could not identify an " + what + " operator for type " + type);
  }

  /**
   * For deserializers only: rebuilds an error that another node created through one of the
   * factories above and sent over the wire. Nothing else may call this, because a text written
   * at the call site is exactly what this class exists to prevent.
   */
  public static DbException restore(SqlState state, DbException.Severity severity, String message, String detail,
      String hint) {
    return new DbException(state, severity, message, detail, hint);
  }

  private static DbException protocolViolation(String why) {
    return error(SqlState.PROTOCOL_VIOLATION, why);
  }

  private static DbException fatalProtocolViolation(String why) {
    return fatal(SqlState.PROTOCOL_VIOLATION, why, null, null);
  }

  private static DbException error(SqlState state, String message) {
    return new DbException(state, DbException.Severity.ERROR, message, null, null);
  }

  private static DbException error(SqlState state, String message, String detail, String hint) {
    return new DbException(state, DbException.Severity.ERROR, message, detail, hint);
  }

  private static DbException fatal(SqlState state, String message, String detail, String hint) {
    return new DbException(state, DbException.Severity.FATAL, message, detail, hint);
  }
}
