package org.opendsql.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.session.Authenticator;

/**
 * DSQL-style authentication tokens: a presigned, expiring string used as the connection password.
 * Shape: {@code <endpoint>/?Action=DbConnectAdmin&User=admin&X-Expires=<epoch s>&X-Signature=<b64url>}.
 * The signature is HMAC-SHA256 over everything before {@code &X-Signature=} with the cluster key.
 * The {@code admin} user needs action {@code DbConnectAdmin}; any other user {@code DbConnect}.
 * A server built with its endpoint refuses tokens presigned for another one, as DSQL refuses a
 * token for another cluster's hostname even when both were signed by the same credentials.
 */
public final class Tokens implements Authenticator {
  public static final String ADMIN = "admin";
  private final byte[] key;
  /** The endpoint a token must name to be accepted; null accepts any (issuing-only instances). */
  private final String endpoint;
  private final java.util.function.LongSupplier epochSeconds;

  /** For issuing tokens; as an authenticator it checks no endpoint. */
  public Tokens(byte[] key) {
    this(key, null, () -> System.currentTimeMillis() / 1000);
  }

  public Tokens(byte[] key, java.util.function.LongSupplier epochSeconds) {
    this(key, null, epochSeconds);
  }

  /** The server's authenticator: accepts only tokens presigned for {@code endpoint}. */
  public Tokens(byte[] key, String endpoint) {
    this(key, endpoint, () -> System.currentTimeMillis() / 1000);
  }

  public Tokens(byte[] key, String endpoint, java.util.function.LongSupplier epochSeconds) {
    if (key.length < 16) throw new IllegalArgumentException("token key must be at least 16 bytes");
    if (endpoint != null && endpoint.isBlank()) throw new IllegalArgumentException("token endpoint must not be blank");
    this.key = key.clone();
    this.endpoint = endpoint;
    this.epochSeconds = epochSeconds;
  }

  public String issue(String endpoint, String user, long ttlSeconds) {
    return issue(endpoint, user, ttlSeconds, null);
  }

  /** A token for {@code user} issued to {@code identity} (an IAM-style ARN; null: none). */
  public String issue(String endpoint, String user, long ttlSeconds, String identity) {
    if (ttlSeconds <= 0 || ttlSeconds > 604_800) {
      throw new IllegalArgumentException("expires must be between 1 and 604800 seconds");
    }
    String action = ADMIN.equals(user) ? "DbConnectAdmin" : "DbConnect";
    String unsigned = endpoint + "/?Action=" + action + "&User=" + user
        + (identity == null ? "" : "&Identity=" + java.net.URLEncoder.encode(identity, StandardCharsets.UTF_8))
        + "&X-Expires=" + (epochSeconds.getAsLong() + ttlSeconds);
    return unsigned + "&X-Signature=" + sign(unsigned);
  }

  @Override
  public void authenticate(String user, String password) throws DbException {
    if (password == null || password.isEmpty()) throw Errors.badToken("no token given");
    int sigAt = password.lastIndexOf("&X-Signature=");
    int q = password.indexOf("/?");
    if (sigAt < 0 || q < 0 || q > sigAt) throw Errors.badToken("malformed token");
    String unsigned = password.substring(0, sigAt);
    String sig = password.substring(sigAt + "&X-Signature=".length());
    if (!MessageDigest.isEqual(sign(unsigned).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII))) {
      throw Errors.badToken("signature does not match");
    }
    Map<String, String> p = new LinkedHashMap<>();
    for (String kv : unsigned.substring(q + 2).split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) p.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    long expires;
    try {
      expires = Long.parseLong(p.getOrDefault("X-Expires", ""));
    } catch (NumberFormatException e) {
      throw Errors.badToken("malformed token");
    }
    if (expires < epochSeconds.getAsLong()) throw Errors.badToken("token expired");
    // Host names are case-insensitive.
    if (endpoint != null && !endpoint.equalsIgnoreCase(password.substring(0, q))) {
      throw Errors.badToken("token was issued for another endpoint");
    }
    if (!user.equals(p.get("User"))) throw Errors.badToken("token was issued for another user");
    String want = ADMIN.equals(user) ? "DbConnectAdmin" : "DbConnect";
    if (!want.equals(p.get("Action"))) throw Errors.badToken("token action does not allow this user");
  }

  @Override
  public String identity(String password) {
    int sigAt = password == null ? -1 : password.lastIndexOf("&X-Signature=");
    int q = password == null ? -1 : password.indexOf("/?");
    if (sigAt < 0 || q < 0 || q > sigAt) return null;
    for (String kv : password.substring(q + 2, sigAt).split("&")) {
      if (kv.startsWith("Identity=")) return java.net.URLDecoder.decode(kv.substring("Identity=".length()), StandardCharsets.UTF_8);
    }
    return null;
  }

  private String sign(String s) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
