package org.opendsql.core.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opendsql.core.error.DbException;

class TokensTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final Tokens tokens = new Tokens("0123456789abcdef0123".getBytes(), clock::get);

  @Test
  void adminTokenAdmitsAdminUntilItExpires() {
    String t = tokens.issue("localhost", "admin", 900);
    assertTrue(t.contains("Action=DbConnectAdmin"));
    assertDoesNotThrow(() -> tokens.authenticate("admin", t));
    clock.addAndGet(901);
    DbException e = assertThrows(DbException.class, () -> tokens.authenticate("admin", t));
    assertEquals("28000", e.state().code());
    assertEquals(DbException.Severity.FATAL, e.severity());
  }

  @Test
  void userTokenDoesNotAdmitAdminNorAnotherUser() {
    String t = tokens.issue("localhost", "alice", 900);
    assertTrue(t.contains("Action=DbConnect&"));
    assertDoesNotThrow(() -> tokens.authenticate("alice", t));
    assertThrows(DbException.class, () -> tokens.authenticate("admin", t));
    assertThrows(DbException.class, () -> tokens.authenticate("bob", t));
  }

  @Test
  void tamperedOrForeignTokensAreRefused() {
    String t = tokens.issue("localhost", "admin", 900);
    String longer = t.replace("X-Expires=", "X-Expires=9");
    assertThrows(DbException.class, () -> tokens.authenticate("admin", longer));
    Tokens otherCluster = new Tokens("another-key-another-key".getBytes(), clock::get);
    assertThrows(DbException.class, () -> otherCluster.authenticate("admin", t));
    assertThrows(DbException.class, () -> tokens.authenticate("admin", ""));
    assertThrows(DbException.class, () -> tokens.authenticate("admin", "not a token"));
  }

  @Test
  void expiryMustBePositiveAndAtMostAWeek() {
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("h", "admin", 0));
    assertThrows(IllegalArgumentException.class, () -> tokens.issue("h", "admin", 604_801));
  }

  @Test
  void aServerWithAnEndpointRefusesTokensPresignedForAnother() {
    Tokens server = new Tokens("0123456789abcdef0123".getBytes(), "cluster-a.example.com", clock::get);
    assertDoesNotThrow(() -> server.authenticate("admin", tokens.issue("Cluster-A.example.com", "admin", 900)));
    DbException e = assertThrows(DbException.class,
        () -> server.authenticate("admin", tokens.issue("cluster-b.example.com", "admin", 900)));
    assertEquals("28000", e.state().code());
    assertEquals("token was issued for another endpoint", e.detail());
  }
}
