package org.opendsql.sql.expr;

import org.junit.jupiter.api.Test;
import org.opendsql.sql.testkit.PgAnswers;

/** encode/decode and the character set conversions, as PostgreSQL 15 answers them (psql -At). */
class ByteFunctionsTest {
  private final PgAnswers pg = new PgAnswers();

  @Test
  void encodeAndDecodeHexBase64AndEscape() {
    pg.assertAnswer("SELECT encode('hello'::bytea, 'hex'), encode('hello'::bytea, 'base64'), decode('68656c6c6f', 'hex'), encode('\\x00ff5c41'::bytea, 'escape')", "68656c6c6f|aGVsbG8=|\\x68656c6c6f|\\000\\377\\\\A");
    pg.assertAnswer("SELECT encode(repeat('x', 60)::bytea, 'base64')", "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4");
    pg.assertAnswer("SELECT decode('aGVs bG8=', 'base64'), decode('', 'hex'), decode('ABCDEF', 'HEX'), decode('a\\\\b\\101', 'escape')", "\\x68656c6c6f|\\x|\\xabcdef|\\x615c6241");
    pg.assertAnswer("SELECT decode('abc', 'hex')",
        "22023: invalid hexadecimal data: odd number of digits");
    pg.assertAnswer("SELECT decode('a!==', 'base64')",
        "22023: invalid symbol \"!\" found while decoding base64 sequence");
    pg.assertAnswer("SELECT decode('a', 'base64')",
        "22023: invalid base64 end sequence");
    pg.assertAnswer("SELECT encode('x'::bytea, 'foo')",
        "22023: unrecognized encoding: \"foo\"");
  }

  @Test
  void byteaConcatenationStaysByteaAndWithTextIsText() {
    pg.assertAnswer("SELECT '\\x0102'::bytea || '\\x03', '\\x03' || '\\x0102'::bytea, '\\x0102'::bytea || 'ab'::text",
        "\\x010203|\\x030102|\\x0102ab");
    pg.assertAnswer("SELECT md5('\\x01'::bytea || '\\x02'::bytea)", "0cb988d042a7f28dd5fe2b55b3f5ac7a");
  }

  @Test
  void convertFromAndToReadAndWriteOtherEncodings() {
    pg.assertAnswer("SELECT convert_from(decode('5a6fc3ab', 'hex'), 'UTF8'), convert_from('\\xe9'::bytea, 'LATIN1'), convert_to('Zoë', 'latin1'), convert_to('Zoë', 'utf-8')", "Zoë|é|\\x5a6feb|\\x5a6fc3ab");
    pg.assertAnswer("SELECT convert_from('\\xff'::bytea, 'UTF8')",
        "22021: invalid byte sequence for encoding \"UTF8\": 0xff");
    pg.assertAnswer("SELECT convert_to('日本', 'LATIN1')",
        "22P05: character with byte sequence 0xe6 0x97 0xa5 in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\"");
    pg.assertAnswer("SELECT convert_from('\\x41'::bytea, 'nope')",
        "22023: invalid source encoding name \"nope\"");
  }
}
