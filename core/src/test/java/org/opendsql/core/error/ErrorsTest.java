package org.opendsql.core.error;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final long GIB = 1024 * MIB;

  @Test
  void sizeLimitTextCarriesTheConfiguredLimitInDsqlsUnits() {
    DbException dsqlDefault = Errors.sizeLimit(10 * MIB);
    assertEquals("transaction size limit 10mb exceeded", dsqlDefault.getMessage());
    assertEquals("54000", dsqlDefault.state().code());
    assertEquals("transaction size limit 1gb exceeded", Errors.sizeLimit(GIB).getMessage());
    assertEquals("transaction size limit 3mb exceeded", Errors.sizeLimit(3 * MIB).getMessage());
    assertEquals("transaction size limit 1536kb exceeded", Errors.sizeLimit(1536 * KIB).getMessage(),
        "1.5 MiB is not a whole number of megabytes");
    assertEquals("transaction size limit 10000000b exceeded", Errors.sizeLimit(10_000_000).getMessage(),
        "a decimal 10 MB is not DSQL's 10mb");
  }

  @Test
  void ageLimitTextCarriesTheConfiguredLimitInSeconds() {
    DbException dsqlDefault = Errors.ageLimit(Duration.ofSeconds(300));
    assertEquals("transaction age limit of 300s exceeded", dsqlDefault.getMessage());
    assertEquals("54000", dsqlDefault.state().code());
    assertEquals("transaction age limit of 600s exceeded", Errors.ageLimit(Duration.ofMinutes(10)).getMessage());
    assertEquals("transaction age limit of 45s exceeded", Errors.ageLimit(Duration.ofSeconds(45)).getMessage());
  }

  @Test
  void conflictsAreRetryableSerializationFailuresNamingDsqlsOcCodes() {
    DbException write = Errors.writeConflict();
    assertEquals("40001", write.state().code());
    assertEquals("change conflicts with another transaction, please retry: (OC000)", write.getMessage());
    DbException schema = Errors.schemaConflict();
    assertEquals("40001", schema.state().code());
    assertEquals("schema has been updated by another transaction, please retry: (OC001)", schema.getMessage());
    DbException restarted = Errors.adjudicatorRestarted();
    assertEquals("40001", restarted.state().code());
    assertEquals(write.getMessage(), restarted.getMessage(), "the client sees an ordinary OC000 and retries");
    assertNotNull(restarted.detail());
  }

  @Test
  void connectionLevelRefusalsAreFatalWithTheirSqlStates() {
    Map<DbException, String> fatal = Map.ofEntries(
        Map.entry(Errors.sslRequired(), "28000"),
        Map.entry(Errors.badToken("expired"), "28000"),
        Map.entry(Errors.noUserName(), "28000"),
        Map.entry(Errors.tooManyConnections(), "53300"),
        Map.entry(Errors.connectionRateExceeded(), "53400"),
        Map.entry(Errors.connectionAgeLimit(Duration.ofHours(1)), "57P01"),
        Map.entry(Errors.adminShutdown(), "57P01"),
        Map.entry(Errors.unsupportedProtocolVersion(2, 0), "0A000"),
        Map.entry(Errors.invalidMessageLength(3), "08P01"),
        Map.entry(Errors.messageTooLarge(100, 10), "08P01"),
        Map.entry(Errors.invalidStartupPacket(), "08P01"),
        Map.entry(Errors.sslAlreadyNegotiated(), "08P01"),
        Map.entry(Errors.unencryptedDataAfterSslRequest(), "08P01"),
        Map.entry(Errors.expectedPasswordResponse("Query"), "08P01"),
        Map.entry(Errors.invalidMessageType("'x'"), "08P01"));
    assertAll(fatal.entrySet().stream().map(e -> () -> {
      assertEquals(DbException.Severity.FATAL, e.getKey().severity(), e.getKey().getMessage());
      assertEquals(e.getValue(), e.getKey().state().code(), e.getKey().getMessage());
    }));
    assertEquals("expired", Errors.badToken("expired").detail(), "why the token was refused goes in the detail");
  }

  @Test
  void statementLevelErrorsLeaveTheConnectionOpen() {
    List<DbException> statementLevel = List.of(Errors.writeConflict(), Errors.schemaConflict(),
        Errors.commitOutcomeUnknown(), Errors.storageUnavailable(), Errors.sizeLimit(MIB), Errors.rowLimit(),
        Errors.ageLimit(Duration.ofSeconds(1)), Errors.ddlInTransaction(), Errors.inFailedTransaction(),
        Errors.queryCanceled(), Errors.syntaxErrorAt("x"), Errors.insufficientDataInMessage(),
        Errors.bindParameterCountMismatch(1, "s", 2), Errors.internal("x"));
    assertAll(statementLevel.stream().map(e ->
        () -> assertEquals(DbException.Severity.ERROR, e.severity(), e.getMessage())));
  }

  @Test
  void connectionAgeLimitSpeaksInMinutesOnlyForWholeMinutes() {
    assertEquals("terminating connection: connection age limit of 60 minutes exceeded",
        Errors.connectionAgeLimit(Duration.ofHours(1)).getMessage());
    assertEquals("terminating connection: connection age limit of 90 seconds exceeded",
        Errors.connectionAgeLimit(Duration.ofSeconds(90)).getMessage());
    assertEquals("terminating connection: connection age limit of 30 seconds exceeded",
        Errors.connectionAgeLimit(Duration.ofSeconds(30)).getMessage());
  }

  /** Each expectation was read off a PostgreSQL 15 server answering the same condition. */
  @Test
  void parameterisedTextsMatchPostgreSql15() {
    assertText(Errors.undefinedRelation("nosuch"), "42P01", "relation \"nosuch\" does not exist");
    assertText(Errors.undefinedTable("nosuch"), "42P01", "table \"nosuch\" does not exist");
    assertText(Errors.undefinedColumn("nosuch"), "42703", "column \"nosuch\" does not exist");
    assertText(Errors.undefinedColumn("t", "nosuch"), "42703", "column t.nosuch does not exist");
    assertText(Errors.missingFromClauseEntry("x"), "42P01", "missing FROM-clause entry for table \"x\"");
    assertText(Errors.ungroupedColumn("t", "id"), "42803",
        "column \"t.id\" must appear in the GROUP BY clause or be used in an aggregate function");
    assertText(Errors.positionNotInSelectList("ORDER BY", 5), "42P10", "ORDER BY position 5 is not in select list");
    assertText(Errors.argumentTypeMismatch("LIMIT", "bigint", "text"), "42804",
        "argument of LIMIT must be type bigint, not type text");
    assertText(Errors.undefinedOperator("integer", "+", "boolean"), "42883",
        "operator does not exist: integer + boolean");

    DbException unique = Errors.uniqueViolation("t_pkey", "id", "(1)");
    assertText(unique, "23505", "duplicate key value violates unique constraint \"t_pkey\"");
    assertEquals("Key (id)=(1) already exists.", unique.detail());

    DbException notNull = Errors.notNullViolation("v", "t", "(2, null, 1.00)");
    assertText(notNull, "23502", "null value in column \"v\" of relation \"t\" violates not-null constraint");
    assertEquals("Failing row contains (2, null, 1.00).", notNull.detail());

    DbException overflow = Errors.numericFieldOverflow(5, 2);
    assertText(overflow, "22003", "numeric field overflow");
    assertEquals("A field with precision 5, scale 2 must round to an absolute value less than 10^3.",
        overflow.detail());
    assertEquals("A field with precision 2, scale 2 must round to an absolute value less than 1.",
        Errors.numericFieldOverflow(2, 2).detail());

    DbException function = Errors.undefinedFunction("foo", List.of("integer", "text"));
    assertText(function, "42883", "function foo(integer, text) does not exist");
    assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
        function.hint());
  }

  @Test
  void onlyThisPackageCanConstructADbException() {
    assertEquals(0, DbException.class.getConstructors().length);
    for (Constructor<?> c : DbException.class.getDeclaredConstructors()) {
      assertFalse(Modifier.isProtected(c.getModifiers()), c.toString());
    }
  }

  @Test
  void asFatalRaisesOnlyTheSeverity() {
    DbException e = Errors.undefinedFunction("f", List.of()).withDetail("d");
    DbException fatal = e.asFatal();
    assertEquals(DbException.Severity.FATAL, fatal.severity());
    assertEquals(e.state(), fatal.state());
    assertEquals(e.getMessage(), fatal.getMessage());
    assertEquals("d", fatal.detail());
    assertEquals(e.hint(), fatal.hint());
    DbException alreadyFatal = Errors.tooManyConnections();
    assertSame(alreadyFatal, alreadyFatal.asFatal());
  }

  @Test
  void ofUnwrapsAsyncLayersAndTurnsAnythingElseIntoACodedError() {
    DbException conflict = Errors.writeConflict();
    assertSame(conflict, DbException.of(new CompletionException(new ExecutionException(conflict))));

    DbException timeout = DbException.of(new CompletionException(new TimeoutException()));
    assertEquals("57014", timeout.state().code());
    assertEquals("canceling statement due to internal timeout", timeout.getMessage());

    DbException bug = DbException.of(new IllegalStateException("boom"));
    assertEquals("XX000", bug.state().code());
    assertEquals("internal error: java.lang.IllegalStateException: boom", bug.getMessage());
    assertNull(bug.detail());
  }

  private static void assertText(DbException e, String sqlState, String message) {
    assertEquals(sqlState, e.state().code(), message);
    assertEquals(message, e.getMessage());
    assertEquals(DbException.Severity.ERROR, e.severity(), message);
  }
}
