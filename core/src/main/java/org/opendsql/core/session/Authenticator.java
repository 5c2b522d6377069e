package org.opendsql.core.session;

import org.opendsql.core.error.DbException;

/** Checks a connection's password (a signed token). Cheap and non-blocking. */
public interface Authenticator {
  /** Returns normally when {@code password} admits {@code user}; otherwise throws FATAL 28000. */
  void authenticate(String user, String password) throws DbException;
}
