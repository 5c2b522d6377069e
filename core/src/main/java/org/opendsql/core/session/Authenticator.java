package org.opendsql.core.session;

import org.opendsql.core.error.DbException;

/** Checks a connection's password (a signed token). Cheap and non-blocking. */
public interface Authenticator {
  /** Returns normally when {@code password} admits {@code user}; otherwise throws FATAL 28000. */
  void authenticate(String user, String password) throws DbException;

  /**
   * The identity an admitted password was issued to (DSQL's IAM identity), or null when it names
   * none; the session admits the user only if that identity is mapped to its role.
   */
  default String identity(String password) {
    return null;
  }
}
