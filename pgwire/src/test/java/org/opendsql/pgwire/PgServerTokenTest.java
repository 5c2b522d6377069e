package org.opendsql.pgwire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opendsql.core.auth.Tokens;

/**
 * Tokens over a real TLS connection with pgjdbc, against the server's real authenticator: only a
 * token signed with this cluster's key, not expired, for this endpoint, this user and the action
 * that user needs logs in; every other one is refused with FATAL 28000 before any session opens.
 */
@Timeout(60)
class PgServerTokenTest {
  private static final byte[] KEY = "this-cluster-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final String ENDPOINT = "cluster-a.dsql.example.com";
  private static final Tokens ISSUER = new Tokens(KEY);

  static TestServers srv;

  @BeforeAll
  static void start() throws Exception {
    srv = new TestServers("", new Tokens(KEY, ENDPOINT));
  }

  @AfterAll
  static void stop() throws Exception {
    srv.close();
  }

  @Test
  void aValidTokenLogsIn() throws Exception {
    try (Connection c = connect("admin", ISSUER.issue(ENDPOINT, "admin", 60));
         ResultSet rs = c.createStatement().executeQuery("select 1")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void aTokenWithAnAlteredSignatureIsRefused() {
    String t = ISSUER.issue(ENDPOINT, "admin", 60);
    char last = t.charAt(t.length() - 1);
    refused("admin", t.substring(0, t.length() - 1) + (last == 'A' ? 'B' : 'A'), "signature does not match");
  }

  @Test
  void aTokenWhoseClaimsWereEditedIsRefused() {
    String t = ISSUER.issue(ENDPOINT, "alice", 60).replace("Action=DbConnect&", "Action=DbConnectAdmin&")
        .replace("User=alice", "User=admin");
    refused("admin", t, "signature does not match");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    Tokens forger = new Tokens("some-other-key-0123456789".getBytes(StandardCharsets.UTF_8));
    refused("admin", forger.issue(ENDPOINT, "admin", 60), "signature does not match");
  }

  @Test
  void anExpiredTokenIsRefused() {
    Tokens past = new Tokens(KEY, () -> System.currentTimeMillis() / 1000 - 3600);
    refused("admin", past.issue(ENDPOINT, "admin", 60), "token expired");
  }

  @Test
  void aTokenForAnotherEndpointIsRefused() {
    refused("admin", ISSUER.issue("cluster-b.dsql.example.com", "admin", 60), "token was issued for another endpoint");
  }

  @Test
  void aNonAdminTokenIsRefusedForAdmin() {
    // A DbConnect token names its own user; presented for admin it fails on the user, and one
    // forged to name admin with action DbConnect fails on the action.
    refused("admin", ISSUER.issue(ENDPOINT, "alice", 60), "token was issued for another user");
    String wrongAction = ISSUER.issue(ENDPOINT, "alice", 60);
    refused("alice", wrongAction.replace("alice", "admin"), "signature does not match");
  }

  @Test
  void aTokenOfTheWrongActionIsRefusedEvenWhenProperlySigned() throws Exception {
    // Signed by the cluster key, but DbConnect for the admin user: what a client asking for the
    // wrong action (generate-db-connect-auth-token instead of the admin one) would present.
    String t = signed(ENDPOINT + "/?Action=DbConnect&User=admin&X-Expires=" + (System.currentTimeMillis() / 1000 + 60));
    refused("admin", t, "token action does not allow this user");
  }

  @Test
  void aTokenForAnotherUserIsRefused() {
    refused("bob", ISSUER.issue(ENDPOINT, "alice", 60), "token was issued for another user");
  }

  @Test
  void garbageAndEmptyPasswordsAreRefused() {
    refused("admin", "not a token", "malformed token");
    refused("admin", ENDPOINT + "/?User=admin&X-Signature=", "signature does not match");
  }

  private static void refused(String user, String token, String why) {
    int opened = srv.db.sessionsOpened.get();
    SQLException e = assertThrows(SQLException.class, () -> connect(user, token).close());
    assertEquals("28000", e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains("access denied"), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertEquals(opened, srv.db.sessionsOpened.get(), "no session opened for a refused token");
  }

  private static Connection connect(String user, String token) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", token);
    return DriverManager.getConnection(srv.url(""), p);
  }

  /** Signs arbitrary claims with the cluster key, as only the cluster could. */
  private static String signed(String unsigned) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
    return unsigned + "&X-Signature=" + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
  }
}
